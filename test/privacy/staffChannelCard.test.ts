/**
 * A Teams user with a ticket deletes their data: the ticket card already posted into the staff channel (it showed
 * their name and messages) is updated in place to the anonymised ticket.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ANONYMISED } from '../../src/handoff/personalData.js';
import { texts } from '../../src/texts.js';
import {
  buttonData,
  cardText,
  cardsOf,
  removeDataDir,
  staffTeamEnv,
  startFakeConnector,
  startHandoffApp,
  ticketCardPosts,
  waitForCardUpdate,
  type FakeConnector,
  type Running,
} from '../handoff/support.js';
import { postActivity, teamsMessage } from '../teams/teamsActivities.js';

const de = texts('de');
const conversationId = 'a:1card-user';
const user = { id: '29:1karl', name: 'Karl Karte', aadObjectId: 'k' };

let running: Running;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  running = await startHandoffApp({ env: staffTeamEnv(connector) });
});

afterAll(async () => {
  await running?.stop();
  if (running) await removeDataDir(running.dataDir);
  await connector?.close();
});

function say(message: { text?: string; value?: unknown }) {
  return postActivity(running.baseUrl, teamsMessage({ serviceUrl: connector.serviceUrl, where: 'personal', conversationId, from: user, ...message }));
}

it('updates the staff channel card to the anonymised ticket', async () => {
  await say({ text: 'Wir brauchen Hilfe bei der KARLMARK-Anlage' });
  await say({ text: 'Ich möchte mit einem Menschen sprechen' });
  const offer = await connector.waitFor((call) => cardText(cardsOf(call.body)[0]).includes(de.handoff.offerTitle));
  await say({ value: buttonData(cardsOf(offer.body)[0], de.handoff.offerConfirm) });
  const post = await connector.waitFor((call) => ticketCardPosts(connector).includes(call));
  expect(cardText(cardsOf(post.body)[0])).toContain('KARLMARK');
  expect(cardText(cardsOf(post.body)[0])).toContain(user.name);

  await say({ text: 'Meine Daten löschen' });
  const ask = await connector.waitFor((call) => cardText(cardsOf(call.body)[0]).includes(de.privacy.confirmTitle));
  await say({ value: buttonData(cardsOf(ask.body)[0], de.privacy.confirmYes) });

  const updated = await waitForCardUpdate(connector, post.answeredId!, ANONYMISED);
  const text = cardText(cardsOf(updated.body)[0]);
  expect(text).not.toContain('KARLMARK');
  expect(text).not.toContain(user.name);
});
