/**
 * Every Adaptive Card the product builds parses with the `adaptivecards` library at version 1.5 with no unknown
 * elements, properties or validation errors, and every button's data is accepted by the bot's own zod schema.
 *
 * Card builders are found by looking at src/cards/: every exported function named `…Card` needs samples below,
 * so a new card cannot skip this check.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/types.js';
import * as coreTypes from '../../src/core/types.js';
import { renderReply } from '../../src/bot/render.js';
import { handoffOfferCard, handoffQueuedCard, ticketCard, type TicketCardView } from '../../src/cards/handoffCards.js';
import { feedbackCard } from '../../src/cards/feedbackCard.js';
import { didYouMeanCard, providerCard, providerFilterCard, unknownCard } from '../../src/cards/index.js';
import { deleteDataConfirmCard } from '../../src/cards/privacyCards.js';
import { allowedActions, isOpen, ticketStates } from '../../src/handoff/ticketStateMachine.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { providerKinds, type FaqEntry, type Language, type ProviderProfile } from '../../src/knowledge/schema.js';
import { KnowledgeIndex } from '../../src/knowledge/knowledgeIndex.js';
import { repoRoot, shippedKnowledgeDir } from '../helpers/app.js';
import { adaptiveCardProblems } from './adaptiveCardCheck.js';

const cardsDir = path.join(repoRoot, 'src', 'cards');
const languages: Language[] = ['de', 'en'];
/** Builders that make cards out of parts rather than being a card of the product. */
const genericBuilders = new Set(['adaptiveCard']);

let index: KnowledgeIndex;
let providers: ProviderProfile[];
let faqs: FaqEntry[];

beforeAll(() => {
  index = new KnowledgeIndex(loadKnowledge(shippedKnowledgeDir));
  providers = index.knowledge.providers;
  faqs = index.knowledge.faqs;
});

/** The zod schema the bot validates `activity.value` with (all submit data of the product). */
function submitSchema(): { safeParse(value: unknown): { success: boolean } } {
  const types = coreTypes as unknown as Record<string, { safeParse(value: unknown): { success: boolean } } | undefined>;
  return types.submitDataSchema ?? coreTypes.cardActionSchema;
}

/** Samples per card builder: realistic values from the shipped knowledge, in both languages. */
const samples: Record<string, () => unknown[]> = {
  providerCard: () =>
    providers.flatMap((provider) =>
      languages.map((lang) =>
        providerCard(
          { provider, matchedTopics: provider.topics.slice(0, 1), why: ['KI', 'Produktion'], score: 3.2 },
          provider.topics.map((id) => ({ id, label: index.topic(id)?.[lang] ?? id })),
          lang,
          'Wir suchen Unterstützung bei KI in der Produktion',
        ),
      ),
    ),
  providerFilterCard: () =>
    languages.flatMap((lang) => [
      providerFilterCard({ query: 'IT-Sicherheit', region: 'dortmund' }, lang, [...providerKinds]),
      providerFilterCard({ query: 'IT-Sicherheit', region: 'suedwestfalen', kind: 'hochschule' }, lang, [...providerKinds]),
      providerFilterCard({ query: 'IT-Sicherheit', region: 'dortmund' }, lang, []),
    ]),
  didYouMeanCard: () =>
    languages.map((lang) =>
      didYouMeanCard(
        faqs.filter((faq) => faq.lang === lang).slice(0, 3).map((faq) => ({ id: faq.id, title: faq.title })),
        lang,
      ),
    ),
  feedbackCard: () => languages.map((lang) => feedbackCard('q7Xr2abcDEF0123456789', lang)),
  unknownCard: () =>
    languages.flatMap((lang) => [unknownCard(index.get(`kontakt-${lang}`)?.body, lang), unknownCard(undefined, lang)]),
  handoffOfferCard: () =>
    languages.flatMap((lang) =>
      (['asked', 'unanswered', 'introduction'] as const).flatMap((reason) =>
        [true, false].map((officeOpen) =>
          handoffOfferCard(
            { reason, topic: reason === 'asked' ? '' : 'KI in der <b>Produktion</b> [Link](https://example.org)', providerIds: ['tu-dortmund'], providerNames: ['TU Dortmund'] },
            lang,
            officeOpen,
            'Mo-Fr 09:00-17:00',
          ),
        ),
      ),
    ),
  deleteDataConfirmCard: () => languages.map((lang) => deleteDataConfirmCard(lang)),
  handoffQueuedCard: () =>
    languages.flatMap((lang) => [handoffQueuedCard(7, lang, true, 'Mo-Fr 09:00-17:00'), handoffQueuedCard(8, lang, false, 'Mo-Fr 09:00-17:00')]),
  ticketCard: () => {
    const base: TicketCardView = {
      id: 12,
      state: 'queued',
      open: true,
      actions: ['claim', 'resolve', 'return'],
      topic: 'Wir suchen Unterstützung bei IT-Sicherheit',
      reason: 'asked',
      userName: 'Anna Beispiel',
      channelId: 'msteams',
      providerNames: ['Fraunhofer ISST'],
      createdAt: '2025-01-06T09:00:00.000Z',
      transcript: [
        { role: 'user', author: 'Anna Beispiel', text: 'Wir suchen Hilfe bei <script>alert(1)</script>' },
        { role: 'bot', author: 'Bot', text: 'Diese Anlaufstellen passen …' },
      ],
    };
    const now = new Date('2025-01-06T09:12:00.000Z');
    return languages.flatMap((lang) =>
      ticketStates.flatMap((state) => {
        const view = { ...base, state, open: isOpen(state), actions: allowedActions(state, 'staff').filter((a) => a !== 'cancel') };
        return [
          ticketCard({ ...view, claimedByName: state === 'queued' ? undefined : 'Berta Team' }, now, lang),
          ticketCard({ ...view, providerNames: [], transcript: [], channelId: 'webchat' }, now, lang),
        ];
      }),
    );
  },
};

/** Exported `…Card` functions of every module in src/cards/, by name. */
async function cardBuilders(): Promise<Map<string, string>> {
  const builders = new Map<string, string>();
  for (const file of readdirSync(cardsDir).filter((name) => name.endsWith('.ts'))) {
    const module = (await import(path.join(cardsDir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'function' && /Card$/.test(name) && !genericBuilders.has(name)) builders.set(name, file);
    }
  }
  return builders;
}

/** Every Action.Submit `data` in a card, wherever it sits. */
function submitData(node: unknown): unknown[] {
  if (Array.isArray(node)) return node.flatMap(submitData);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = record.type === 'Action.Submit' ? [record.data] : [];
  return [...own, ...Object.entries(record).filter(([key]) => key !== 'data').flatMap(([, value]) => submitData(value))];
}

describe('the card check itself', () => {
  it('finds what a client would reject', () => {
    const bad = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'x', size: 'Huge' }, { type: 'TextBlock', text: 'y', colour: 'Good' }, { type: 'Carousel3D' }],
      actions: [{ type: 'Action.OpenUrl', title: 'ohne Ziel' }, { type: 'Action.Submit', title: 't', role: 'Link', data: {} }],
    };
    const problems = adaptiveCardProblems(bad).join('\n');
    expect(problems).toMatch(/Invalid value "Huge"/);
    expect(problems).toMatch(/Unknown element type "Carousel3D"/);
    expect(problems).toMatch(/body\[1\]\.colour: unknown property of TextBlock/);
    expect(problems).toMatch(/Property "url" must be set/);
    expect(problems).toMatch(/"role" is supported in version 1.6/);
    expect(adaptiveCardProblems({ ...bad, version: '1.6', body: [], actions: [] })).toEqual(['$.version: expected "1.5", got "1.6"']);
  });

  it('accepts a card that only uses 1.5 properties and the Teams width extension', () => {
    const good = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'x', wrap: false }],
      actions: [{ type: 'Action.Submit', title: 't', data: { action: 'human' } }],
      msteams: { width: 'Full' },
    };
    expect(adaptiveCardProblems(good)).toEqual([]);
  });
});

describe('every card of the product', () => {
  it('has samples in this test for every card builder in src/cards/', async () => {
    const builders = await cardBuilders();
    expect(builders.size).toBeGreaterThanOrEqual(4);
    const missing = [...builders].filter(([name]) => !(name in samples)).map(([name, file]) => `${file}: ${name}`);
    expect(missing, 'add samples for these card builders').toEqual([]);
  });

  for (const [name, build] of Object.entries(samples)) {
    it(`${name} parses at 1.5 without problems, and its buttons send data the bot accepts`, () => {
      const cards = build();
      expect(cards.length).toBeGreaterThan(0);
      for (const card of cards) {
        expect(adaptiveCardProblems(card), JSON.stringify(card).slice(0, 300)).toEqual([]);
        for (const data of submitData(card)) expect(submitSchema().safeParse(data).success, JSON.stringify(data)).toBe(true);
      }
    });
  }

  it('every card attached to a rendered reply parses at 1.5', () => {
    const contact = index.get('kontakt-de') as FaqEntry;
    const search = { query: 'Wir suchen Unterstützung bei IT-Sicherheit', region: 'dortmund' as const };
    const matches = providers
      .filter((p) => p.region === 'dortmund')
      .slice(0, 3)
      .map((provider) => ({ provider, matchedTopics: provider.topics.slice(0, 2), why: ['IT-Sicherheit'], score: 2 }));
    const replies: Reply[] = languages.flatMap((lang) => [
      { kind: 'welcome', lang },
      { kind: 'help', lang },
      { kind: 'didYouMean', lang, candidates: faqs.slice(0, 3).map((faq) => ({ id: faq.id, title: faq.title })) },
      { kind: 'unknown', lang, contact, offerHuman: true },
      { kind: 'providers', lang, search, matches },
      { kind: 'providers', lang, search, matches: [] },
      { kind: 'escalate', lang, reason: 'introduction', topic: 'IT-Sicherheit', providerIds: matches.map((m) => m.provider.id) },
    ]);
    const view = {
      topicLabel: (id: string, l: Language) => index.topic(id)?.[l] ?? id,
      providerKinds: () => [...providerKinds],
      providerNames: (ids: string[]) => ids,
      officeHours: () => ({ open: false, text: 'Mo–Fr 9–17 Uhr' }),
    };
    let checked = 0;
    for (const reply of replies) {
      for (const activity of renderReply(reply, view)) {
        for (const attachment of activity.attachments ?? []) {
          expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
          expect(adaptiveCardProblems(attachment.content), `${reply.kind}/${reply.lang}`).toEqual([]);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});

describe('provider card', () => {
  it('gives as reasons the matched topics and only the first four words of the match, in their order', () => {
    const provider = providers.find((p) => p.id === 'roteg')!;
    const words = ['paletten', 'kartons', 'stapeln', 'automatisch', 'leute', 'tag'];
    const card = providerCard({ provider, matchedTopics: [], why: words, score: 1 }, [], 'de', 'Kartons auf Paletten');
    const facts = JSON.stringify(card);
    expect(facts).toContain('„paletten“, „kartons“, „stapeln“, „automatisch“');
    expect(facts).not.toContain('„leute“');
  });
});
