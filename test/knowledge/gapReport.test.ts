/**
 * The gap report's grouping with the project's analyzer: wordings that share most stems form one group (across
 * inflections), other questions stay apart; answered questions are no gaps; questions the folder has taken up since
 * (a phrasing, an out-of-scope example) leave the report; weekly figures count each decision and vote.
 */
import { describe, expect, it } from 'vitest';
import { gapReport, qualityByWeek } from '../../src/curation/gapReport.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import type { QuestionEntry } from '../../src/store/questionLog.js';
import { fixtureKnowledgeDir } from '../helpers/app.js';

let next = 1;
function entry(text: string, decision: QuestionEntry['decision'], extra: Partial<QuestionEntry> = {}): QuestionEntry {
  const id = next++;
  return {
    id,
    ref: `r${id}`,
    channel: 'webchat',
    lang: 'de',
    text,
    decision,
    chosen: [],
    clickedId: null,
    reaction: null,
    reason: null,
    comment: null,
    handoff: false,
    createdAt: `2026-12-0${Math.min(id, 9)}T10:00:00.000Z`,
    ...extra,
  };
}

describe('gap report', () => {
  const folder = loadKnowledge(fixtureKnowledgeDir);
  const index = new KnowledgeIndex({ ...folder, outOfScope: { de: ['Wie wird das Wetter morgen?'], en: [] } });

  it('groups similar wordings, keeps others apart, and leaves out answers and questions the folder has', () => {
    const entries = [
      entry('Gibt es Parkplätze am Treffpunkt?', 'unknown'),
      entry('Gibt es einen Parkplatz beim Treffpunkt', 'didYouMean', { chosen: [{ id: 'treffpunkt-de', score: 0.4 }], clickedId: 'treffpunkt-de' }),
      entry('Wie viele Mitarbeiter hat die Agentur?', 'unknown'),
      entry('Ist die Teilnahme kostenlos?', 'didYouMean'),
      entry('Wie wird das Wetter morgen?', 'unknown'),
      entry('Wer leitet das?', 'answer'),
      entry('Wer leitet das eigentlich?', 'answer', { reaction: 'dislike', reason: 'wrong' }),
    ];
    const groups = gapReport(entries, index);
    expect(groups.map((g) => g.count)).toEqual([2, 1, 1]);
    expect(groups[0]).toMatchObject({ unanswered: 1, hedged: 1, firstSeen: entries[0]!.createdAt, lastSeen: entries[1]!.createdAt });
    expect(groups[0]!.near[0]).toMatchObject({ id: 'treffpunkt-de', clicks: 1, score: 0.4 });
    const examples = groups.flatMap((g) => g.examples);
    expect(examples).not.toContain('Ist die Teilnahme kostenlos?'); // a phrasing of kosten-de already
    expect(examples).not.toContain('Wie wird das Wetter morgen?'); // not our topic
    expect(examples).not.toContain('Wer leitet das?'); // answered, no vote
    expect(groups.find((g) => g.examples.includes('Wer leitet das eigentlich?'))).toMatchObject({ downVoted: 1, reasons: { wrong: 1 } });
    expect(gapReport(entries, index, 'newest')[0]!.examples[0]).toBe('Wer leitet das eigentlich?');
  });

  it('counts each week\'s decisions and votes', () => {
    const weeks = qualityByWeek([
      entry('a', 'answer', { createdAt: '2026-11-30T10:00:00.000Z', reaction: 'like' }),
      entry('b', 'unknown', { createdAt: '2026-12-01T10:00:00.000Z', handoff: true }),
      entry('c', 'handoff', { createdAt: '2026-12-07T10:00:00.000Z' }),
    ]);
    expect(weeks).toEqual([
      { week: '2026-11-30', questions: 2, answer: 1, didYouMean: 0, unknown: 1, providers: 0, handoff: 1, up: 1, down: 0 },
      { week: '2026-12-07', questions: 1, answer: 0, didYouMean: 0, unknown: 0, providers: 0, handoff: 1, up: 0, down: 0 },
    ]);
  });
});
