/**
 * "Meine Daten löschen" in Microsoft Teams (the real app on /api/messages, a fake Bot Connector): in the personal chat
 * it asks, then deletes the bot's state of that chat and says so; in a team channel it is not taken (the conversation
 * belongs to several people) and the bot answers as usual.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { texts } from '../../src/texts.js';
import { useTeamsApp } from '../helpers/teamsApp.js';
import { personalChatId, postActivity, teamsMessage } from '../teams/teamsActivities.js';
import { count, rowsMentioning } from './support.js';

const de = texts('de');
const teams = useTeamsApp();

const send = (options: Parameters<typeof teamsMessage>[0]) => teams.send(teamsMessage(options));

it('asks in the personal chat, deletes after "Ja, löschen" and says what was deleted', async () => {
  const serviceUrl = teams.connector.serviceUrl;
  await send({ serviceUrl, where: 'personal', text: 'Wann wurde die Kooperation unterzeichnet?' });
  const stateRows = () => count(teams.running.app.db, 'SELECT COUNT(*) AS n FROM bot_state WHERE key LIKE ?', [`msteams/conversations/${personalChatId}/%`]);
  expect(await stateRows()).toBe(1);

  teams.connector.clear();
  await send({ serviceUrl, where: 'personal', text: 'Meine Daten löschen' });
  const [ask] = teams.connector.messages();
  const card = ask!.body.attachments?.[0]?.content as { actions: { title: string; data: unknown }[] };
  expect(JSON.stringify(card)).toContain(de.privacy.confirmTitle);
  expect(await stateRows()).toBe(1);

  teams.connector.clear();
  await send({ serviceUrl, where: 'personal', value: card.actions.find((a) => a.title === de.privacy.confirmYes)!.data });
  const [done] = teams.connector.messages();
  expect(done!.body.text).toContain(`${de.privacy.kindNames['bot conversation state']}: 1 Eintrag`);
  expect(await stateRows()).toBe(0);
  expect(await rowsMentioning(teams.running.app.db, [personalChatId])).toEqual({});
});

it('does not take the command in a team channel', async () => {
  await send({ serviceUrl: teams.connector.serviceUrl, where: 'channel', text: 'Meine Daten löschen', mentionBot: true });
  const replies = teams.connector.messages();
  expect(replies.length).toBeGreaterThan(0);
  expect(JSON.stringify(replies.map((r) => r.body))).not.toContain(de.privacy.confirmTitle);
});
