/**
 * docs/benchmarks.md holds two measurements: `npm run bench` rewrites the document, `npm run bench -- --store
 * postgres` its "Stores and instances" section. Neither run may wipe out the other's figures.
 */
import { describe, expect, it } from 'vitest';
import { STORE_SECTION_END, STORE_SECTION_START, storeSectionOf, withStoreSection } from '../../bench/storeBench.js';

const section = (figure: string) => `${STORE_SECTION_START}\n## Stores and instances\n\n${figure}\n${STORE_SECTION_END}`;

describe('the store section of docs/benchmarks.md', () => {
  it('is appended to a document that has none, and replaced in place in one that has', () => {
    const first = withStoreSection('# Benchmarks\n\n| a | b |\n', section('53 turns/s'));
    expect(first).toBe(`# Benchmarks\n\n| a | b |\n\n${section('53 turns/s')}\n`);
    const second = withStoreSection(`${first}\n## Later heading\n`, section('61 turns/s'));
    expect(second).toContain('61 turns/s');
    expect(second).not.toContain('53 turns/s');
    expect(second.split(STORE_SECTION_START)).toHaveLength(2);
    expect(second.indexOf('61 turns/s')).toBeLessThan(second.indexOf('## Later heading'));
  });

  it('survives a rewrite of the whole document by the full bench', () => {
    const old = `# Benchmarks\n\nold figures\n\n${section('53 turns/s')}\n`;
    const kept = storeSectionOf(old);
    expect(kept).toBe(section('53 turns/s'));
    const rewritten = withStoreSection('# Benchmarks\n\nnew figures\n', kept!);
    expect(rewritten).toContain('new figures');
    expect(rewritten).not.toContain('old figures');
    expect(rewritten).toContain('53 turns/s');
    expect(storeSectionOf('# Benchmarks\n')).toBeUndefined();
  });
});
