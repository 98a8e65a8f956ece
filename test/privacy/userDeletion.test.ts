/**
 * A website user's "Meine Daten löschen", through Direct Line over HTTP: the confirmation card, the deletion of every
 * row of that user in every table of the schema (listed from the database, not from a list in the test), their ticket
 * anonymised but still there with its outcome, the conversation ended, the staff and audit view through the staff
 * API, and (SQLite) the deleted text gone from the database file and its WAL. Another user's data stays.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMISED } from '../../src/handoff/personalData.js';
import { SQLITE_FILE_NAME } from '../../src/store/sqlite.js';
import { texts } from '../../src/texts.js';
import { STAFF, removeDataDir, staffApi, startHandoffApp, type Running } from '../handoff/support.js';
import { testStore } from '../helpers/testStore.js';
import { WidgetUser, buttonData, count, firstCard, rowsMentioning } from './support.js';

const de = texts('de');
const PUBLIC_URL = 'https://assistent.example.org';

let running: Running;

beforeAll(async () => {
  running = await startHandoffApp({ env: { PUBLIC_URL } });
});

afterAll(async () => {
  await running?.stop();
  if (running) await removeDataDir(running.dataDir);
});

/** A user who asked for a person, confirmed, and got a staff answer: data in every kind of table. */
async function userWithTicket(name: string, marker: string): Promise<{ user: WidgetUser; ticketId: number; userId: string }> {
  const user = await WidgetUser.start(running, name);
  await user.ask({ text: `Wir sind die ${marker} GmbH aus Olpe.` });
  const offer = await user.ask({ text: 'Ich möchte bitte mit einem Mitarbeiter sprechen' });
  const queued = await user.ask({ value: buttonData(firstCard(offer), de.handoff.offerConfirm) });
  expect(queued.length).toBeGreaterThan(0);
  const list = await staffApi(running, 'GET', '/api/staff/tickets', STAFF.berta.token);
  const ticket = list.body.tickets.find((t: { userName: string }) => t.userName === name);
  expect(ticket).toBeDefined();
  expect((await staffApi(running, 'POST', `/api/staff/tickets/${ticket.id}/claim`, STAFF.berta.token)).status).toBe(200);
  const sent = await staffApi(running, 'POST', `/api/staff/tickets/${ticket.id}/messages`, STAFF.berta.token, { text: `Hallo ${marker}-Team` });
  expect(sent.status).toBe(201);
  await user.poll();
  const userId = (await running.app.conversations.get(user.conversationId))!.userId;
  return { user, ticketId: ticket.id, userId };
}

describe('"Meine Daten löschen" in the widget', () => {
  it('links the privacy notice in the welcome message', async () => {
    const user = await WidgetUser.start(running, 'Willi Welcome');
    const welcome = (await user.poll()).find((a) => a.from.role === 'bot' && a.type === 'message');
    expect(welcome?.text).toContain(`${PUBLIC_URL}/privacy`);
    expect(welcome?.text).toContain(de.privacy.welcomeNote(`${PUBLIC_URL}/privacy`));
  });

  it('asks first, then deletes every row of the user in every table, anonymises the ticket and ends the conversation', async () => {
    const alice = await userWithTicket('Alice Apfel', 'ALICEMARK7731');
    const bob = await userWithTicket('Bob Birne', 'BOBMARK5520');

    // Staff read Alice's ticket: an audited transcript access.
    const detail = await staffApi(running, 'GET', `/api/staff/tickets/${alice.ticketId}`, STAFF.berta.token);
    expect(JSON.stringify(detail.body.transcript)).toContain('ALICEMARK7731');

    // 1. The command asks for confirmation; nothing is deleted yet.
    const asked = await alice.user.ask({ text: 'Meine Daten löschen!' });
    const card = firstCard(asked);
    expect(JSON.stringify(card)).toContain(de.privacy.confirmTitle);
    expect((await rowsMentioning(running.app.db, ['ALICEMARK7731']))).not.toEqual({});

    // 2. "Ja, löschen": the user is told what was deleted, and the conversation ends.
    const done = await alice.user.ask({ value: buttonData(card, de.privacy.confirmYes) });
    const summary = done.find((a) => a.type === 'message');
    expect(summary?.text).toMatch(/^Erledigt\. Gelöscht bzw\. anonymisiert:/);
    expect(summary?.text).toContain(`${de.privacy.kindNames['website conversations']}:`);
    expect(summary?.text).toContain(`${de.privacy.kindNames['handoff transcripts']}:`);
    expect(summary?.text).toContain(`${de.privacy.kindNames['handoff tickets']}: 1 Eintrag`);
    expect(done.some((a) => a.type === 'endOfConversation')).toBe(true);
    // The ended conversation takes no more messages.
    expect(await alice.user.say({ text: 'Hallo?' })).toBe(404);

    // 3. After the closing message had its moment (the sweep's clock 10 minutes on), nothing of Alice is left in
    //    any table: not her ids, not her name, not what she wrote.
    await running.app.privacy.sweep(new Date(Date.now() + 10 * 60_000));
    const needles = ['ALICEMARK7731', 'Alice Apfel', alice.userId, alice.user.conversationId];
    expect(await rowsMentioning(running.app.db, needles)).toEqual({});

    // Bob's data is untouched.
    const bobRows = await rowsMentioning(running.app.db, ['BOBMARK5520']);
    expect(Object.keys(bobRows)).toEqual(expect.arrayContaining(['directline_activities', 'handoff_messages']));

    // 4. Alice's ticket still exists, with its reason and outcome, without who or what.
    const all = await staffApi(running, 'GET', '/api/staff/tickets?state=all', STAFF.berta.token);
    const ticket = all.body.tickets.find((t: { id: number }) => t.id === alice.ticketId);
    expect(ticket).toMatchObject({ userName: ANONYMISED, state: 'cancelled', reason: 'asked', topic: '' });
    const anonymised = await staffApi(running, 'GET', `/api/staff/tickets/${alice.ticketId}`, STAFF.berta.token);
    expect(anonymised.body.transcript).toEqual([]);
    expect(anonymised.body.history.map((e: { action: string }) => e.action)).toEqual(['create', 'claim', 'cancel']);

    // 5. The audit log says who read the transcript and that the user deleted their data (by pseudonym only).
    const audit = await staffApi(running, 'GET', '/api/staff/audit', STAFF.carl.token);
    expect(audit.status).toBe(200);
    const entries = audit.body.entries as { action: string; actor: { kind: string; name: string }; target: string }[];
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'transcript.read', actor: expect.objectContaining({ kind: 'staff', name: STAFF.berta.name }), target: `ticket ${alice.ticketId}` }),
        expect.objectContaining({ action: 'delete', actor: expect.objectContaining({ kind: 'user' }), target: expect.stringMatching(/^webchat user /) }),
      ]),
    );
    expect(JSON.stringify(entries)).not.toContain(alice.userId);
    expect(bob.ticketId).not.toBe(alice.ticketId);
  });

  // SQLite only (a file of its own); PostgreSQL's files belong to the server.
  if (testStore === 'sqlite') it('leaves the deleted text neither in the database file nor in its WAL', async () => {
    const carol = await userWithTicket('Carol Kirsch', 'CAROLMARK9034');
    const file = path.join(running.dataDir, SQLITE_FILE_NAME);
    const bytes = () => Buffer.concat([readFileSync(file), ...(existsSync(`${file}-wal`) ? [readFileSync(`${file}-wal`)] : [])]);
    expect(bytes().includes('CAROLMARK9034')).toBe(true);
    const card = firstCard(await carol.user.ask({ text: 'Meine Daten löschen' }));
    await carol.user.ask({ value: buttonData(card, de.privacy.confirmYes) });
    // At once, before the ended conversation is swept: its closing message names nobody.
    expect(bytes().includes('CAROLMARK9034')).toBe(false);
    expect(bytes().includes('Carol Kirsch')).toBe(false);
    expect(bytes().includes(carol.userId)).toBe(false);
  });

  it('keeps everything when the user cancels, and understands the English command', async () => {
    const user = await WidgetUser.start(running, 'Dora Dattel');
    await user.ask({ text: 'Wer leitet die Südwestfalen Agentur? DORAMARK1234' });
    const card = firstCard(await user.ask({ text: 'delete my data' }));
    expect(JSON.stringify(card)).toContain(texts('en').privacy.confirmTitle);
    const kept = await user.ask({ value: buttonData(card, texts('en').privacy.confirmNo) });
    expect(kept.some((a) => a.text === de.privacy.cancelled || a.text === texts('en').privacy.cancelled)).toBe(true);
    expect(await count(running.app.db, 'SELECT COUNT(*) AS n FROM directline_conversations WHERE id = ?', [user.conversationId])).toBe(1);
    expect(JSON.stringify(await rowsMentioning(running.app.db, ['DORAMARK1234']))).toContain('DORAMARK1234');
  });
});
