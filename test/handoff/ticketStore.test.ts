/**
 * Tickets, their history and transcripts in SQLite: one open ticket per conversation, every change recorded,
 * the transcript bounded to the ticket, and everything still there after the database is opened again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import type { Actor } from '../../src/handoff/ticketStateMachine.js';
import { TicketStore, type NewTicket } from '../../src/handoff/ticketStore.js';
import { TranscriptStore, conversationKey } from '../../src/handoff/transcriptStore.js';
import { describeMessage } from '../../src/handoff/transcriptMiddleware.js';
import { openDatabase, type Db } from '../../src/store/database.js';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function database(dir?: string): { db: Db; dir: string } {
  const dataDir = dir ?? mkdtempSync(path.join(tmpdir(), 'handoff-store-'));
  if (!dir) dirs.push(dataDir);
  const db = openDatabase(dataDir);
  dbs.push(db);
  return { db, dir: dataDir };
}

const user: Actor = { kind: 'user', id: 'u1', name: 'Clara' };
const berta: Actor = { kind: 'staff', id: 'token:Berta', name: 'Berta' };
const carl: Actor = { kind: 'staff', id: 'token:Carl', name: 'Carl' };
const key = conversationKey({ channelId: 'webchat', conversation: { id: 'conv-1' } });

function newTicket(transcripts: TranscriptStore, overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    conversationKey: key,
    channelId: 'webchat',
    reference: { channelId: 'webchat', conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '' } },
    userName: 'Clara',
    lang: 'de',
    reason: 'asked',
    topic: 'IT-Sicherheit',
    providerIds: ['tu-dortmund'],
    transcriptFromSeq: transcripts.excerptStart(key, 30),
    actor: user,
    at: new Date('2025-03-03T10:00:00Z'),
    ...overrides,
  };
}

describe('ticket store', () => {
  it('keeps one open ticket per conversation and allows a new one after it closed', () => {
    const { db } = database();
    const tickets = new TicketStore(db);
    const transcripts = new TranscriptStore(db);
    const first = tickets.create(newTicket(transcripts));
    expect(first).toMatchObject({ state: 'queued', userName: 'Clara', providerIds: ['tu-dortmund'], history: [{ action: 'create', to: 'queued' }] });
    expect(() => tickets.create(newTicket(transcripts))).toThrow(AppError);
    tickets.apply(first.id, 'cancel', user, { at: new Date(), closingSeq: transcripts.lastSeq() });
    const second = tickets.create(newTicket(transcripts));
    expect(second.id).toBeGreaterThan(first.id);
    expect(tickets.openForConversation(key)?.id).toBe(second.id);
  });

  it('bounds the transcript to the recent excerpt before the ticket and the messages until it closed', () => {
    const { db } = database();
    const tickets = new TicketStore(db);
    const transcripts = new TranscriptStore(db);
    for (let i = 1; i <= 35; i++) transcripts.append(key, { role: i % 2 ? 'user' : 'bot', author: i % 2 ? 'Clara' : 'Bot', text: `m${i}` });
    transcripts.append('webchat|other', { role: 'user', author: 'Someone', text: 'not this conversation' });
    const ticket = tickets.create(newTicket(transcripts));
    transcripts.append(key, { role: 'staff', author: 'Berta', text: 'Hallo' });
    tickets.apply(ticket.id, 'claim', berta, { at: new Date(), closingSeq: transcripts.lastSeq() });
    const closed = tickets.apply(ticket.id, 'resolve', berta, { at: new Date(), closingSeq: transcripts.lastSeq() });
    transcripts.append(key, { role: 'user', author: 'Clara', text: 'after the ticket' });
    const texts = transcripts.range(key, closed.transcriptFromSeq, closed.transcriptToSeq).map((entry) => entry.text);
    expect(texts).toHaveLength(31);
    expect(texts[0]).toBe('m6');
    expect(texts.at(-1)).toBe('Hallo');
  });

  it('lets a second claim fail, also from another connection to the same database', () => {
    const { db, dir } = database();
    const transcripts = new TranscriptStore(db);
    const ticket = new TicketStore(db).create(newTicket(transcripts));
    const elsewhere = new TicketStore(database(dir).db);
    elsewhere.apply(ticket.id, 'claim', carl, { at: new Date(), closingSeq: 0 });
    expect(() => new TicketStore(db).apply(ticket.id, 'claim', berta, { at: new Date(), closingSeq: 0 })).toThrow(
      'Cannot claim a ticket that is active by Carl.',
    );
    const history = new TicketStore(db).require(ticket.id).history;
    expect(history.map((event) => `${event.action}:${event.actor.name}`)).toEqual(['create:Clara', 'claim:Carl']);
  });

  it('keeps tickets, history, transcripts and references after the database is opened again', () => {
    const first = database();
    const transcripts = new TranscriptStore(first.db);
    transcripts.append(key, { role: 'user', author: 'Clara', text: 'Hallo' });
    transcripts.saveReference(key, { channelId: 'webchat', conversation: { id: 'conv-1' } as never }, 'Clara');
    const tickets = new TicketStore(first.db);
    const ticket = tickets.create(newTicket(transcripts));
    tickets.apply(ticket.id, 'claim', berta, { at: new Date(), closingSeq: 0 });
    tickets.setStaffCard(ticket.id, { conversationId: '19:staff@thread.tacv2', activityId: 'card-1' });
    const before = tickets.require(ticket.id);
    first.db.close();

    const again = database(first.dir).db;
    const after = new TicketStore(again).require(ticket.id);
    expect(after).toEqual(before);
    expect(after.state).toBe('active');
    expect(new TicketStore(again).byStaffActivity('card-1')?.id).toBe(ticket.id);
    expect(new TranscriptStore(again).range(key, 0).map((e) => e.text)).toEqual(['Hallo']);
    expect(new TranscriptStore(again).reference(key)).toEqual({ reference: { channelId: 'webchat', conversation: { id: 'conv-1' } }, userName: 'Clara' });
  });

  it('answers TICKET_NOT_FOUND for unknown tickets', () => {
    const { db } = database();
    expect(() => new TicketStore(db).apply(42, 'claim', berta, { at: new Date(), closingSeq: 0 })).toThrow(
      expect.objectContaining({ code: 'TICKET_NOT_FOUND' }),
    );
  });
});

describe('transcript lines', () => {
  it('takes the text, else the card texts, else the pressed button, and skips handoff buttons', () => {
    expect(describeMessage({ type: 'message', text: ' Hallo ' })).toBe('Hallo');
    expect(
      describeMessage({
        type: 'message',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { body: [{ type: 'TextBlock', text: 'Titel' }, { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Lauf' }] }] } }],
      }),
    ).toBe('Titel · Lauf');
    expect(describeMessage({ type: 'message', value: { action: 'human' } })).toBe('[human]');
    expect(describeMessage({ type: 'message', value: { action: 'handoffConfirm' } })).toBeUndefined();
    expect(describeMessage({ type: 'typing' })).toBeUndefined();
  });
});
