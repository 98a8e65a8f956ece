/**
 * Data minimisation, retention and the staff's rights tools, through the HTTP API:
 * - a conversation without a handoff leaves no transcript rows, one with a handoff leaves them;
 * - the retention sweep (its clock moved forward) removes what expired and keeps what is fresh;
 * - staff export a user's data as JSON (exactly that user's) and delete it, by ticket or by conversation, and every
 *   export and deletion is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { texts } from '../../src/texts.js';
import { STAFF, removeDataDir, staffApi, startHandoffApp, type Running } from '../handoff/support.js';
import { WidgetUser, buttonData, count, firstCard, rowsMentioning } from './support.js';

const de = texts('de');
const DAY = 24 * 60 * 60 * 1000;

let running: Running;

beforeAll(async () => {
  running = await startHandoffApp();
});

afterAll(async () => {
  await running?.stop();
  if (running) await removeDataDir(running.dataDir);
});

const transcriptRows = (conversationId: string) =>
  count(running.app.db, 'SELECT COUNT(*) AS n FROM handoff_messages WHERE conversation_key = ?', [`webchat|${conversationId}`]);

async function handedOver(user: WidgetUser): Promise<number> {
  const offer = await user.ask({ text: 'Ich möchte bitte mit einem Mitarbeiter sprechen' });
  await user.ask({ value: buttonData(firstCard(offer), de.handoff.offerConfirm) });
  const list = await staffApi(running, 'GET', '/api/staff/tickets', STAFF.berta.token);
  return list.body.tickets.find((t: { userName: string }) => t.userName === user.name).id;
}

describe('data minimisation and retention', () => {
  it('writes no transcript for a conversation without a handoff, and one for a conversation with a handoff', async () => {
    const quiet = await WidgetUser.start(running, 'Quentin Quiet');
    await quiet.ask({ text: 'Wer steckt hinter der Kooperation? QUIETMARK' });
    await quiet.ask({ text: 'Danke!' });
    expect(await transcriptRows(quiet.conversationId)).toBe(0);
    expect(await rowsMentioning(running.app.db, ['QUIETMARK'])).not.toHaveProperty('handoff_messages');

    const asking = await WidgetUser.start(running, 'Hanna Handoff');
    await asking.ask({ text: 'Wir suchen Hilfe bei IT-Sicherheit. HANNAMARK' });
    expect(await transcriptRows(asking.conversationId)).toBe(0);
    const ticketId = await handedOver(asking);
    // The ticket starts with the conversation so far (kept in memory until now).
    const detail = await staffApi(running, 'GET', `/api/staff/tickets/${ticketId}`, STAFF.berta.token);
    expect(detail.body.transcript.map((e: { text: string }) => e.text).join('\n')).toContain('HANNAMARK');
    expect(await transcriptRows(asking.conversationId)).toBeGreaterThan(0);
  });

  it('sweeps expired rows and keeps fresh ones, per kind, with the clock moved forward', async () => {
    const fresh = await WidgetUser.start(running, 'Fritz Fresh');
    await fresh.ask({ text: 'Was ist der Brückenschlag?' });
    const closed = await WidgetUser.start(running, 'Clara Closed');
    const ticketId = await handedOver(closed);
    expect((await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/resolve`, STAFF.berta.token, { note: 'erledigt' })).status).toBe(200);
    const conversations = () => count(running.app.db, 'SELECT COUNT(*) AS n FROM directline_conversations WHERE id IN (?, ?)', [fresh.conversationId, closed.conversationId]);
    const state = () => count(running.app.db, "SELECT COUNT(*) AS n FROM bot_state WHERE key LIKE ?", [`webchat/conversations/${fresh.conversationId}/%`]);
    const ticket = () => count(running.app.db, 'SELECT COUNT(*) AS n FROM handoff_tickets WHERE id = ?', [ticketId]);
    const now = Date.now();

    // 29 days on: nothing has expired.
    await running.app.privacy.sweep(new Date(now + 29 * DAY));
    expect([await conversations(), await state(), await ticket(), await transcriptRows(closed.conversationId) > 0]).toEqual([2, 1, 1, true]);

    // 31 days on: conversations and bot state are gone (30 days), the closed ticket and its transcript stay (180).
    const swept = await running.app.privacy.sweep(new Date(now + 31 * DAY));
    expect(swept['website conversations']).toBeGreaterThanOrEqual(2);
    expect([await conversations(), await state(), await ticket(), await transcriptRows(closed.conversationId) > 0]).toEqual([0, 0, 1, true]);
    // Repeating it changes nothing.
    expect((await running.app.privacy.sweep(new Date(now + 31 * DAY)))['website conversations']).toBe(0);

    // 181 days on: the closed ticket, its history and transcript are gone.
    await running.app.privacy.sweep(new Date(now + 181 * DAY));
    expect([await ticket(), await transcriptRows(closed.conversationId)]).toEqual([0, 0]);
    expect(await count(running.app.db, 'SELECT COUNT(*) AS n FROM handoff_ticket_events WHERE ticket_id = ?', [ticketId])).toBe(0);

    // The audit log has its own retention (365 days by default).
    expect(await count(running.app.db, 'SELECT COUNT(*) AS n FROM privacy_audit')).toBeGreaterThan(0);
    await running.app.privacy.sweep(new Date(now + 366 * DAY));
    expect(await count(running.app.db, 'SELECT COUNT(*) AS n FROM privacy_audit')).toBe(0);
  });
});

describe('staff export and deletion', () => {
  it('exports exactly one user’s data as JSON and deletes it, by ticket and by conversation, with audit entries', async () => {
    const ella = await WidgetUser.start(running, 'Ella Export');
    await ella.ask({ text: 'Wir sind die ELLAMARK GmbH und suchen Hilfe bei KI.' });
    const ticketId = await handedOver(ella);
    const other = await WidgetUser.start(running, 'Otto Other');
    await other.ask({ text: 'Wir sind die OTTOMARK AG.' });

    // Without a staff credential: 401.
    expect((await staffApi(running, 'GET', `/api/staff/tickets/${ticketId}/export`, undefined)).status).toBe(401);

    const byTicket = await staffApi(running, 'GET', `/api/staff/tickets/${ticketId}/export`, STAFF.berta.token);
    expect(byTicket.status).toBe(200);
    const json = JSON.stringify(byTicket.body);
    expect(json).toContain('ELLAMARK');
    expect(json).not.toContain('OTTOMARK');
    expect(byTicket.body.subject.conversationIds).toEqual([ella.conversationId]);
    expect(Object.keys(byTicket.body.data)).toEqual(
      expect.arrayContaining(['bot conversation state', 'website conversations', 'handoff transcripts', 'handoff tickets']),
    );
    expect(byTicket.body.data['handoff tickets']).toHaveLength(1);
    expect(byTicket.body.data['website conversations'][0].conversationId).toBe(ella.conversationId);

    const byConversation = await staffApi(running, 'GET', `/api/staff/conversations/webchat/${encodeURIComponent(other.conversationId)}/export`, STAFF.carl.token);
    expect(byConversation.status).toBe(200);
    expect(JSON.stringify(byConversation.body)).toContain('OTTOMARK');
    expect(JSON.stringify(byConversation.body)).not.toContain('ELLAMARK');

    // Deletion by ticket: Ella's rows go, the ticket stays anonymised; Otto's stay until deleted by conversation.
    const deleted = await staffApi(running, 'POST', `/api/staff/tickets/${ticketId}/delete`, STAFF.berta.token);
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted['handoff tickets']).toBe(1);
    expect(await rowsMentioning(running.app.db, ['ELLAMARK', 'Ella Export', ella.conversationId])).toEqual({});
    expect(Object.keys(await rowsMentioning(running.app.db, ['OTTOMARK']))).toContain('directline_activities');
    // Otto's widget is connected by WebSocket: the deletion ends the stream, and the conversation takes no more.
    const socket = new WebSocket(other.streamUrl);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
    const gone = await staffApi(running, 'POST', `/api/staff/conversations/webchat/${encodeURIComponent(other.conversationId)}/delete`, STAFF.carl.token);
    expect(gone.status).toBe(200);
    expect(await closed).toBe(1001);
    expect(await other.say({ text: 'Noch da?' })).toBe(404);
    expect(await rowsMentioning(running.app.db, ['OTTOMARK', 'Otto Other', other.conversationId])).toEqual({});

    const audit = (await staffApi(running, 'GET', '/api/staff/audit', STAFF.berta.token)).body.entries as {
      action: string;
      actor: { name: string };
      target: string;
    }[];
    const lines = audit.map((e) => `${e.action} ${e.actor.name} ${e.target}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        `export ${STAFF.berta.name} ticket ${ticketId}`,
        `delete ${STAFF.berta.name} ticket ${ticketId}`,
        expect.stringMatching(new RegExp(`^export ${STAFF.carl.name} webchat user `)),
        expect.stringMatching(new RegExp(`^delete ${STAFF.carl.name} webchat user `)),
      ]),
    );
  });
});
