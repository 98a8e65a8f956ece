/**
 * Conversation state on the product's database: what a turn saves is there in the next turn and after the database
 * is opened again, a write with a stale eTag is refused (botbuilder's optimistic concurrency, also between two
 * connections), and deleted state is gone.
 */
import { describe, expect, it } from 'vitest';
import { BotStateStorage } from '../../src/store/botStateStorage.js';
import { testStore } from '../helpers/testStore.js';
import { openStore } from './support.js';

describe(`BotStateStorage (${testStore})`, () => {
  it('returns what was written, with an eTag, and nothing for unknown keys', async () => {
    const storage = new BotStateStorage((await openStore()).db);
    await storage.write({ 'conv-1': { lang: 'en', misses: 1 } });
    const items = await storage.read(['conv-1', 'unknown']);
    expect(items['conv-1']).toMatchObject({ lang: 'en', misses: 1 });
    expect(items['conv-1']!.eTag).toEqual(expect.any(String));
    expect(items.unknown).toBeUndefined();
  });

  it('keeps the state when the database is opened again', async () => {
    const first = await openStore();
    await new BotStateStorage(first.db).write({ 'conv-1': { lang: 'de' } });
    await first.db.close();
    const again = await openStore(first.dir);
    expect((await new BotStateStorage(again.db).read(['conv-1']))['conv-1']).toMatchObject({ lang: 'de' });
  });

  it('refuses a write with a stale eTag and accepts one with the current eTag or "*"', async () => {
    const storage = new BotStateStorage((await openStore()).db);
    await storage.write({ conv: { n: 1 } });
    const read = (await storage.read(['conv'])).conv!;
    await storage.write({ conv: { n: 2, eTag: read.eTag } });
    await expect(storage.write({ conv: { n: 3, eTag: read.eTag } })).rejects.toThrow(/eTag conflict/);
    await storage.write({ conv: { n: 4, eTag: '*' } });
    expect((await storage.read(['conv'])).conv).toMatchObject({ n: 4 });
  });

  it('lets only one of two writers win with the same eTag', async () => {
    const { db } = await openStore();
    const a = new BotStateStorage(db);
    await a.write({ conv: { n: 1 } });
    const eTag = (await a.read(['conv'])).conv!.eTag;
    const results = await Promise.allSettled([a.write({ conv: { n: 2, eTag } }), a.write({ conv: { n: 3, eTag } })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('forgets deleted keys', async () => {
    const storage = new BotStateStorage((await openStore()).db);
    await storage.write({ a: { x: 1 }, b: { x: 2 } });
    await storage.delete(['a']);
    const items = await storage.read(['a', 'b']);
    expect(items.a).toBeUndefined();
    expect(items.b).toMatchObject({ x: 2 });
  });
});
