/**
 * docs/benchmarks.md may carry notes written by hand (where a profile says the time goes): `npm run bench` rewrites
 * the document and keeps them, after the store section.
 */
import { describe, expect, it } from 'vitest';
import { sectionOf, withKeptSections } from '../../bench/report.js';
import { STORE_SECTION_END, STORE_SECTION_START, storeSectionOf, withStoreSection } from '../../bench/storeBench.js';

const notes = '<!-- profile-notes -->\n## Where the time goes\n\nsearch 40 %\n<!-- /profile-notes -->';
const store = `${STORE_SECTION_START}\n## Stores and instances\n\n53 turns/s\n${STORE_SECTION_END}`;

describe('hand-written sections of docs/benchmarks.md', () => {
  it('survive a rewrite of the whole document, with the store section', () => {
    const previous = `# Benchmarks\n\nold figures\n\n${store}\n\n${notes}\n`;
    const rewritten = withKeptSections(withStoreSection('# Benchmarks\n\nnew figures\n', storeSectionOf(previous)!), previous);
    expect(rewritten).toBe(`# Benchmarks\n\nnew figures\n\n${store}\n\n${notes}\n`);
    expect(sectionOf(rewritten, 'profile-notes')).toBe(notes);
  });

  it('leave a document without them as it is', () => {
    expect(withKeptSections('# Benchmarks\n\nnew figures\n', '# Benchmarks\n\nold\n')).toBe('# Benchmarks\n\nnew figures\n');
  });
});
