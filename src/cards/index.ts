/**
 * Every Adaptive Card of the assistant's answers, built from the core's typed values.
 * (Handoff cards live in `handoffCards.ts` beside this file.)
 */
import type { Attachment } from 'botbuilder';
import type { CardAction as SubmitData, ProviderMatch, ProviderSearch, RelatedQuestion } from '../core/types.js';
import { providerKinds, type Language, type ProviderKind } from '../knowledge/schema.js';
import { kindName, texts } from '../texts.js';
import { adaptiveCard, asAttachment, factSet, openUrlAction, submitAction, textBlock, type CardAction } from './adaptive.js';

export * from './adaptive.js';

/** Typed submit data: the only way buttons talk back to the bot. */
function submit(title: string, data: SubmitData): CardAction {
  return submitAction(title, data);
}

export interface TopicLabel {
  id: string;
  label: string;
}

/** Words of the message shown as the reason a provider matches. */
const maxReasonWords = 4;

/** One provider: name, kind, city, topics, why it matches, link, and the offer of an introduction. */
export function providerCard(match: ProviderMatch, topics: TopicLabel[], lang: Language, query: string): Record<string, unknown> {
  const t = texts(lang);
  const { provider } = match;
  const matched = new Set(match.matchedTopics);
  const topicText = topics.map((topic) => (matched.has(topic.id) ? `**${topic.label}**` : topic.label)).join(' · ');
  // The matched topics, then the most telling words (`SearchHit.why` comes ordered): a long message in everyday words
  // matches many, and a list of ten says less than the first few.
  const reasons = [
    ...topics.filter((topic) => matched.has(topic.id)).map((topic) => topic.label),
    ...match.why.slice(0, maxReasonWords).map((word) => t.quoted(word)),
  ];
  const summary = lang === 'en' && provider.summary_en ? provider.summary_en : provider.body.split('\n\n')[0]!;
  return adaptiveCard(
    [
      textBlock(provider.name, { size: 'Medium', weight: 'Bolder' }),
      textBlock(`${kindName[lang][provider.kind]} · ${provider.city}`, { isSubtle: true, spacing: 'None' }),
      textBlock(summary, { maxLines: 4 }),
      factSet([
        { title: t.providerTopics, value: topicText },
        { title: t.providerWhy, value: reasons.length > 0 ? [...new Set(reasons)].join(', ') : '—' },
      ]),
      textBlock(t.providerVerified(provider.verified), { isSubtle: true, size: 'Small' }),
    ],
    [
      openUrlAction(t.providerOpen, provider.url),
      submit(t.providerIntroduce, { action: 'introduce', providerId: provider.id, query: query.slice(0, 500) }),
    ],
  );
}

/** Buttons to narrow a provider list ("nur Hochschulen", "nur Start-ups", the other region). */
export function providerFilterCard(search: ProviderSearch, lang: Language, kindsAvailable: ProviderKind[]): Record<string, unknown> {
  const t = texts(lang);
  const actions: CardAction[] = providerKinds
    .filter((kind) => kind !== search.kind && kindsAvailable.includes(kind) && ['hochschule', 'forschung', 'startup', 'unternehmen'].includes(kind))
    .map((kind) => submit(t.filterOnly(kind), { action: 'filterProviders', query: search.query, region: search.region, kind }));
  if (search.kind) actions.unshift(submit(t.filterAll, { action: 'filterProviders', query: search.query, region: search.region }));
  const other = search.region === 'dortmund' ? 'suedwestfalen' : 'dortmund';
  actions.push(submit(t.otherRegion(other), { action: 'filterProviders', query: search.query, region: other }));
  return adaptiveCard([textBlock(t.providersFilterHint, { weight: 'Bolder' })], actions.slice(0, 5));
}

/** "Did you mean …" with one button per candidate question. */
export function didYouMeanCard(candidates: RelatedQuestion[], lang: Language): Record<string, unknown> {
  const t = texts(lang);
  return adaptiveCard(
    [textBlock(t.didYouMean, { weight: 'Bolder' })],
    candidates.map((c) => submit(c.title, { action: 'showAnswer', id: c.id })),
  );
}

/** The honest "I don't know", with the agency contact and the offer of a person. */
export function unknownCard(contactMarkdown: string | undefined, lang: Language): Record<string, unknown> {
  const t = texts(lang);
  return adaptiveCard(
    [textBlock(t.unknown), ...(contactMarkdown ? [textBlock(contactMarkdown)] : []), textBlock(t.unknownOfferHuman, { weight: 'Bolder' })],
    [submit(t.talkToHuman, { action: 'human' })],
  );
}

export function attach(card: Record<string, unknown>): Attachment {
  return asAttachment(card);
}
