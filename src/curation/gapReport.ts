/**
 * The knowledge-gap report: questions the bot did not answer, hedged on ("did you mean") or was down-voted for,
 * grouped by similarity with the project's own analyzer (the same stems the search uses), with how often and when
 * each group was asked, examples, and the entries it came close to. Also the weekly quality figures for the chart.
 */
import { OutOfScopeExamples, questionStems, SAME_QUESTION_SIMILARITY, stemSimilarity } from '../knowledge/questionSimilarity.js';
import type { KnowledgeIndex } from '../knowledge/knowledgeIndex.js';
import type { Language } from '../knowledge/schema.js';
import type { QuestionEntry } from '../store/questionLog.js';
import type { GapGroup, GapSort, NearEntry, QualityWeek } from './gapReportView.js';

export type { GapGroup, GapSort, NearEntry, QualityWeek } from './gapReportView.js';

/** Two questions belong to one group when they count as the same question (see questionSimilarity.ts). */
export const GROUP_SIMILARITY = SAME_QUESTION_SIMILARITY;
/** Examples shown per group. */
const EXAMPLES = 5;

const normal = (text: string) => text.trim().toLocaleLowerCase().replace(/\s+/g, ' ').replace(/[?!.]+$/, '');

const stems = (text: string, lang: string) => questionStems(text, (lang === 'en' ? 'en' : 'de') as Language);

/** A question that is a gap: not answered, hedged on, or down-voted. */
export function isGap(entry: QuestionEntry): boolean {
  return entry.decision === 'unknown' || entry.decision === 'didYouMean' || entry.reaction === 'dislike';
}

/**
 * Groups the gaps among `entries`. Questions the knowledge has taken up since (a phrasing of an entry, a draft's
 * question, an out-of-scope example) are left out: the curator dealt with them.
 */
export function gapReport(entries: readonly QuestionEntry[], index: KnowledgeIndex, sort: GapSort = 'largest'): GapGroup[] {
  const knowledge = index.knowledge;
  const handled = new Set<string>();
  for (const faq of [...knowledge.faqs, ...(knowledge.drafts ?? [])]) for (const q of faq.questions) handled.add(normal(q));
  const outOfScope = new OutOfScopeExamples(knowledge);
  for (const q of [...(knowledge.outOfScope?.de ?? []), ...(knowledge.outOfScope?.en ?? [])]) handled.add(normal(q));

  interface Building {
    seed: Set<string>;
    members: QuestionEntry[];
  }
  const groups: Building[] = [];
  /** Groups by the stems of their seed (and by the text for questions without content words): only groups that share a stem can be similar. */
  const byStem = new Map<string, Building[]>();
  const keysOf = (entry: QuestionEntry, terms: Set<string>) =>
    terms.size > 0 ? [...terms].map((t) => `${entry.lang}:${t}`) : [`${entry.lang}=${normal(entry.text)}`];
  for (const entry of entries) {
    if (!isGap(entry) || handled.has(normal(entry.text))) continue;
    const terms = stems(entry.text, entry.lang);
    if (outOfScope.closest(entry.text, entry.lang === 'en' ? 'en' : 'de') >= GROUP_SIMILARITY) continue;
    const keys = keysOf(entry, terms);
    let best: Building | undefined;
    let bestScore = 0;
    for (const group of new Set(keys.flatMap((key) => byStem.get(key) ?? []))) {
      const score = terms.size === 0 ? 1 : stemSimilarity(group.seed, terms);
      if (score > bestScore) (best = group), (bestScore = score);
    }
    if (best && bestScore >= GROUP_SIMILARITY) best.members.push(entry);
    else {
      const group = { seed: terms, members: [entry] };
      groups.push(group);
      for (const key of keys) byStem.set(key, [...(byStem.get(key) ?? []), group]);
    }
  }

  const report = groups.map(({ members }): GapGroup => {
    const newestFirst = [...members].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
    const examples = [...new Map(newestFirst.map((m) => [normal(m.text), m.text])).values()].slice(0, EXAMPLES);
    const reasons: Record<string, number> = {};
    for (const m of members) if (m.reason) reasons[m.reason] = (reasons[m.reason] ?? 0) + 1;
    return {
      key: members[0]!.id,
      lang: members[0]!.lang,
      count: members.length,
      firstSeen: members.reduce((min, m) => (m.createdAt < min ? m.createdAt : min), members[0]!.createdAt),
      lastSeen: newestFirst[0]!.createdAt,
      examples,
      unanswered: members.filter((m) => m.decision === 'unknown').length,
      hedged: members.filter((m) => m.decision === 'didYouMean').length,
      downVoted: members.filter((m) => m.reaction === 'dislike').length,
      reasons,
      comments: members.flatMap((m) => (m.comment ? [m.comment] : [])).slice(0, EXAMPLES),
      handoffs: members.filter((m) => m.handoff).length,
      near: nearEntries(members, index, examples[0]!),
    };
  });
  return report.sort((a, b) =>
    sort === 'newest'
      ? b.lastSeen.localeCompare(a.lastSeen) || b.count - a.count
      : b.count - a.count || b.lastSeen.localeCompare(a.lastSeen),
  );
}

function nearEntries(members: QuestionEntry[], index: KnowledgeIndex, example: string): NearEntry[] {
  const near = new Map<string, NearEntry>();
  const title = (id: string) => {
    const doc = index.get(id);
    return doc ? (doc.type === 'faq' ? doc.title : doc.name) : undefined;
  };
  const add = (id: string, score: number, clicks: number) => {
    const name = title(id);
    if (!name) return;
    const known = near.get(id) ?? { id, title: name, score: 0, clicks: 0 };
    known.score = Math.max(known.score, score);
    known.clicks += clicks;
    near.set(id, known);
  };
  for (const m of members) {
    for (const chosen of m.chosen) add(chosen.id, chosen.score ?? 0, 0);
    if (m.clickedId) add(m.clickedId, 0, 1);
  }
  if (near.size === 0) {
    const lang = (members[0]!.lang === 'en' ? 'en' : 'de') as Language;
    for (const hit of index.search(example, { type: 'faq', lang, limit: 3 }).hits) add(hit.id, Math.round(hit.coverage * 1000) / 1000, 0);
  }
  return [...near.values()].sort((a, b) => b.clicks - a.clicks || b.score - a.score).slice(0, 5);
}

export function mondayOf(iso: string): string {
  const day = new Date(iso);
  const monday = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - ((day.getUTCDay() + 6) % 7)));
  return monday.toISOString().slice(0, 10);
}

/** Weekly figures, oldest week first. */
export function qualityByWeek(entries: readonly QuestionEntry[]): QualityWeek[] {
  const weeks = new Map<string, QualityWeek>();
  for (const e of entries) {
    const week = mondayOf(e.createdAt);
    const w = weeks.get(week) ?? { week, questions: 0, answer: 0, didYouMean: 0, unknown: 0, providers: 0, handoff: 0, up: 0, down: 0 };
    w.questions++;
    if (e.decision !== 'handoff') w[e.decision]++;
    if (e.decision === 'handoff' || e.handoff) w.handoff++;
    if (e.reaction === 'like') w.up++;
    if (e.reaction === 'dislike') w.down++;
    weeks.set(week, w);
  }
  return [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week));
}
