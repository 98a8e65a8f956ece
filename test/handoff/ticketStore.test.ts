/**
 * Tickets, their history and transcripts on the product's database: one open ticket per conversation, every change
 * recorded, the transcript bounded to the ticket, one winner among concurrent claims (also from another connection),
 * and everything still there after the database is opened again.
 */
import { describe, expect, it } from 'vitest';
import { describeMessage } from '../../src/bot/handoff/transcriptRecorder.js';
import { AppError } from '../../src/errors.js';
import type { Actor } from '../../src/handoff/ticketStateMachine.js';
import { TicketStore, type NewTicket } from '../../src/handoff/ticketStore.js';
import { RECENT_MESSAGES_KEPT, RECENT_MESSAGES_MAX_BYTES, TranscriptStore, conversationKey } from '../../src/handoff/transcriptStore.js';
import { testStore } from '../helpers/testStore.js';
import { openStore } from '../store/support.js';

const user: Actor = { kind: 'user', id: 'u1', name: 'Clara' };
const berta: Actor = { kind: 'staff', id: 'token:Berta', name: 'Berta' };
const carl: Actor = { kind: 'staff', id: 'token:Carl', name: 'Carl' };
const key = conversationKey({ channelId: 'webchat', conversation: { id: 'conv-1' } });

async function newTicket(transcripts: TranscriptStore, overrides: Partial<NewTicket> = {}): Promise<NewTicket> {
  return {
    conversationKey: key,
    channelId: 'webchat',
    reference: { channelId: 'webchat', conversation: { id: 'conv-1' } },
    userName: 'Clara',
    lang: 'de',
    reason: 'asked',
    topic: 'IT-Sicherheit',
    providerIds: ['tu-dortmund'],
    transcriptFromSeq: await transcripts.excerptStart(key, 30),
    actor: user,
    at: new Date('2025-03-03T10:00:00Z'),
    ...overrides,
  };
}

describe(`ticket store (${testStore})`, () => {
  it('keeps one open ticket per conversation and allows a new one after it closed', async () => {
    const { db } = await openStore();
    const tickets = new TicketStore(db);
    const transcripts = new TranscriptStore(db);
    const first = await tickets.create(await newTicket(transcripts));
    expect(first).toMatchObject({ state: 'queued', userName: 'Clara', providerIds: ['tu-dortmund'], history: [{ action: 'create', to: 'queued' }] });
    await expect(tickets.create(await newTicket(transcripts))).rejects.toThrow(AppError);
    await tickets.apply(first.id, 'cancel', user, { at: new Date(), closingSeq: await transcripts.lastSeq() });
    const second = await tickets.create(await newTicket(transcripts));
    expect(second.id).toBeGreaterThan(first.id);
    expect((await tickets.openForConversation(key))?.id).toBe(second.id);
  });

  it('bounds the transcript to the recent excerpt before the ticket and the messages until it closed', async () => {
    const { db } = await openStore();
    const tickets = new TicketStore(db);
    const transcripts = new TranscriptStore(db);
    for (let i = 1; i <= 35; i++) await transcripts.append(key, { role: i % 2 ? 'user' : 'bot', author: i % 2 ? 'Clara' : 'Bot', text: `m${i}` });
    await transcripts.append('webchat|other', { role: 'user', author: 'Someone', text: 'not this conversation' });
    const ticket = await tickets.create(await newTicket(transcripts));
    await transcripts.append(key, { role: 'staff', author: 'Berta', text: 'Hallo' });
    await tickets.apply(ticket.id, 'claim', berta, { at: new Date(), closingSeq: await transcripts.lastSeq() });
    const closed = await tickets.apply(ticket.id, 'resolve', berta, { at: new Date(), closingSeq: await transcripts.lastSeq() });
    await transcripts.append(key, { role: 'user', author: 'Clara', text: 'after the ticket' });
    const texts = (await transcripts.range(key, closed.transcriptFromSeq, closed.transcriptToSeq)).map((entry) => entry.text);
    expect(texts).toHaveLength(31);
    expect(texts[0]).toBe('m6');
    expect(texts.at(-1)).toBe('Hallo');
  });

  it('lets exactly one of two concurrent claims win (on PostgreSQL from two connections, as two instances would)', async () => {
    const { db, dir } = await openStore();
    const transcripts = new TranscriptStore(db);
    const ticket = await new TicketStore(db).create(await newTicket(transcripts));
    // One process owns a SQLite file; instances share a PostgreSQL database.
    const elsewhere = new TicketStore(testStore === 'postgres' ? (await openStore(dir)).db : db);
    const results = await Promise.allSettled([
      elsewhere.apply(ticket.id, 'claim', carl, { at: new Date(), closingSeq: 0 }),
      new TicketStore(db).apply(ticket.id, 'claim', berta, { at: new Date(), closingSeq: 0 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'INVALID_TRANSITION' });
    const history = (await new TicketStore(db).require(ticket.id)).history;
    expect(history.map((event) => event.action)).toEqual(['create', 'claim']);
  });

  it('keeps tickets, history, transcripts and addresses after the database is opened again', async () => {
    const first = await openStore();
    const transcripts = new TranscriptStore(first.db);
    await transcripts.append(key, { role: 'user', author: 'Clara', text: 'Hallo' });
    await transcripts.saveAddress(key, { channelId: 'webchat', conversation: { id: 'conv-1' } }, 'Clara');
    const tickets = new TicketStore(first.db);
    const ticket = await tickets.create(await newTicket(transcripts));
    await tickets.apply(ticket.id, 'claim', berta, { at: new Date(), closingSeq: 0 });
    await tickets.setStaffCard(ticket.id, { conversationId: '19:staff@thread.tacv2', activityId: 'card-1' });
    const before = await tickets.require(ticket.id);
    await first.db.close();

    const again = (await openStore(first.dir)).db;
    const after = await new TicketStore(again).require(ticket.id);
    expect(after).toEqual(before);
    expect(after.state).toBe('active');
    expect((await new TicketStore(again).byStaffActivity('card-1'))?.id).toBe(ticket.id);
    expect((await new TranscriptStore(again).range(key, 0)).map((e) => e.text)).toEqual(['Hallo']);
    expect(await new TranscriptStore(again).address(key)).toEqual({ address: { channelId: 'webchat', conversation: { id: 'conv-1' } }, userName: 'Clara' });
  });

  it('answers TICKET_NOT_FOUND for unknown tickets', async () => {
    const { db } = await openStore();
    await expect(new TicketStore(db).apply(42, 'claim', berta, { at: new Date(), closingSeq: 0 })).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
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

describe('recent messages of conversations without a ticket', () => {
  it('keeps the last messages of a conversation, with their time, and writes them when a ticket opens', async () => {
    const { db } = await openStore();
    const transcripts = new TranscriptStore(db);
    const at = new Date('2026-03-02T10:00:00.000Z');
    for (let i = 1; i <= RECENT_MESSAGES_KEPT + 2; i++) transcripts.remember(key, { role: 'user', author: 'Clara', text: `Frage ${i}`, at });
    const kept = transcripts.remembered(key);
    expect(kept).toHaveLength(RECENT_MESSAGES_KEPT);
    expect(kept[0]).toEqual({ role: 'user', author: 'Clara', text: 'Frage 3', at });
    expect(await transcripts.flushRecent(key)).toBe(RECENT_MESSAGES_KEPT);
    const written = await transcripts.range(key, 0);
    expect(written.map((entry) => entry.text).at(-1)).toBe(`Frage ${RECENT_MESSAGES_KEPT + 2}`);
    expect(written[0]!.at).toBe(at.toISOString());
    expect(transcripts.remembered(key)).toEqual([]);
  });

  it('forgets the conversations active least recently when the kept texts outgrow their memory budget', async () => {
    const { db } = await openStore();
    const transcripts = new TranscriptStore(db);
    const long = 'x'.repeat(3999);
    // Each conversation keeps 30 × 8 kB: the budget holds a few dozen of them, far fewer than the 1,000 remembered.
    const conversations = Array.from({ length: 1000 }, (_, i) => conversationKey({ channelId: 'webchat', conversation: { id: `c${i}` } }));
    for (const conversation of conversations) {
      for (let i = 0; i < RECENT_MESSAGES_KEPT; i++) transcripts.remember(conversation, { role: 'user', author: 'Clara', text: long });
    }
    const keptTexts = conversations.reduce((sum, conversation) => sum + transcripts.remembered(conversation).length * long.length * 2, 0);
    expect(keptTexts).toBeLessThanOrEqual(RECENT_MESSAGES_MAX_BYTES);
    expect(transcripts.remembered(conversations.at(-1)!)).toHaveLength(RECENT_MESSAGES_KEPT);
    expect(transcripts.remembered(conversations[0]!)).toEqual([]);
  });
});
