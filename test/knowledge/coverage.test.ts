/**
 * The coverage report of `npm run knowledge:check`: providers per topic and region with the gaps, the warning about
 * old sources, and the generated table in docs/knowledge-format.md.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  coverageGaps,
  coverageMarkdown,
  docsMarkers,
  latestDayOf,
  sourceAges,
  topicCoverage,
  withCoverage,
} from '../../scripts/knowledge/coverage.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { fixtureKnowledgeDir, repoRoot, runScript, shippedKnowledgeDir } from '../helpers/app.js';

const fixture = loadKnowledge(fixtureKnowledgeDir);
const tempRoot = mkdtempSync(path.join(tmpdir(), 'coverage-test-'));
afterAll(() => rmSync(tempRoot, { recursive: true, force: true }));

describe('providers per topic and region', () => {
  it('counts each profile once per topic it names, in the order of topics.yml', () => {
    const rows = topicCoverage(fixture);
    expect(rows.map((row) => row.topic.id)).toEqual(fixture.topics.map((topic) => topic.id));
    // Two fixture institutes in Dortmund name ki-daten; the Südwestfalen side has none.
    expect(rows.find((row) => row.topic.id === 'ki-daten')!.providers).toEqual({ dortmund: 2, suedwestfalen: 0 });
    expect(rows.find((row) => row.topic.id === 'robotik')!.providers).toEqual({ dortmund: 0, suedwestfalen: 1 });
  });

  it('names as gaps the topics with fewer than two providers in a region', () => {
    const gaps = coverageGaps(topicCoverage(fixture)).map((gap) => `${gap.region}:${gap.topic.id}:${gap.providers}`);
    expect(gaps).toContain('suedwestfalen:ki-daten:0');
    expect(gaps).toContain('suedwestfalen:robotik:1');
    expect(gaps).not.toContain('dortmund:ki-daten:2');
  });

  it('prints a Markdown table with the gaps marked and a sentence naming them', () => {
    const markdown = coverageMarkdown(fixture);
    expect(markdown).toContain('| topic | Dortmund | Südwestfalen |');
    expect(markdown).toContain('| KI & Daten (`ki-daten`) | 2 | 0 ⚠ |');
    expect(markdown).toContain('| **all profiles** | **3** | **3** |');
    expect(markdown).toMatch(/^Gaps \(wanted: 2 in Dortmund, 2 in Südwestfalen\): .*Südwestfalen: .*KI & Daten \(0\)/m);
  });
});

describe('the age of provider sources', () => {
  const today = new Date('2026-12-06T10:00:00Z');

  it('takes a year or a month at its last day', () => {
    expect(latestDayOf('2024')?.toISOString().slice(0, 10)).toBe('2024-12-31');
    expect(latestDayOf('2024-02')?.toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(latestDayOf('2024-05-13')?.toISOString().slice(0, 10)).toBe('2024-05-13');
    expect(latestDayOf('undated')).toBeUndefined();
  });

  it('lists the sources certainly older than the limit, oldest first, and the undated ones apart', () => {
    const ages = sourceAges(fixture, today, 3);
    // 2019 and 2022-03-01 are more than three years before 2026-12-06; 2024, 2025-10-02 and 2025-11 are not.
    expect(ages.old.map((p) => `${p.id} ${p.sourceDate}`)).toEqual(['hochschule-musterstadt 2019', 'foerderlotsen-beispielhausen 2022-03-01']);
    expect(ages.undated.map((p) => p.id)).toEqual(['institut-warenfluss']);
  });

  it('follows the limit', () => {
    // Two years before 2026-12-06 is 2024-12-06; the year 2024 runs until 2024-12-31.
    expect(sourceAges(fixture, today, 2).old.map((p) => p.sourceDate)).toEqual(['2019', '2022-03-01']);
    expect(sourceAges(fixture, today, 1).old.map((p) => p.sourceDate)).toEqual(['2019', '2022-03-01', '2024', '2025-10-02', '2025-11']);
    // 2023 ends on 2023-12-31: not yet three years before 2026-12-06.
    const year2023 = { ...fixture, providers: fixture.providers.map((p) => ({ ...p, sourceDate: '2023' })) };
    expect(sourceAges(year2023, today, 3).old).toEqual([]);
    expect(sourceAges(year2023, new Date('2027-01-01T00:00:00Z'), 3).old).toHaveLength(fixture.providers.length);
  });
});

describe('npm run knowledge:check on a valid folder', () => {
  it('prints the table and warns about old sources, but does not fail', async () => {
    const result = await runScript('scripts/knowledgeCheck.ts', [fixtureKnowledgeDir], { KNOWLEDGE_SOURCE_MAX_AGE_YEARS: '1' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('| KI & Daten (`ki-daten`) | 2 | 0 ⚠ |');
    expect(result.stderr).toMatch(/warning: \d+ provider sources are older than 1 year \(KNOWLEDGE_SOURCE_MAX_AGE_YEARS\)/);
    expect(result.stderr).toContain('providers/hochschule-musterstadt.md: sourceDate 2019');
    expect(result.stderr).toContain('providers/foerderlotsen-beispielhausen.md: sourceDate 2022-03-01');
    expect(result.stderr).toContain('note: 1 provider source states no date (sourceDate: undated): institut-warenfluss');
  });

  it('warns about nothing old when every source is younger than the limit', async () => {
    const result = await runScript('scripts/knowledgeCheck.ts', [fixtureKnowledgeDir], { KNOWLEDGE_SOURCE_MAX_AGE_YEARS: '100' });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('warning:');
  });

  it('refuses a limit that is no number of years', async () => {
    const result = await runScript('scripts/knowledgeCheck.ts', [fixtureKnowledgeDir], { KNOWLEDGE_SOURCE_MAX_AGE_YEARS: 'drei' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('KNOWLEDGE_SOURCE_MAX_AGE_YEARS');
  });
});

describe('the generated table in docs/knowledge-format.md', () => {
  it('replaces only the text between the markers', () => {
    const doc = `# Title\n\nbefore\n${docsMarkers.start}\nold table\n${docsMarkers.end}\nafter\n`;
    expect(withCoverage(doc, '| new |')).toBe(`# Title\n\nbefore\n${docsMarkers.start}\n| new |\n${docsMarkers.end}\nafter\n`);
    expect(() => withCoverage('# no markers', '| new |')).toThrow(/coverage markers are missing/);
  });

  it('holds the table of the shipped folder', () => {
    const doc = readFileSync(path.join(repoRoot, 'docs', 'knowledge-format.md'), 'utf8');
    expect(doc, 'regenerate it: npm run knowledge:check -- --write-docs').toContain(`${docsMarkers.start}\n${coverageMarkdown(loadKnowledge(shippedKnowledgeDir))}\n${docsMarkers.end}`);
  });

  it('is written by --write-docs', async () => {
    const docFile = path.join(tempRoot, 'knowledge-format.md');
    writeFileSync(docFile, withCoverage(readFileSync(path.join(repoRoot, 'docs', 'knowledge-format.md'), 'utf8'), 'stale'));
    const result = await runScript('scripts/knowledgeCheck.ts', [fixtureKnowledgeDir, `--write-docs=${docFile}`], {});
    expect(result.code).toBe(0);
    expect(readFileSync(docFile, 'utf8')).toContain(`${docsMarkers.start}\n${coverageMarkdown(fixture)}\n${docsMarkers.end}`);
  });
});
