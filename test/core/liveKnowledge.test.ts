/**
 * LiveKnowledge's rebuilds: requests made while one runs share one more rebuild after it (none is missed, none is
 * repeated), and a failed rebuild keeps the version serving and reports its problems.
 */
import { describe, expect, it } from 'vitest';
import { LiveKnowledge, type KnowledgeVersion } from '../../src/core/liveKnowledge.js';

const version = (hash: string) => ({ hash }) as unknown as KnowledgeVersion;

describe('LiveKnowledge', () => {
  it('coalesces reloads asked for during a rebuild into one more rebuild', async () => {
    let builds = 0;
    let release!: () => void;
    const live = new LiveKnowledge(version('v0'), async () => {
      builds++;
      if (builds === 1) await new Promise<void>((resolve) => (release = resolve));
      return version(`v${builds}`);
    });
    const first = live.reload();
    const during = [live.reload(), live.reload(), live.reload()];
    release();
    expect((await first).status.version).toBe('v1');
    expect((await Promise.all(during)).map((r) => r.status.version)).toEqual(['v2', 'v2', 'v2']);
    expect(builds).toBe(2);
    expect(live.get().hash).toBe('v2');
  });

  it('keeps the serving version when a rebuild fails, and reports the problems until one succeeds', async () => {
    let fail = true;
    const live = new LiveKnowledge(version('v0'), async () => {
      if (fail) throw Object.assign(new Error('broken'), { problems: ['faq/de/x.md: title: is required'] });
      return version('v1');
    });
    const failed = await live.reload();
    expect(failed).toMatchObject({ ok: false, status: { version: 'v0', state: 'stale', problems: ['faq/de/x.md: title: is required'] } });
    expect(live.get().hash).toBe('v0');
    fail = false;
    expect(await live.reload()).toMatchObject({ ok: true, status: { version: 'v1', state: 'ok', problems: [] } });
  });
});
