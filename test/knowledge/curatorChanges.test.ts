/**
 * Curator changes as data over the folder: applied without touching files, retired once the folder has them,
 * reported when their entry is gone; written back as plain edits a curator can review in git.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addQuestionToFile, applyChanges, writeChanges, type CuratorChange } from '../../src/knowledge/curatorChanges.js';
import { KnowledgeError, loadKnowledge } from '../../src/knowledge/loader.js';
import { fixtureKnowledgeDir } from '../helpers/app.js';

const temp = mkdtempSync(path.join(tmpdir(), 'curator-changes-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const change = (id: number, data: CuratorChange['data']): CuratorChange => ({ id, data, author: 'Berta', createdAt: '2026-12-01T10:00:00Z' });

describe('curator changes', () => {
  const folder = loadKnowledge(fixtureKnowledgeDir);
  const changes = [
    change(1, { action: 'phrasing', entryId: 'kosten-de', question: 'Kostet mich das was?' }),
    change(2, { action: 'phrasing', entryId: 'kosten-de', question: 'muss man etwas bezahlen?' }),
    change(3, { action: 'phrasing', entryId: 'weg-de', question: 'Gibt es das noch?' }),
    change(4, { action: 'draft', id: 'parken-de', lang: 'de', title: 'Wo kann ich parken?', questions: ['Wo parke ich?'], body: 'Entwurf.' }),
    change(5, { action: 'outOfScope', lang: 'de', questions: ['Wie wird das Wetter?'] }),
  ];

  it('applies over the folder: a new phrasing, a draft that is not served, an out-of-scope example; retires what the folder has', () => {
    const { knowledge, outcomes } = applyChanges(folder, changes);
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'retired', 'invalid', 'applied', 'applied']);
    expect(knowledge.faqs.find((f) => f.id === 'kosten-de')!.questions).toContain('Kostet mich das was?');
    expect(knowledge.faqs.some((f) => f.id === 'parken-de')).toBe(false);
    expect(knowledge.drafts!.find((f) => f.id === 'parken-de')).toMatchObject({ status: 'draft', file: 'faq/de/parken-de.md' });
    expect(knowledge.outOfScope!.de).toEqual(['Wie wird das Wetter?']);
    // The folder's own knowledge is not changed.
    expect(folder.faqs.find((f) => f.id === 'kosten-de')!.questions).not.toContain('Kostet mich das was?');
  });

  it('writes them into the files; the folder then loads with the draft kept out of the served entries, and every change retires', () => {
    const dir = path.join(temp, 'knowledge');
    cpSync(fixtureKnowledgeDir, dir, { recursive: true });
    const files = writeChanges(dir, loadKnowledge(dir), changes);
    expect(files.sort()).toEqual(['faq/de/kosten-de.md', 'faq/de/parken-de.md', 'out-of-scope.yml']);
    const written = loadKnowledge(dir);
    expect(written.faqs.some((f) => f.id === 'parken-de')).toBe(false);
    expect(written.drafts!.map((f) => f.id)).toEqual(['parken-de']);
    const again = applyChanges(written, changes).outcomes.map((o) => o.status);
    expect(again).toEqual(['retired', 'retired', 'invalid', 'retired', 'retired']);
  });

  it('adds a phrasing to a block or an inline list, quoted', () => {
    const block = '---\ntype: faq\nquestions:\n  - Eins?\n  - Zwei?\ntags: [a]\n---\nText';
    expect(addQuestionToFile(block, 'Drei: "x"?')).toBe('---\ntype: faq\nquestions:\n  - Eins?\n  - Zwei?\n  - "Drei: \\"x\\"?"\ntags: [a]\n---\nText');
    expect(addQuestionToFile('---\nquestions: [Eins?]\n---\nText', 'Zwei?')).toBe('---\nquestions: [Eins?, "Zwei?"]\n---\nText');
  });

  it('refuses a live entry that points at a draft', () => {
    const dir = path.join(temp, 'related');
    cpSync(fixtureKnowledgeDir, dir, { recursive: true });
    writeChanges(dir, loadKnowledge(dir), [changes[3]!]);
    const file = path.join(dir, 'faq', 'de', 'kosten-de.md');
    const text = readFileSync(file, 'utf8').replace('related: [ziele-de, kontakt-de]', 'related: [ziele-de, parken-de]');
    writeFileSync(file, text);
    expect(() => loadKnowledge(dir)).toThrow(KnowledgeError);
    expect(() => loadKnowledge(dir)).toThrow(/related\.1: "parken-de" is a draft/);
  });
});
