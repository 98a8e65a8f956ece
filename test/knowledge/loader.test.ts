import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeError, loadKnowledge } from '../../src/knowledge/loader.js';
import { fixtureKnowledgeDir, runScript, shippedKnowledgeDir } from '../helpers/app.js';

const tempRoot = mkdtempSync(path.join(tmpdir(), 'knowledge-test-'));
afterAll(() => rmSync(tempRoot, { recursive: true, force: true }));

let copies = 0;
/** A fresh copy of the fixture folder with `edits` applied: file (relative) → function of its text. */
function brokenCopy(edits: Record<string, (text: string) => string>): string {
  const dir = path.join(tempRoot, `copy-${++copies}`);
  cpSync(fixtureKnowledgeDir, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const full = path.join(dir, file);
    let before = '';
    try {
      before = readFileSync(full, 'utf8');
    } catch {
      // a new file
    }
    const after = edit(before);
    if (after === before) throw new Error(`test setup: edit of ${file} changed nothing`);
    writeFileSync(full, after);
  }
  return dir;
}

/** Replaces one line of front matter (`key: …`) by another text (or removes it when `line` is empty). */
const setLine = (key: string, line: string) => (text: string) => text.replace(new RegExp(`^${key}:.*\\n`, 'm'), line ? `${line}\n` : '');

function problemsOf(dir: string): string[] {
  try {
    loadKnowledge(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeError);
    return (error as KnowledgeError).problems;
  }
  throw new Error('expected loadKnowledge to throw a KnowledgeError');
}

describe('loadKnowledge on valid folders', () => {
  it('loads the fixture folder', () => {
    const knowledge = loadKnowledge(fixtureKnowledgeDir);
    expect(knowledge.faqs).toHaveLength(20);
    expect(knowledge.faqs.filter((f) => f.lang === 'de')).toHaveLength(10);
    expect(knowledge.providers).toHaveLength(6);
    expect(knowledge.topics.map((t) => t.id)).toContain('robotik');
    expect(knowledge.synonyms[0]).toEqual(['ki', 'künstliche intelligenz', 'ai', 'artificial intelligence']);
  });

  it('keeps the verified day as written and the body as the answer', () => {
    const knowledge = loadKnowledge(fixtureKnowledgeDir);
    const provider = knowledge.providers.find((p) => p.id === 'greifarm-robotik')!;
    expect(provider.verified).toBe('2026-01-15');
    expect(provider.sourceDate).toBe('2025-11');
    // YAML reads a bare year as a number and an undated source as a word; both stay text.
    expect(knowledge.providers.find((p) => p.id === 'hochschule-musterstadt')!.sourceDate).toBe('2019');
    expect(knowledge.providers.find((p) => p.id === 'institut-warenfluss')!.sourceDate).toBe('undated');
    expect(provider.file).toBe('providers/greifarm-robotik.md');
    expect(knowledge.faqs.find((f) => f.id === 'kosten-de')!.body).toMatch(/^Die Teilnahme ist kostenlos/);
  });

  it('loads the shipped folder', () => {
    const knowledge = loadKnowledge(shippedKnowledgeDir);
    expect(knowledge.faqs.length).toBeGreaterThan(20);
    expect(knowledge.faqs.some((f) => f.id === 'unterzeichnung-de')).toBe(true);
  });
});

describe('loadKnowledge reports each problem as `file: field: reason`', () => {
  const cases: { name: string; edits: Record<string, (text: string) => string>; problem: RegExp }[] = [
    {
      name: 'a provider kind outside the list',
      edits: { 'providers/greifarm-robotik.md': setLine('kind', 'kind: raumschiff') },
      problem: /^providers\/greifarm-robotik\.md: kind: .*hochschule.*startup/,
    },
    {
      name: 'a topic that topics.yml does not know',
      edits: { 'providers/greifarm-robotik.md': setLine('topics', 'topics: [robotik, zeitreisen]') },
      problem: /^providers\/greifarm-robotik\.md: topics\.1: unknown topic "zeitreisen"/,
    },
    {
      name: 'a FAQ entry without title',
      edits: { 'faq/de/kosten-de.md': setLine('title', '') },
      problem: /^faq\/de\/kosten-de\.md: title: is required$/,
    },
    {
      name: 'an empty title',
      edits: { 'faq/de/kosten-de.md': setLine('title', 'title: "  "') },
      problem: /^faq\/de\/kosten-de\.md: title: must not be empty$/,
    },
    {
      name: 'an id that differs from the file name',
      edits: { 'faq/en/kosten-en.md': setLine('id', 'id: preise-en') },
      problem: /^faq\/en\/kosten-en\.md: id: must equal the file name "kosten-en"$/,
    },
    {
      name: 'a duplicate id (the same file name in two folders)',
      edits: { 'faq/en/kosten-de.md': () => readFileSync(path.join(fixtureKnowledgeDir, 'faq/de/kosten-de.md'), 'utf8') },
      problem: /^faq\/en\/kosten-de\.md: id: "kosten-de" is already used by faq\/de\/kosten-de\.md$/,
    },
    {
      name: 'a related id that does not exist',
      edits: { 'faq/de/kontakt-de.md': setLine('related', 'related: [partner-de, gibt-es-nicht-de]') },
      problem: /^faq\/de\/kontakt-de\.md: related\.1: unknown entry "gibt-es-nicht-de"$/,
    },
    {
      name: 'a related entry in the other language',
      edits: { 'faq/de/kontakt-de.md': setLine('related', 'related: [partner-en]') },
      problem: /^faq\/de\/kontakt-de\.md: related\.0: "partner-en" is in another language$/,
    },
    {
      name: 'invalid YAML in the front matter',
      edits: { 'faq/de/hochschule-de.md': setLine('title', 'title: [Welche Hochschule') },
      problem: /^faq\/de\/hochschule-de\.md: \(front matter\): invalid YAML: .+/,
    },
    {
      name: 'a verified date that does not exist',
      edits: { 'providers/institut-warenfluss.md': setLine('verified', 'verified: 2026-13-45') },
      problem: /^providers\/institut-warenfluss\.md: verified: must be a date like 2026-11-25$/,
    },
    {
      name: 'a verified value that is no date',
      edits: { 'providers/schlosswacht-security.md': setLine('verified', 'verified: neulich') },
      problem: /^providers\/schlosswacht-security\.md: verified: must be a date like 2026-11-25$/,
    },
    {
      name: 'the 30th of February',
      edits: { 'providers/schlosswacht-security.md': setLine('verified', 'verified: 2026-02-30') },
      problem: /^providers\/schlosswacht-security\.md: verified: must be a date like 2026-11-25$/,
    },
    {
      name: 'a provider without the date of its source',
      edits: { 'providers/greifarm-robotik.md': setLine('sourceDate', '') },
      problem: /^providers\/greifarm-robotik\.md: sourceDate: is required$/,
    },
    {
      name: 'a source date that is no date',
      edits: { 'providers/greifarm-robotik.md': setLine('sourceDate', 'sourceDate: neulich') },
      problem: /^providers\/greifarm-robotik\.md: sourceDate: must be a date like 2024-05-13, 2024-05, 2024 or "undated"$/,
    },
    {
      name: 'a source month that does not exist',
      edits: { 'providers/greifarm-robotik.md': setLine('sourceDate', 'sourceDate: 2024-13') },
      problem: /^providers\/greifarm-robotik\.md: sourceDate: must be a date like 2024-05-13, 2024-05, 2024 or "undated"$/,
    },
    {
      name: 'an unknown document type',
      edits: { 'faq/de/kosten-de.md': setLine('type', 'type: blog') },
      problem: /^faq\/de\/kosten-de\.md: type: must be "faq" or "provider"$/,
    },
    {
      name: 'a FAQ language outside de/en',
      edits: { 'faq/de/kosten-de.md': setLine('lang', 'lang: fr') },
      problem: /^faq\/de\/kosten-de\.md: lang: /,
    },
    {
      name: 'an unknown front matter key',
      edits: { 'faq/de/kosten-de.md': setLine('lang', 'lang: de\nauthor: jemand') },
      problem: /^faq\/de\/kosten-de\.md: \(front matter\): .*author/,
    },
    {
      name: 'an empty body',
      edits: { 'faq/de/kosten-de.md': (text) => text.slice(0, text.indexOf('\n---\n') + 5) },
      problem: /^faq\/de\/kosten-de\.md: \(body\): must not be empty$/,
    },
    {
      name: 'a provider URL that is no URL',
      edits: { 'providers/greifarm-robotik.md': setLine('url', 'url: greifarm dot example') },
      problem: /^providers\/greifarm-robotik\.md: url: must be a URL$/,
    },
    {
      name: 'need phrasings given as a plain list instead of per language',
      edits: { 'providers/greifarm-robotik.md': setLine('url', 'needs: ["Wir wollen Roboter einsetzen"]\nurl: https://example.org/') },
      problem: /^providers\/greifarm-robotik\.md: needs: /,
    },
    {
      name: 'a need phrasing in a language outside de/en',
      edits: { 'providers/greifarm-robotik.md': setLine('url', 'needs:\n  fr: ["Nous voulons des robots"]\nurl: https://example.org/') },
      problem: /^providers\/greifarm-robotik\.md: needs: .*fr/,
    },
    {
      name: 'a synonym group with one term',
      edits: { 'synonyms.yml': (text) => `${text}- [einsam]\n` },
      problem: /^synonyms\.yml: 4: a group needs at least two terms$/,
    },
    {
      name: 'a topic without terms',
      edits: { 'topics.yml': (text) => text.replace('  terms: [robotik]\n', '') },
      problem: /^topics\.yml: 1\.terms: is required$/,
    },
    {
      name: 'a topic term of stop words only',
      edits: { 'topics.yml': (text) => text.replace('terms: [robotik]', 'terms: [robotik, "und die"]') },
      problem: /^topics\.yml: 1\.terms\.1: "und die" has no word that can name a topic$/,
    },
    {
      name: 'invalid YAML in topics.yml',
      edits: { 'topics.yml': (text) => `${text}- id: [kaputt\n` },
      problem: /^topics\.yml: \(file\): .+/,
    },
  ];

  for (const { name, edits, problem } of cases) {
    it(`reports ${name}`, () => {
      const problems = problemsOf(brokenCopy(edits));
      expect(problems).toEqual([expect.stringMatching(problem)]);
    });
  }

  it('reports every problem of a folder at once, each in the error message', () => {
    const dir = brokenCopy({
      'providers/greifarm-robotik.md': setLine('kind', 'kind: raumschiff'),
      'providers/handwerkskammer-beispielhausen.md': setLine('topics', 'topics: [zeitreisen]'),
      'faq/de/kosten-de.md': setLine('title', ''),
      'faq/en/kosten-en.md': setLine('id', 'id: preise-en'),
      'faq/de/kontakt-de.md': setLine('related', 'related: [gibt-es-nicht-de]'),
      'faq/de/hochschule-de.md': setLine('title', 'title: [Welche Hochschule'),
      'providers/institut-warenfluss.md': setLine('verified', 'verified: 2026-13-45'),
    });
    let error: unknown;
    try {
      loadKnowledge(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(KnowledgeError);
    const { problems, message } = error as KnowledgeError;
    expect(problems).toHaveLength(7);
    for (const file of [
      'providers/greifarm-robotik.md: kind:',
      'providers/handwerkskammer-beispielhausen.md: topics.0:',
      'faq/de/kosten-de.md: title:',
      'faq/en/kosten-en.md: id:',
      'faq/de/kontakt-de.md: related.0:',
      'faq/de/hochschule-de.md: (front matter):',
      'providers/institut-warenfluss.md: verified:',
    ]) {
      expect(problems.some((p) => p.startsWith(file))).toBe(true);
      expect(message).toContain(file);
    }
  });

  it('does not blame other files for references to an invalid entry', () => {
    // hochschule-de is related from ki-lotse-de; its own YAML problem is the only one reported.
    const problems = problemsOf(brokenCopy({ 'faq/de/hochschule-de.md': setLine('title', 'title: [Welche Hochschule') }));
    expect(problems).toHaveLength(1);
  });

  it('reports a missing folder', () => {
    expect(problemsOf(path.join(tempRoot, 'nowhere'))).toEqual([expect.stringMatching(/nowhere: \(folder\): the knowledge folder does not exist$/)]);
  });
});

describe('npm run knowledge:check', () => {
  it('exits 1 and prints every problem as `file: field: reason`', async () => {
    const dir = brokenCopy({
      'providers/greifarm-robotik.md': setLine('kind', 'kind: raumschiff'),
      'faq/de/kosten-de.md': setLine('title', ''),
    });
    const result = await runScript('scripts/knowledgeCheck.ts', [dir], {});
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      'faq/de/kosten-de.md: title: is required',
      expect.stringMatching(/^providers\/greifarm-robotik\.md: kind: /),
    ]);
  });

  it('exits 0 on the shipped folder (via npm run, as documented)', async () => {
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      import('node:child_process')
        .then(({ execFile }) => {
          execFile('npm', ['run', '--silent', 'knowledge:check'], { cwd: path.resolve(shippedKnowledgeDir, '..'), timeout: 30_000 }, (error, stdout) =>
            resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout }),
          );
        })
        .catch(reject);
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^knowledge ok: \d+ FAQ entries/);
  });

  it('exits 0 on the fixture folder', async () => {
    const result = await runScript('scripts/knowledgeCheck.ts', [fixtureKnowledgeDir], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('knowledge ok: 20 FAQ entries (10 de, 10 en), 6 providers');
  });
});

describe('the server with an invalid knowledge folder', () => {
  it('refuses to start and names the file and the field', async () => {
    const dir = brokenCopy({ 'providers/greifarm-robotik.md': setLine('kind', 'kind: raumschiff') });
    const result = await runScript('src/main.ts', [], {
      KNOWLEDGE_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: path.join(tempRoot, 'data'),
      LOG_LEVEL: 'silent',
    });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('Knowledge folder is invalid');
    expect(result.stderr).toMatch(/providers\/greifarm-robotik\.md: kind: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
