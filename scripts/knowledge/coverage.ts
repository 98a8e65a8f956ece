/**
 * How well the provider directory covers the topic vocabulary, and how old its sources are: the report that
 * `npm run knowledge:check` prints (and, with `--write-docs`, puts into docs/knowledge-format.md).
 */
import type { Knowledge, ProviderProfile, Region, Topic } from '../../src/knowledge/schema.js';
import { regions } from '../../src/knowledge/schema.js';

/**
 * Providers a topic should have in each region, so that a user is offered a choice rather than a single name.
 * Issue 18 asks for two on the Südwestfalen side; the same floor is applied to Dortmund.
 */
export const wantedPerTopic: Record<Region, number> = { dortmund: 2, suedwestfalen: 2 };

/** Region names in the report's table. */
const regionLabel: Record<Region, string> = { dortmund: 'Dortmund', suedwestfalen: 'Südwestfalen' };

export interface TopicCoverage {
  topic: Topic;
  /** Profiles naming the topic, per region. */
  providers: Record<Region, number>;
}

/** A topic with fewer providers in a region than {@link wantedPerTopic}. */
export interface CoverageGap {
  topic: Topic;
  region: Region;
  providers: number;
  wanted: number;
}

/** Providers per topic of topics.yml (in its order) and region. */
export function topicCoverage(knowledge: Knowledge): TopicCoverage[] {
  return knowledge.topics.map((topic) => {
    const providers = { dortmund: 0, suedwestfalen: 0 } satisfies Record<Region, number>;
    for (const provider of knowledge.providers) if (provider.topics.includes(topic.id)) providers[provider.region] += 1;
    return { topic, providers };
  });
}

export function coverageGaps(coverage: TopicCoverage[]): CoverageGap[] {
  return coverage.flatMap(({ topic, providers }) =>
    regions
      .filter((region) => providers[region] < wantedPerTopic[region])
      .map((region) => ({ topic, region, providers: providers[region], wanted: wantedPerTopic[region] })),
  );
}

/**
 * The coverage as Markdown: one row per topic with its providers per region (a count below the wanted number is
 * marked ⚠), a row of all profiles, and a sentence naming the gaps.
 */
export function coverageMarkdown(knowledge: Knowledge): string {
  const coverage = topicCoverage(knowledge);
  const cell = (count: number, region: Region) => (count < wantedPerTopic[region] ? `${count} ⚠` : String(count));
  const lines = [
    `| topic | ${regions.map((region) => regionLabel[region]).join(' | ')} |`,
    `|---|${regions.map(() => '---:').join('|')}|`,
    ...coverage.map(({ topic, providers }) => `| ${topic.de} (\`${topic.id}\`) | ${regions.map((region) => cell(providers[region], region)).join(' | ')} |`),
    `| **all profiles** | ${regions.map((region) => `**${knowledge.providers.filter((p) => p.region === region).length}**`).join(' | ')} |`,
  ];
  const gaps = coverageGaps(coverage);
  const wanted = regions.map((region) => `${wantedPerTopic[region]} in ${regionLabel[region]}`).join(', ');
  lines.push(
    '',
    gaps.length === 0
      ? `No gaps: every topic has the wanted providers (${wanted}).`
      : `Gaps (wanted: ${wanted}): ${regions
          .map((region) => [region, gaps.filter((gap) => gap.region === region)] as const)
          .filter(([, list]) => list.length > 0)
          .map(([region, list]) => `${regionLabel[region]}: ${list.map((gap) => `${gap.topic.de} (${gap.providers})`).join(', ')}`)
          .join('; ')}.`,
  );
  return lines.join('\n');
}

/** The last day a source date can stand for: 2024 → 2024-12-31, 2024-05 → 2024-05-31, a day → that day. */
export function latestDayOf(sourceDate: string): Date | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(sourceDate);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (match[3]) return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3])));
  if (match[2]) return new Date(Date.UTC(year, Number(match[2]), 0));
  return new Date(Date.UTC(year, 11, 31));
}

export interface SourceAges {
  /**
   * Profiles whose source was written more than `maxAgeYears` before `today`, oldest first. A year or a month
   * counts from its last day, so only sources that are certainly that old are listed.
   */
  old: ProviderProfile[];
  /** Profiles whose source states no date ("undated"): their age is unknown. */
  undated: ProviderProfile[];
}

export function sourceAges(knowledge: Knowledge, today: Date, maxAgeYears: number): SourceAges {
  const cutoff = new Date(Date.UTC(today.getUTCFullYear() - maxAgeYears, today.getUTCMonth(), today.getUTCDate()));
  const dated = knowledge.providers
    .map((provider) => ({ provider, latest: latestDayOf(provider.sourceDate) }))
    .filter((entry): entry is { provider: ProviderProfile; latest: Date } => entry.latest !== undefined);
  return {
    old: dated
      .filter(({ latest }) => latest < cutoff)
      .sort((a, b) => a.latest.getTime() - b.latest.getTime() || a.provider.id.localeCompare(b.provider.id))
      .map(({ provider }) => provider),
    undated: knowledge.providers.filter((provider) => provider.sourceDate === 'undated'),
  };
}

/** Start and end markers of the generated coverage table in docs/knowledge-format.md. */
export const docsMarkers = {
  start: '<!-- coverage: generated by `npm run knowledge:check -- --write-docs`; do not edit by hand -->',
  end: '<!-- /coverage -->',
} as const;

/** `doc` with the text between the coverage markers replaced by `markdown`; throws when the markers are missing. */
export function withCoverage(doc: string, markdown: string): string {
  const start = doc.indexOf(docsMarkers.start);
  const end = doc.indexOf(docsMarkers.end);
  if (start < 0 || end < start) throw new Error(`knowledge:check: the coverage markers are missing (${docsMarkers.start} … ${docsMarkers.end})`);
  return `${doc.slice(0, start + docsMarkers.start.length)}\n${markdown}\n${doc.slice(end)}`;
}
