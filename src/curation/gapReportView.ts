/**
 * What the knowledge-gap report gives the staff console (`gapReport.ts` computes it; web/staff/gaps.ts shows it): plain
 * data types without imports, so that the browser code can share them.
 */

export interface NearEntry {
  id: string;
  title: string;
  /** Best score the bot gave it for a question of the group (or the search's, when it offered nothing). */
  score: number;
  /** How often users chose it from a "did you mean" card for a question of the group. */
  clicks: number;
}

export interface GapGroup {
  /** Id of the group's first question (stable while that question is kept). */
  key: number;
  lang: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** Distinct masked questions, newest first. */
  examples: string[];
  /** Why its questions are here. */
  unanswered: number;
  hedged: number;
  downVoted: number;
  reasons: Record<string, number>;
  comments: string[];
  handoffs: number;
  near: NearEntry[];
}

export type GapSort = 'largest' | 'newest';

/** One week of the quality chart: how the bot replied to the questions asked, and the votes. */
export interface QualityWeek {
  /** Monday of the week (YYYY-MM-DD, UTC). */
  week: string;
  questions: number;
  answer: number;
  didYouMean: number;
  unknown: number;
  providers: number;
  handoff: number;
  up: number;
  down: number;
}
