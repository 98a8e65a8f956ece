/**
 * Message text is never logged at info: a website conversation with a handoff and a deletion, with the app's log at
 * info level, leaves no line that contains what the user wrote or their name.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { texts } from '../../src/texts.js';
import { startApp, type RunningApp } from '../helpers/app.js';
import { WidgetUser, buttonData, firstCard } from './support.js';

const de = texts('de');
let running: RunningApp;

beforeAll(async () => {
  running = await startApp({ logLevel: 'info', env: { OFFICE_HOURS: 'Mo-So 00:00-24:00' } });
});

afterAll(async () => {
  await running?.close();
});

it('logs requests and ticket changes, but no message text and no user name', async () => {
  const user = await WidgetUser.start(running, 'Lotte Logfrei');
  await user.ask({ text: 'Wir suchen Hilfe bei KI, LOGMARK3141, schreiben Sie an lotte@example.org' });
  const offer = await user.ask({ text: 'Ich möchte mit einem Mitarbeiter sprechen LOGMARK3141' });
  await user.ask({ value: buttonData(firstCard(offer), de.handoff.offerConfirm) });
  await user.ask({ value: buttonData(firstCard(await user.ask({ text: 'Meine Daten löschen' })), de.privacy.confirmYes) });

  const messages = running.logs.map((line) => String(line.msg));
  expect(messages).toEqual(expect.arrayContaining(['request', 'handoff ticket queued', 'user deleted their data']));
  const all = JSON.stringify(running.logs);
  expect(all).not.toContain('LOGMARK3141');
  expect(all).not.toContain('lotte@example.org');
  expect(all).not.toContain('Lotte Logfrei');
});
