/**
 * The curator loop through the HTTP API, as a website user and the agencies' staff see it: a vote, a "did you mean"
 * click and an unanswered question appear in the gap report with personal data masked; a curator adopts a hedged
 * question as a phrasing and the same question is then answered directly; the change is written into the entry's file
 * in the (temp copy of the) folder; a broken edit keeps the old index answering and shows its problems.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/texts.js';
import { CURATOR, NOT_CURATOR, WebUser, cards, feedbackData, staffApi, startCurationApp, type CurationApp } from './support.js';

const HEDGED = 'Was hat ein mittelgroßer Betrieb konkret davon?';
const ANSWERED = 'Wann wurde die Kooperationsvereinbarung unterzeichnet?';
const UNKNOWN = 'Wie teuer ist eine Wohnung in Dortmund? Schreiben Sie mir an anna.muster@example.org';

let curation: CurationApp;

beforeAll(async () => {
  curation = await startCurationApp();
});

afterAll(async () => {
  await curation?.close();
});

const api = (method: 'GET' | 'POST', route: string, token: string | undefined, body?: unknown) =>
  staffApi(curation.running, method, route, token, body);

describe('the curator loop over the HTTP API', () => {
  let user: WebUser;

  it('logs a hedged question, its "did you mean" click, a vote and an unanswered question; the gap report shows them masked', async () => {
    user = await WebUser.open(curation.running.baseUrl);

    const hedged = await user.send({ text: HEDGED });
    const offered = cards(hedged)[0].actions.map((a: any) => a.data);
    expect(offered[0]).toMatchObject({ action: 'showAnswer' });
    const clickedId = offered[0].id as string;
    await user.send({ value: offered[0] });

    const answered = await user.send({ text: ANSWERED });
    const dislike = feedbackData(answered, 'dislike');
    expect(dislike).toBeDefined();
    const thanks = await user.send({ value: { ...dislike, reason: 'outdated', comment: 'Stimmt nicht mehr, ruft mich an: 0171 2345678' } });
    expect(thanks.map((a) => a.text)).toContain(texts('de').feedback.thanks);

    const unknown = await user.send({ text: UNKNOWN });
    expect(feedbackData(unknown, 'like')).toBeUndefined();

    const report = await api('GET', '/api/staff/gaps?days=7&lang=de', NOT_CURATOR.token);
    expect(report.status).toBe(200);
    const groups = report.body.groups as any[];
    const groupOf = (text: string) => groups.find((g) => g.examples.some((e: string) => e.startsWith(text)));

    const hedgedGroup = groupOf(HEDGED);
    expect(hedgedGroup).toMatchObject({ count: 1, hedged: 1, lang: 'de' });
    expect(hedgedGroup.near.find((n: any) => n.id === clickedId)).toMatchObject({ clicks: 1 });

    const votedGroup = groupOf(ANSWERED);
    expect(votedGroup).toMatchObject({ downVoted: 1, reasons: { outdated: 1 } });
    expect(votedGroup.comments).toEqual(['Stimmt nicht mehr, ruft mich an: [Telefon]']);

    const unknownGroup = groupOf('Wie teuer ist eine Wohnung in Dortmund?');
    expect(unknownGroup).toMatchObject({ unanswered: 1 });
    expect(unknownGroup.examples[0]).toContain('[E-Mail]');

    const everything = JSON.stringify(report.body);
    expect(everything).not.toContain('anna.muster@example.org');
    expect(everything).not.toContain('2345678');
    expect(everything).not.toContain(user.conversationId);

    const quality = await api('GET', '/api/staff/quality', NOT_CURATOR.token);
    expect(quality.body.weeks.at(-1)).toMatchObject({ questions: 3, answer: 1, didYouMean: 1, unknown: 1, down: 1 });
  });

  it('changing a vote replaces it; nobody else can vote on the answer', async () => {
    const answered = await user.send({ text: ANSWERED });
    const like = feedbackData(answered, 'like')!;
    await user.send({ value: like });
    await user.send({ value: feedbackData(answered, 'dislike') });
    await user.send({ value: like });
    const other = await WebUser.open(curation.running.baseUrl);
    await other.send({ value: { ...like, reaction: 'dislike' } });
    const rows = (await curation.running.app.questionLog.list()).filter((row) => row.ref === like.ref);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.reaction).toBe('like');
  });

  it('lets only curators change the knowledge', async () => {
    const change = { action: 'phrasing', entryId: 'mitmachen-de', question: HEDGED };
    expect((await api('POST', '/api/staff/curation/changes', undefined, change)).status).toBe(401);
    expect((await api('POST', '/api/staff/curation/changes', NOT_CURATOR.token, change)).status).toBe(403);
    expect((await api('POST', '/api/admin/reload', NOT_CURATOR.token)).status).toBe(403);
    expect((await api('GET', '/api/staff/me', CURATOR.token)).body).toMatchObject({ curator: true });
    expect((await api('POST', '/api/staff/curation/changes', CURATOR.token, { ...change, entryId: 'gibt-es-nicht-de' })).status).toBe(400);
  });

  it('adopting a hedged question as a phrasing answers it directly after the reload, and it leaves the gap report', async () => {
    const before = (await api('GET', '/healthz', undefined)).body.knowledge.version;
    const adopted = await api('POST', '/api/staff/curation/changes', CURATOR.token, { action: 'phrasing', entryId: 'mitmachen-de', question: HEDGED });
    expect(adopted.status).toBe(201);
    expect(adopted.body).toMatchObject({ ok: true, change: { author: `${CURATOR.name} (token:${CURATOR.name})`, data: { entryId: 'mitmachen-de' } } });
    expect(adopted.body.knowledge.version).not.toBe(before);

    const again = await (await WebUser.open(curation.running.baseUrl)).send({ text: HEDGED });
    expect(again[0]!.text).toContain(texts('de').answerSource(''));
    const entry = curation.running.app.knowledge.get().index.get('mitmachen-de');
    expect(entry?.type === 'faq' && again[0]!.text?.includes(entry.title)).toBe(true);

    const groups = (await api('GET', '/api/staff/gaps', CURATOR.token)).body.groups as any[];
    expect(groups.some((g) => g.examples.includes(HEDGED))).toBe(false);
    const history = (await api('GET', '/api/staff/curation/changes', NOT_CURATOR.token)).body.changes;
    expect(history[0]).toMatchObject({ data: { action: 'phrasing', question: HEDGED }, retiredAt: null });
  });

  it('writes the pending change into the entry\'s file and retires it', async () => {
    const file = path.join(curation.knowledgeDir, 'faq', 'de', 'mitmachen-de.md');
    expect(readFileSync(file, 'utf8')).not.toContain(HEDGED);
    const written = await api('POST', '/api/staff/curation/write', CURATOR.token);
    expect(written.status).toBe(200);
    expect(written.body.files).toEqual(['faq/de/mitmachen-de.md']);
    expect(readFileSync(file, 'utf8')).toContain(`- "${HEDGED}"`);
    const history = (await api('GET', '/api/staff/curation/changes', CURATOR.token)).body.changes;
    expect(history[0].retiredAt).not.toBeNull();
    const again = await (await WebUser.open(curation.running.baseUrl)).send({ text: HEDGED });
    expect(again[0]!.text).toContain(texts('de').answerSource(''));
  });

  it('drafts a new entry that is not served, and marks a question as not our topic; both leave the report and reach the files', async () => {
    const wohnung = 'Wie teuer ist eine Wohnung in Dortmund? Schreiben Sie mir an [E-Mail]';
    const draft = {
      action: 'draft',
      id: 'wohnen-dortmund-de',
      lang: 'de',
      title: 'Was kostet Wohnen in Dortmund?',
      questions: [wohnung],
      body: 'Entwurf: Antwort bitte ergänzen.',
    };
    expect((await api('POST', '/api/staff/curation/changes', CURATOR.token, { ...draft, id: 'wohnen-dortmund' })).status).toBe(400);
    expect((await api('POST', '/api/staff/curation/changes', CURATOR.token, draft)).status).toBe(201);
    const entries = (await api('GET', '/api/staff/knowledge', CURATOR.token)).body.entries as any[];
    expect(entries.find((e) => e.id === 'wohnen-dortmund-de')).toMatchObject({ status: 'draft' });
    // A draft is not served.
    const reply = await (await WebUser.open(curation.running.baseUrl)).send({ text: 'Was kostet Wohnen in Dortmund?' });
    expect(JSON.stringify(reply)).not.toContain('Entwurf: Antwort bitte ergänzen.');

    const user = await WebUser.open(curation.running.baseUrl);
    const before = await user.send({ text: 'Wie wird das Wetter morgen in Olpe?' });
    expect(JSON.stringify(before)).not.toContain(texts('de').unknown);
    const outOfScope = await api('POST', '/api/staff/curation/changes', CURATOR.token, { action: 'outOfScope', lang: 'de', questions: ['Wie wird das Wetter morgen in Olpe?'] });
    expect(outOfScope.status).toBe(201);
    const examples = ((await api('GET', '/api/staff/gaps', CURATOR.token)).body.groups as any[]).flatMap((g) => g.examples);
    expect(examples).not.toContain(wohnung);
    expect(examples).not.toContain('Wie wird das Wetter morgen in Olpe?');
    // The bot now says it cannot help with it, also in other words.
    const after = await (await WebUser.open(curation.running.baseUrl)).send({ text: 'Wie wird morgen in Olpe das Wetter?' });
    expect(JSON.stringify(after)).toContain(texts('de').unknown);

    const written = await api('POST', '/api/staff/curation/write', CURATOR.token);
    expect(written.body.files.sort()).toEqual(['faq/de/wohnen-dortmund-de.md', 'out-of-scope.yml']);
    expect(readFileSync(path.join(curation.knowledgeDir, 'faq/de/wohnen-dortmund-de.md'), 'utf8')).toContain('status: draft');
    expect(readFileSync(path.join(curation.knowledgeDir, 'out-of-scope.yml'), 'utf8')).toContain('Wie wird das Wetter morgen in Olpe?');
    expect(written.body).toMatchObject({ ok: true, knowledge: { state: 'ok' } });
  });

  it('a broken edit keeps the old index answering and reports the problems', async () => {
    const file = path.join(curation.knowledgeDir, 'faq', 'de', 'unterzeichnung-de.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title:'));
    const reload = await api('POST', '/api/admin/reload', CURATOR.token);
    expect(reload.status).toBe(409);
    expect(reload.body.knowledge.problems.join('\n')).toContain('unterzeichnung-de.md: title');
    const health = (await api('GET', '/healthz', undefined)).body.knowledge;
    expect(health).toMatchObject({ state: 'stale' });
    expect(health.problems.length).toBeGreaterThan(0);

    const answer = await (await WebUser.open(curation.running.baseUrl)).send({ text: ANSWERED });
    expect(answer[0]!.text).toContain('Arnsberg');
  });
});
