/**
 * GET /api/providers/:id tells where a profile's facts come from: the source page, when that page was written and the
 * day a curator read it, as three separate fields (the cards show the first two: "Quelle: …, Stand 2019").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureKnowledgeDir, startApp, type RunningApp } from '../helpers/app.js';

let running: RunningApp;

beforeAll(async () => {
  running = await startApp({ knowledgeDir: fixtureKnowledgeDir });
});

afterAll(async () => {
  await running?.close();
});

async function provider(id: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${running.baseUrl}/api/providers/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('GET /api/providers/:id', () => {
  it('returns the source, the date of the source and the day it was verified as separate fields', async () => {
    const body = await provider('greifarm-robotik');
    expect(body).toMatchObject({
      source: 'https://example.org/fixture/greifarm-robotik',
      sourceDate: '2025-11',
      verified: '2026-01-15',
    });
  });

  it('gives a year as text and an undated source as "undated"', async () => {
    expect((await provider('hochschule-musterstadt')).sourceDate).toBe('2019');
    expect((await provider('institut-warenfluss')).sourceDate).toBe('undated');
  });
});
