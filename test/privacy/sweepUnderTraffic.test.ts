/**
 * The retention sweep while users chat: expired conversations (their last activity 40 days ago) go in small batches,
 * in the same sweep that keeps the fresh ones, and a user chatting meanwhile loses nothing and gets no error.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { removeDataDir, start, type Running } from '../directline/harness.js';
import { WidgetUser, count } from './support.js';

const DAY = 24 * 60 * 60 * 1000;
let running: Running;

beforeAll(async () => {
  running = await start({ env: { RETENTION_SWEEP_BATCH: '2' } });
});

afterAll(async () => {
  await running?.stop();
  if (running) await removeDataDir(running.dataDir);
});

it('deletes the expired conversations batch by batch and keeps the one in use', async () => {
  const db = running.app.db;
  await running.app.privacy.sweep(); // the sweep at start is over
  const old: WidgetUser[] = [];
  for (let i = 0; i < 5; i++) {
    const user = await WidgetUser.start(running, `Alt ${i}`);
    await user.ask({ text: `Frage ${i}` });
    old.push(user);
  }
  // Their last activity was 40 days ago (the bot's memory of them too).
  const longAgo = new Date(Date.now() - 40 * DAY).toISOString();
  for (const user of old) {
    await db.run('UPDATE directline_conversations SET last_activity_at = ? WHERE id = ?', [longAgo, user.conversationId]);
    await db.run('UPDATE bot_state SET updated_at = ? WHERE key LIKE ?', [longAgo, `webchat/conversations/${user.conversationId}/%`]);
  }

  const active = await WidgetUser.start(running, 'Aktiv');
  const sweeping = running.app.privacy.sweep();
  const statuses = await Promise.all(['Was ist der Brückenschlag?', 'Wer leitet die Südwestfalen Agentur?', 'Danke'].map((text) => active.say({ text })));
  const swept = await sweeping;

  expect(statuses).toEqual([200, 200, 200]);
  expect(swept['website conversations']).toBe(5);
  expect(swept['bot conversation state']).toBe(5);
  const ids = old.map((user) => user.conversationId);
  expect(await count(db, `SELECT COUNT(*) AS n FROM directline_conversations WHERE id IN (${ids.map(() => '?').join(', ')})`, ids)).toBe(0);
  expect(await count(db, `SELECT COUNT(*) AS n FROM directline_activities WHERE conversation_id IN (${ids.map(() => '?').join(', ')})`, ids)).toBe(0);
  const texts = (await active.poll()).filter((a) => a.from.role !== 'bot').map((a) => a.text);
  expect(texts).toEqual(expect.arrayContaining(['Was ist der Brückenschlag?', 'Wer leitet die Südwestfalen Agentur?', 'Danke']));
  expect(await count(db, "SELECT COUNT(*) AS n FROM bot_state WHERE key LIKE ?", [`webchat/conversations/${active.conversationId}/%`])).toBe(1);
  // Idempotent: nothing left to do.
  expect(Object.values(await running.app.privacy.sweep()).every((n) => n === 0)).toBe(true);
});
