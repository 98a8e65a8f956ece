/**
 * The question log as personal data, in both dialects: stored masked and under a keyed pseudonym (no channel id in
 * any column), found again for a deletion or export by computing the pseudonym, expired after the retention period,
 * and curator changes that are announced to every listener.
 */
import { describe, expect, it } from 'vitest';
import { Pseudonyms } from '../../src/privacy/pseudonym.js';
import { CuratorChangeStore, KNOWLEDGE_CHANNEL } from '../../src/store/curatorChangeStore.js';
import { PersonalDataRegistry } from '../../src/store/personalData.js';
import { newQuestionRef, QuestionLog } from '../../src/store/questionLog.js';
import { testStore } from '../helpers/testStore.js';
import { openStore } from './support.js';

const anna = { channelId: 'webchat', userId: 'dl_anna-7f3a', conversationId: 'conv-anna-1' };
const ben = { channelId: 'msteams', userId: '29:ben', conversationId: 'a:ben' };

describe(`question log (${testStore})`, () => {
  it('keeps masked text and pseudonyms only; deletes and exports a user by recomputing the pseudonym', async () => {
    const { db } = await openStore();
    const log = new QuestionLog(db, new Pseudonyms('test-key-0123456789'), 90);
    const registry = new PersonalDataRegistry();
    registry.register(log.personalData());
    await log.record(anna, { ref: 'r1', lang: 'de', text: 'Meine IBAN ist DE89 3704 0044 0532 0130 00, Mail a@b.de', decision: 'unknown', chosen: [] });
    await log.record(ben, { ref: 'r2', lang: 'en', text: 'Who signed it?', decision: 'answer', chosen: [{ id: 'x-en', score: 0.8 }] });

    const raw = JSON.stringify(await db.all('SELECT * FROM question_log'));
    for (const secret of [anna.userId, anna.conversationId, ben.userId, 'DE89', 'a@b.de']) expect(raw).not.toContain(secret);
    expect((await log.list())[0]!.text).toBe('Meine IBAN ist [IBAN], Mail [E-Mail]');

    const exported = await registry.exportSubject({ ...anna, conversationIds: [anna.conversationId] });
    expect(exported['question log']).toHaveLength(1);
    expect(await registry.deleteSubject({ channelId: anna.channelId, userId: anna.userId, conversationIds: [] })).toEqual({ 'question log': 1 });
    expect((await log.list()).map((e) => e.ref)).toEqual(['r2']);
  });

  it('labels a "did you mean" question with the entry clicked next, and marks a conversation handed to a person', async () => {
    const { db } = await openStore();
    const log = new QuestionLog(db, new Pseudonyms('k'), 90);
    await log.record(anna, { ref: 'q1', lang: 'de', text: 'Was kostet das?', decision: 'didYouMean', chosen: [{ id: 'kosten-de' }, { id: 'ziele-de' }] });
    expect(await log.recordClick(anna.channelId, anna.conversationId, 'partner-de')).toBeUndefined(); // not offered
    expect(await log.recordClick(ben.channelId, ben.conversationId, 'kosten-de')).toBeUndefined(); // another conversation
    expect(await log.recordClick(anna.channelId, anna.conversationId, 'kosten-de')).toBe('q1');
    await log.markHandoff(anna.channelId, anna.conversationId);
    expect(await log.list()).toMatchObject([{ ref: 'q1', clickedId: 'kosten-de', handoff: true }]);
  });

  it('expires rows after the retention period in batches', async () => {
    const { db } = await openStore();
    const log = new QuestionLog(db, new Pseudonyms('k'), 90);
    const old = new Date(Date.now() - 91 * 86_400_000);
    for (let i = 0; i < 5; i++) await log.record(anna, { ref: `old${i}`, lang: 'de', text: 'alt', decision: 'unknown', chosen: [], at: old });
    await log.record(anna, { ref: 'new', lang: 'de', text: 'neu', decision: 'unknown', chosen: [] });
    const registry = new PersonalDataRegistry();
    registry.register(log.personalData());
    expect(await registry.sweep(new Date(), 2)).toEqual({ 'question log': 5 });
    expect((await log.list()).map((e) => e.ref)).toEqual(['new']);
  });

  it('stores curator changes with who and when, and announces each', async () => {
    const { db } = await openStore();
    const changes = new CuratorChangeStore(db);
    const heard: string[] = [];
    const stop = db.listen(KNOWLEDGE_CHANNEL, (payload) => heard.push(payload));
    const change = await changes.add({ action: 'phrasing', entryId: 'kosten-de', question: 'Kostet das was?' }, 'Berta (token:Berta)');
    expect(change).toMatchObject({ author: 'Berta (token:Berta)', retiredAt: null, data: { entryId: 'kosten-de' } });
    await expect.poll(() => heard.length).toBe(1);
    expect(changes.isOwnNotice(heard[0]!)).toBe(true);
    expect(new CuratorChangeStore(db).isOwnNotice(heard[0]!)).toBe(false);
    await changes.retire([change.id]);
    expect(await changes.active()).toEqual([]);
    stop();
  });
});

describe('newQuestionRef', () => {
  it('gives 16 characters of base64url, all different, also where its block of random bytes is drawn anew', () => {
    const refs = Array.from({ length: 1000 }, () => newQuestionRef());
    for (const ref of refs) expect(ref).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(new Set(refs).size).toBe(refs.length);
  });
});
