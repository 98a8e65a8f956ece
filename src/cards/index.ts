/**
 * Every Adaptive Card of the assistant's answers, built from the core's typed values.
 * (Handoff cards live in `handoffCards.ts` beside this file.)
 */
import type { Attachment } from 'botbuilder';
import type { CardAction as SubmitData, ProviderMatch, ProviderSearch, RelatedQuestion } from '../core/types.js';
import { otherRegion, providerKinds, type Language, type ProviderKind } from '../knowledge/schema.js';
import { kindName, texts } from '../texts.js';
import { adaptiveCard, asAttachment, openUrlAction, richTextBlock, submitAction, textBlock, textRun, type CardAction } from './adaptive.js';

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

/** The site a source URL is on, as a reader knows it: "https://www.tu-dortmund.de/transfer/" → "tu-dortmund.de". */
export function sourceHost(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

/** A Markdown link whose target cannot end early: brackets in the URL are percent-encoded. */
function markdownLink(text: string, url: string): string {
  return `[${text}](${new URL(url).href.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}

/**
 * One provider: name, kind and city, what it is, why it matches, its topics, where its facts come from and how old
 * that source is, its website and the offer of an introduction.
 *
 * Laid out for a card 250–300 px wide (the widget's carousel, Teams on a phone) as well as a wide one: each label
 * runs inline before its value, so it wraps between words like the text after it, and the topic tags keep to one
 * line (matched topics first; the reason already names them).
 */
export function providerCard(match: ProviderMatch, topics: TopicLabel[], lang: Language, query: string): Record<string, unknown> {
  const t = texts(lang);
  const { provider } = match;
  const matched = new Set(match.matchedTopics);
  const matchedTopics = topics.filter((topic) => matched.has(topic.id));
  // The matched topics, then the most telling words (`SearchHit.why` comes ordered): a long message in everyday words
  // matches many, and a list of ten says less than the first few.
  // The region's cooperation partner is shown for brokering contacts there: that is its first reason.
  const brokers = match.brokers ? [t.providerBrokers(match.brokers)] : [];
  const reasons = [
    ...new Set([...brokers, ...matchedTopics.map((topic) => topic.label), ...match.why.slice(0, maxReasonWords).map((word) => t.quoted(word))]),
  ];
  const tags = [...matchedTopics, ...topics.filter((topic) => !matched.has(topic.id))].map((topic) => topic.label);
  const summary = lang === 'en' && provider.summary_en ? provider.summary_en : provider.body.split('\n\n')[0]!;
  return adaptiveCard(
    [
      textBlock(provider.name, { size: 'Medium', weight: 'Bolder' }),
      textBlock(`${kindName[lang][provider.kind]} · ${provider.city}`, { isSubtle: true, spacing: 'None' }),
      textBlock(summary, { maxLines: 4 }),
      // Plain text runs: the reason quotes the user's own words, which must not be read as Markdown.
      richTextBlock([textRun(`${t.providerWhy}: `, { weight: 'Bolder' }), textRun(reasons.length > 0 ? reasons.join(', ') : '—')]),
      // One line; what does not fit ends in "…". Topic labels are the curator's words from topics.yml.
      textBlock(`**${t.providerTopics}:** ${tags.join(' · ')}`, { maxLines: 1, spacing: 'Small' }),
      textBlock(t.providerSource(markdownLink(sourceHost(provider.source), provider.source), provider.sourceDate), {
        isSubtle: true,
        size: 'Small',
        spacing: 'Small',
      }),
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
  const other = otherRegion(search.region);
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
