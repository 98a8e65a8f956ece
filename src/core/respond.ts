/**
 * What the assistant decides. `respond` takes what the user sent and what the conversation remembers, and returns a
 * reply value and the new memory. Pure: no HTTP, no botbuilder, no storage.
 *
 * A message enters at `respond` (a card button at `onAction`). Which question it asks, alone or with the last one, is
 * decided in `followUpTurns.ts`; each question is read in `turnReading.ts` (the features and the hits), the rule table
 * (`rules.ts`) decides in `answerQuestion`, and the reply is built here (`answer`, `providerTurn`, `unknown`,
 * `escalate`, the "did you mean").
 */
import type { KnowledgeIndex } from '../knowledge/knowledgeIndex.js';
import type { SearchHit } from '../knowledge/searchResult.js';
import { languageOfLocale } from '../knowledge/locale.js';
import type { FaqEntry, Language, ProviderProfile } from '../knowledge/schema.js';
import { projectLexicon, type Lexicon } from '../knowledge/lexicon.js';
import { ProviderNames } from '../knowledge/providerNames.js';
import { detectIntent, detectKindFilter, questionAsSearched } from './intents.js';
import type { Features } from './features.js';
import { decide, decisionDefaults, type DecisionSettings } from './rules.js';
import { shippedCalibration, type Calibration } from './calibration.js';
import { kindAskedFor } from './followUp.js';
import { afterProviderList, FollowUpTurns } from './followUpTurns.js';
import { TurnReader, type CoreKnowledge } from './turnReading.js';
import { EntrySubjects } from './subjects.js';
import { SearchCache, type Searcher } from './searchCache.js';
import { emptyMemory, type CardAction, type ConversationMemory, type EscalationReason, type ProviderMatch, type ProviderSearch, type Turn, type UserInput } from './types.js';
import { coreDefaults } from './coreDefaults.js';

export { coreDefaults, decisionDefaults };

export interface CoreOptions {
  maxMessageChars?: number;
  /** Search results kept for repeated questions (see `SearchCache`); 0 or unset: every question is searched. */
  searchCacheSize?: number;
  /** The language knowledge (knowledge/lexicon.yml, places.yml); default: the project's. */
  lexicon?: Lexicon;
  /**
   * Answer directly when the calibrated probability that the best FAQ entry is right reaches this (0…1;
   * `ANSWER_MIN_PRECISION`). Unset: the hand thresholds of `rules.ts` decide (see docs/quality.md for why).
   */
  answerMinPrecision?: number;
  /** The calibration model; default: src/core/calibration.json (`npm run tune`). */
  calibration?: Calibration;
}

export class AssistantCore {
  /** Where the core searches and tells a message's language, with recent results remembered (see `SearchCache`). */
  private readonly searcher: Searcher;
  private readonly lexicon: Lexicon;
  /** Where a message is read: what it says and what the searches find (`turnReading.ts`). */
  private readonly turnReader: TurnReader;
  /** Where a message is read against the conversation so far (`followUpTurns.ts`). */
  private readonly followUps: FollowUpTurns;

  constructor(
    private readonly index: KnowledgeIndex,
    private readonly options: CoreOptions = {},
  ) {
    this.searcher = new SearchCache(index, options.searchCacheSize ?? 0);
    this.lexicon = options.lexicon ?? projectLexicon();
    const knowledge: CoreKnowledge = {
      index,
      lexicon: this.lexicon,
      searcher: this.searcher,
      providerNames: new ProviderNames(index.knowledge.providers),
      subjects: new EntrySubjects(index.knowledge.faqs, index.properNames, this.lexicon),
    };
    this.turnReader = new TurnReader(knowledge, options.calibration ?? shippedCalibration, () => this.settings);
    this.followUps = new FollowUpTurns(knowledge, {
      settings: () => this.settings,
      readTurn: (...args) => this.turnReader.read(...args),
      answerQuestion: (...args) => this.answerQuestion(...args),
      answer: (...args) => this.answer(...args),
      answerOrHandoff: (...args) => this.answerOrHandoff(...args),
      providerTurn: (...args) => this.providerTurn(...args),
      unknown: (...args) => this.unknown(...args),
    });
  }

  /** The thresholds of the rule table: `decisionDefaults` (read per turn, so `scripts/eval/grid.ts` can vary them). */
  private get settings(): DecisionSettings {
    const answerMinPrecision = this.options.answerMinPrecision;
    return answerMinPrecision === undefined ? decisionDefaults : { ...decisionDefaults, answerMinPrecision };
  }

  /** The reply to a user joining the conversation. */
  welcome(memory: ConversationMemory, locale?: string): Turn {
    const lang = memory.lang ?? languageOfLocale(locale) ?? 'de';
    // The welcome is German by design (with an English hint) unless the client says it is English.
    return { reply: { kind: 'welcome', lang }, memory };
  }

  /** The reply to a message or a card button, and the conversation's memory after it. */
  respond(input: UserInput, memory: ConversationMemory): Turn {
    const fallback = memory.lang ?? languageOfLocale(input.locale) ?? 'de';
    if (input.action) return this.onAction(input.action, { ...memory, lang: fallback });

    const text = (input.text ?? '').trim();
    if (text.length === 0) return { reply: { kind: 'empty', lang: fallback }, memory };
    const max = this.options.maxMessageChars ?? coreDefaults.maxMessageChars;
    if (text.length > max) return { reply: { kind: 'tooLong', lang: fallback, max }, memory };

    const detected = this.searcher.detectLanguage(text, fallback);
    const lang = detected.lang;
    const next: ConversationMemory = { ...memory, lang: detected.reliable ? lang : fallback };

    switch (detectIntent(text)) {
      case 'help':
        return { reply: { kind: 'help', lang }, memory: next };
      case 'greeting':
        return { reply: { kind: 'welcome', lang }, memory: next };
      case 'thanks':
        return { reply: { kind: 'thanks', lang }, memory: next };
      case 'human':
        return this.escalate(next, lang, 'asked', memory.lastQuestion ?? text);
      case 'findProviders':
        return { reply: { kind: 'askForNeed', lang }, memory: next };
      default:
    }

    // "nur Hochschulen" narrows the last provider list; "gibt es da auch Start-ups?" right after one asks for that kind.
    const kind = detectKindFilter(text) ?? (afterProviderList(memory) ? kindAskedFor(text, this.lexicon) : undefined);
    if (kind && memory.lastProviderQuery) {
      // The last question read again, for providers of that kind only: in the order it gave (the topic it named first,
      // the places and what the user said about their own firm left out of the search), not by its bare words. Where
      // its words without the places find none of that kind ("Welche Hochschulen in Dortmund …?" → research
      // institutes), that kind's providers of the region the last question looked in.
      const turn = this.turnReader.read(memory.lastProviderQuery.query, memory, lang, undefined, undefined, kind);
      if (turn.providerHits.length > 0) return this.providerTurn(turn.search, turn.providerHits, next, lang, turn.kinds.kinds);
      return this.providers({ ...memory.lastProviderQuery, kind }, next, lang);
    }
    const question = questionAsSearched(text, lang, memory.lastQuestion === undefined);
    const more = this.followUps.moreProviders(question, memory, next, lang) ?? this.followUps.aboutListedProviders(question, memory, next, lang);
    if (more) return more;
    return this.followUps.answerInContext(question, memory, next, lang);
  }

  private onAction(action: CardAction, memory: ConversationMemory): Turn {
    const lang = memory.lang ?? 'de';
    switch (action.action) {
      case 'showAnswer': {
        const doc = this.index.get(action.id);
        if (doc?.type === 'faq' && doc.reply === 'person') return this.escalate(memory, lang, 'asked', memory.lastQuestion ?? '');
        if (doc?.type === 'faq') return this.answer(doc, [], { ...memory, misses: 0, lastTopic: doc.title });
        return this.unknown(memory, lang);
      }
      case 'filterProviders':
        return this.providers(
          { query: action.query, region: action.region, kind: action.kind, topic: action.topic },
          memory,
          lang,
        );
      case 'introduce': {
        const provider = this.index.get(action.providerId);
        const topic = provider?.type === 'provider' ? provider.name : action.providerId;
        return this.escalate(memory, lang, 'introduction', action.query ? `${topic}: ${action.query}` : topic, [
          action.providerId,
        ]);
      }
      case 'human':
        return this.escalate(memory, lang, 'asked', memory.lastQuestion ?? '');
    }
  }

  /** The features of `text` as the first message of a conversation (for `npm run tune`). */
  featuresOf(text: string): Features {
    const lang = this.searcher.detectLanguage(text, 'de').lang;
    return this.turnReader.read(text, emptyMemory(), lang).features;
  }

  /**
   * The reply to `text` as a question of its own: the turn read (`TurnReader.read`), the rule that decides it
   * (`rules.ts`), the reply built. `followUp`: the message itself, when `text` is its reading with the last question.
   */
  private answerQuestion(text: string, memory: ConversationMemory, lang: Language, followUp?: string): Turn {
    const turn = this.turnReader.read(text, memory, lang, followUp);
    const { faq, focused, providerHits, search, kinds } = turn;
    const remembered = { ...memory, lastQuestion: text, origin: turn.origin };
    const { rule, decision } = decide(turn.features, this.settings);
    switch (decision) {
      case 'providers': {
        const brokered = rule === 'brokeredNeed' ? turn.brokeredHits() : undefined;
        if (brokered) return this.providerTurn(search, brokered.hits, remembered, lang, kinds.kinds, { id: brokered.partner.id, unexplained: true });
        return this.providerTurn(search, providerHits, remembered, lang, kinds.kinds, turn.brokerId ? { id: turn.brokerId, unexplained: false } : undefined);
      }
      case 'answer':
        return this.answerOrHandoff(faq[0]!, remembered, memory.lastQuestion ?? text);
      case 'focusedAnswer':
        return this.answerOrHandoff(focused()[0]!, remembered, memory.lastQuestion ?? text);
      case 'didYouMean': {
        const candidates = faq.filter((hit) => hit.coverage >= this.settings.suggestCoverage).slice(0, 3);
        return {
          reply: { kind: 'didYouMean', lang, candidates: candidates.map((hit) => ({ id: hit.id, title: (hit.doc as FaqEntry).title, score: hit.coverage })) },
          memory: remembered,
        };
      }
      case 'unknown':
        return this.unknown(remembered, lang);
    }
  }

  /** The entry found as the answer, or the handoff offer when the entry stands for asking for a person. */
  private answerOrHandoff(hit: SearchHit, memory: ConversationMemory, handoffTopic: string): Turn {
    const entry = hit.doc as FaqEntry;
    if (entry.reply === 'person') return this.escalate(memory, entry.lang, 'asked', handoffTopic);
    return this.answer(entry, hit.why, memory, hit.coverage);
  }

  private answer(entry: FaqEntry, why: string[], memory: ConversationMemory, score?: number): Turn {
    const related = entry.related
      .map((id) => this.index.get(id))
      .filter((doc): doc is FaqEntry => doc?.type === 'faq')
      .slice(0, coreDefaults.relatedShown)
      .map((doc) => ({ id: doc.id, title: doc.title }));
    return {
      reply: { kind: 'answer', lang: entry.lang, entry, related, why, ...(score === undefined ? {} : { score }) },
      memory: { ...memory, lang: entry.lang, misses: 0, lastAnswerId: entry.id },
    };
  }

  private unknown(memory: ConversationMemory, lang: Language): Turn {
    const misses = memory.misses + 1;
    const contact = this.index.get(`kontakt-${lang}`);
    const next = { ...memory, misses };
    if (misses >= coreDefaults.missesBeforeHandoff) {
      return this.escalate({ ...next, misses: 0 }, lang, 'unanswered', memory.lastQuestion ?? '');
    }
    return {
      reply: { kind: 'unknown', lang, contact: contact?.type === 'faq' ? contact : undefined, offerHuman: true },
      memory: next,
    };
  }

  private providers(search: ProviderSearch, memory: ConversationMemory, lang: Language): Turn {
    return this.providerTurn(search, this.turnReader.providerHits(search, lang), memory, lang);
  }

  private providerTurn(
    search: ProviderSearch,
    hits: SearchHit[],
    memory: ConversationMemory,
    lang: Language,
    kinds: Set<string> = new Set(),
    broker?: { id: string; unexplained: boolean },
  ): Turn {
    // Where the partner brokers a need no profile covers, the others shown are partial matches, each with its reason.
    const matches: ProviderMatch[] = hits
      .filter(
        (hit) =>
          broker?.unexplained ||
          hit.id === broker?.id ||
          hit.coverage >= decisionDefaults.providerCoverage ||
          hit.matchedTopics.length > 0 ||
          this.turnReader.isWantedKind(hit, kinds) ||
          search.kind ||
          search.topic,
      )
      .map((hit) => ({
        provider: hit.doc as ProviderProfile,
        matchedTopics: hit.matchedTopics,
        why: hit.why,
        score: hit.score,
        ...(hit.id === broker?.id ? { brokers: search.region } : {}),
      }));
    return {
      reply: { kind: 'providers', lang, search, matches, ...(broker?.unexplained ? { unexplained: true } : {}) },
      memory: {
        ...memory,
        misses: matches.length > 0 ? 0 : memory.misses,
        lastProviderQuery: { query: search.query, region: search.region },
        lastProviderIds: matches.map((m) => m.provider.id),
      },
    };
  }

  private escalate(
    memory: ConversationMemory,
    lang: Language,
    reason: EscalationReason,
    topic: string,
    providerIds: string[] = memory.lastProviderIds ?? [],
  ): Turn {
    return { reply: { kind: 'escalate', lang, reason, topic, providerIds }, memory };
  }
}
