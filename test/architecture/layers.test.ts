/**
 * The layers of src/ (scripts/checkLayers.ts): imports point downwards only and nothing imports itself back; and the
 * check itself notices an upward import and a cycle.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerProblems } from '../../scripts/checkLayers.js';
import { repoRoot } from '../helpers/app.js';

describe('the layers of src/', () => {
  it('has no upward import and no import cycle', () => {
    expect(layerProblems(path.join(repoRoot, 'src')).map((p) => p.message)).toEqual([]);
  });

  it('reports an upward import, a file cycle and a folder cycle in a made-up tree', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'layers-'));
    try {
      for (const folder of ['core', 'bot', 'knowledge']) mkdirSync(path.join(dir, folder));
      writeFileSync(path.join(dir, 'core', 'a.ts'), "import { b } from '../bot/b.js';\nexport const a = 1;\n");
      writeFileSync(path.join(dir, 'bot', 'b.ts'), "import { a } from '../core/a.js';\nexport const b = 2;\n");
      writeFileSync(path.join(dir, 'knowledge', 'c.ts'), "export const c = 3;\n");
      const messages = layerProblems(dir).map((p) => p.message);
      expect(messages).toContain('core/a.ts (core) imports bot/b.ts (bot)');
      expect(messages).toContain('import cycle: bot/b.ts → core/a.ts → bot/b.ts');
      expect(messages).toContain('folders import each other: src/bot ⇄ src/core');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
