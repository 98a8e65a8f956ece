/**
 * The gap report as text for people without console access: Markdown (a section per group) or CSV (a row per
 * group), written by `npm run gaps -- --export FILE`. The texts are the log's, masked.
 */
import type { GapGroup, QualityWeek } from './gapReport.js';

const day = (iso: string) => iso.slice(0, 10);

export function gapsMarkdown(groups: readonly GapGroup[], weeks: readonly QualityWeek[], title = 'Knowledge gaps'): string {
  const lines = [`# ${title}`, '', `${groups.length} group(s), largest first. Texts are masked (e-mail, phone, IBAN).`, ''];
  if (weeks.length > 0) {
    lines.push('## Quality per week', '', '| week | questions | answered | did you mean | don\'t know | providers | handoff | 👍 | 👎 |', '|---|---|---|---|---|---|---|---|---|');
    for (const w of weeks) lines.push(`| ${w.week} | ${w.questions} | ${w.answer} | ${w.didYouMean} | ${w.unknown} | ${w.providers} | ${w.handoff} | ${w.up} | ${w.down} |`);
    lines.push('');
  }
  groups.forEach((g, i) => {
    lines.push(`## ${i + 1}. ${g.examples[0]!.replace(/\n/g, ' ')}`, '');
    lines.push(`- asked ${g.count}× (${g.lang}), first ${day(g.firstSeen)}, last ${day(g.lastSeen)}`);
    lines.push(`- not answered ${g.unanswered}×, "did you mean" ${g.hedged}×, down-voted ${g.downVoted}×`);
    const reasons = Object.entries(g.reasons).map(([r, n]) => `${r} ${n}×`);
    if (reasons.length) lines.push(`- reasons: ${reasons.join(', ')}`);
    if (g.near.length) lines.push(`- close entries: ${g.near.map((n) => `${n.id} (${n.score.toFixed(2)}${n.clicks ? `, ${n.clicks} click(s)` : ''})`).join(', ')}`);
    lines.push('', ...g.examples.map((e) => `> ${e.replace(/\n/g, ' ')}`), '');
    for (const c of g.comments) lines.push(`- note: ${c.replace(/\n/g, ' ')}`);
    if (g.comments.length) lines.push('');
  });
  return lines.join('\n');
}

const csvCell = (value: string | number) => {
  const text = String(value);
  // A leading = + - @ would make a spreadsheet read the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function gapsCsv(groups: readonly GapGroup[]): string {
  const header = ['count', 'lang', 'first_seen', 'last_seen', 'unanswered', 'did_you_mean', 'down_voted', 'reasons', 'close_entries', 'examples', 'notes'];
  const rows = groups.map((g) => [
    g.count,
    g.lang,
    g.firstSeen,
    g.lastSeen,
    g.unanswered,
    g.hedged,
    g.downVoted,
    Object.entries(g.reasons).map(([r, n]) => `${r}:${n}`).join(' '),
    g.near.map((n) => n.id).join(' '),
    g.examples.join(' | '),
    g.comments.join(' | '),
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}
