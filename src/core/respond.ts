/**
 * What the assistant decides. `respond` takes what the user sent and what the conversation remembers, and returns a
 * reply value and the new memory. Pure: no HTTP, no botbuilder, no storage.
 */
import type { KnowledgeIndex } from '../knowledge/knowledgeIndex.js';
import type { SearchHit, SearchOptions } from '../knowledge/searchResult.js';
import { languageOfLocale } from '../knowledge/locale.js';
import type { FaqEntry, Language, ProviderProfile } from '../knowledge/schema.js';
import { detectIntent, detectKindFilter, questionPart, withoutLetterFormulas } from './intents.js';
import { answerEvidence, messageFeatures, type AnswerEvidence, type Features } from './features.js';
import { decide, decisionDefaults, type DecisionSettings } from './rules.js';
import { probability, shippedCalibration, type Calibration } from './calibration.js';
import { projectLexicon, wordsOf, type Lexicon, type Word } from '../knowledge/lexicon.js';
import { ProviderNames } from '../knowledge/providerNames.js';
import { OutOfScopeExamples } from '../knowledge/questionSimilarity.js';
import { readRegions, withoutPlaces, type RegionReading } from './regionReading.js';
import { wantedKinds, type WantedKinds } from './wantedKinds.js';
import { kindAskedFor } from './followUp.js';
import { FollowUpTurns } from './followUpTurns.js';
import { EntrySubjects } from './subjects.js';
import { SearchCache, type Searcher } from './searchCache.js';
import { isWantedKind, ProviderOrder } from './providerOrder.js';
import { emptyMemory, type CardAction, type ConversationMemory, type EscalationReason, type ProviderMatch, type ProviderSearch, type Reply, type Turn, type UserInput } from './types.js';
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
  private readonly calibration: Calibration;
  private readonly outOfScope: OutOfScopeExamples;
  private readonly providerNames: ProviderNames;
  private readonly subjects: EntrySubjects;
  private readonly providerOrder: ProviderOrder;
  /** Where a message is read against the conversation so far (`followUpTurns.ts`). */
  private readonly followUps: FollowUpTurns;

  constructor(
    private readonly index: KnowledgeIndex,
    private readonly options: CoreOptions = {},
  ) {
    this.searcher = new SearchCache(index, options.searchCacheSize ?? 0);
    this.lexicon = options.lexicon ?? projectLexicon();
    this.calibration = options.calibration ?? shippedCalibration;
    this.outOfScope = new OutOfScopeExamples(index.knowledge);
    this.providerNames = new ProviderNames(index.knowledge.providers);
    this.subjects = new EntrySubjects(index.knowledge.faqs, index.properNames, this.lexicon);
    this.providerOrder = new ProviderOrder(index, this.lexicon, { shown: coreDefaults.providersShown, topicSlack: coreDefaults.topicProviderSlack });
    this.followUps = new FollowUpTurns(
      { index, lexicon: this.lexicon, searcher: this.searcher, subjects: this.subjects, providerNames: this.providerNames },
      {
        settings: () => this.settings,
        readTurn: (...args) => this.readTurn(...args),
        answerQuestion: (...args) => this.answerQuestion(...args),
        answer: (...args) => this.answer(...args),
        answerOrHandoff: (...args) => this.answerOrHandoff(...args),
        providerTurn: (...args) => this.providerTurn(...args),
      },
    );
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
    const afterList = memory.lastAnswerId === undefined && (memory.lastProviderIds?.length ?? 0) > 0;
    const kind = detectKindFilter(text) ?? (afterList ? kindAskedFor(text, this.lexicon) : undefined);
    if (kind && memory.lastProviderQuery) {
      return this.providers({ ...memory.lastProviderQuery, kind }, next, lang);
    }
    const question = withoutLetterFormulas(text);
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

  /**
   * The features of one turn (`features.ts`): what `text` says and what the searches found. `followUp`: the message
   * itself, when `text` is its reading with the last question (see `readFollowUp`). `shown`: providers the user has
   * already seen, left out ("und wer noch?").
   */
  private readTurn(text: string, memory: ConversationMemory, lang: Language, followUp?: string, shown: ReadonlySet<string> = new Set()) {
    // A follow-up asks something further about the person just answered about: their own entry is no longer the
    // subject ("what's his name again?" after what Westphal said).
    const subjectNamed = this.subjects.subjectIn(text, lang);
    const subject = followUp !== undefined && subjectNamed === memory.lastAnswerId ? undefined : subjectNamed;
    const faq = this.searcher.search(text, { type: 'faq', lang, limit: 5 }).hits;
    const words = wordsOf(text);
    const regions = readRegions(words, this.lexicon, memory.origin);
    const topicIn = (from: number, to: number) => this.index.namedTopics(text.normalize('NFC').slice(words[from]!.from, words[to - 1]!.to), lang).length > 0;
    const kinds = wantedKinds(words, this.lexicon, (position) => this.topicRightBefore(text, words, position, lang), regions, topicIn);
    const search: ProviderSearch = { query: text, region: regions.target };
    const providerCandidates = regions.targetDistricts.length > 0 ? coreDefaults.providerCandidatesInArea : coreDefaults.providerCandidates;
    // A firm from one side that looks for firms on the other ("Pilotkunden im Sauerland"): no profile says it wants to
    // be a pilot customer, so the region's cooperation partner, who brokers such contacts, comes first.
    const lookingElsewhere = regions.targetNamed && regions.origin !== regions.target;
    const providerQuery = { ...search, query: regions.placeSpans.length > 0 ? withoutPlaces(text, words, regions) : text };
    const candidates = this.providerCandidates(providerQuery, lang, providerCandidates).filter((hit) => !shown.has(hit.id));
    // A firm from one side whose need no profile on the other explains (none covers enough of it or has a topic it
    // names): the region's partner brokers contacts there too.
    const crossing = regions.targetNamed && regions.origin !== undefined && regions.origin !== regions.target;
    const unexplained = !candidates.some((hit) => hit.coverage >= this.settings.providerCoverage || hit.matchedTopics.length > 0);
    const partner = lookingElsewhere && (kinds.firms || (crossing && unexplained)) ? this.providerOrder.partnerHit(regions.target, regions.targetPlaces) : undefined;
    const broker = partner && !shown.has(partner.id) ? partner : undefined;
    // The user's side is known and the other side is looked in without being named: its partner can broker a need no
    // profile there clearly covers (rule `brokeredNeed`).
    const otherSide = !regions.targetNamed && regions.origin !== undefined && regions.origin !== regions.target;
    const sidePartner = otherSide ? this.providerOrder.partnerHit(regions.target, []) : undefined;
    const needBroker = sidePartner && !shown.has(sidePartner.id) ? sidePartner : undefined;
    const named = new Set(this.providerNames.named(words));
    // A follow-up that names a topic of its own ("what about funding for that?") asks for that topic's providers; the
    // last question only says where and for what.
    const ownTopics = followUp === undefined ? [] : this.index.namedTopics(followUp, lang);
    const requested = ownTopics.length > 0 ? ownTopics : this.requestTopics(text, words, lang);
    const providerHits = this.providerOrder.order(candidates, kinds, regions, broker, named, requested).filter((hit) => !shown.has(hit.id));
    const byCoverage = [...providerHits].sort((x, y) => y.coverage - x.coverage);
    // A question after some context ("Ich schreibe eine Hausarbeit: Welche Träger …?") is searched alone too; not in
    // a follow-up read with the last question, whose last part is that old question. Only the rule `focusedAnswer`
    // reads it, after the rules that decide most turns: it is searched when first read.
    const question = followUp !== undefined ? undefined : questionPart(text);
    let focusedHits: SearchHit[] | undefined;
    const focused = () => (focusedHits ??= question ? this.searcher.search(question, { type: 'faq', lang, limit: 5 }).hits : []);
    const p = (e: Parameters<typeof probability>[1]) => probability(this.calibration, e);
    const alike = (word: string) => this.index.wordsAlike(word);
    let focusedEvidence: { of: AnswerEvidence | undefined } | undefined;
    const features: Features = {
      message: messageFeatures(text, regions, kinds, followUp !== undefined, question),
      search: {
        bestFaq: faq[0]?.coverage ?? 0,
        answer: answerEvidence(text, faq, p, alike, subject),
        get focused() {
          focusedEvidence ??= { of: question ? answerEvidence(question, focused(), p, alike) : undefined };
          return focusedEvidence.of;
        },
        suggestions: faq.filter((hit) => hit.coverage >= this.settings.suggestCoverage).length,
        bestProvider: byCoverage[0]?.coverage ?? 0,
        secondProvider: byCoverage[1]?.coverage ?? 0,
        bestProviderWords: byCoverage[0]?.why.length ?? 0,
        topicNamed: providerHits.some((hit) => hit.matchedTopics.length > 0),
        bestTopicProvider: Math.max(0, ...providerHits.filter((hit) => hit.matchedTopics.length > 0).map((hit) => hit.coverage)),
        partnerOfOtherSide: needBroker !== undefined,
        wantedKindFound: providerHits.some((hit) => isWantedKind(hit, kinds.kinds)),
        broker: broker !== undefined,
        outOfScopeExample: this.outOfScope.closest(text, lang),
      },
    };
    // The partner of the side looked in before the best partial matches, for a need no profile there covers clearly.
    const brokeredHits = () =>
      needBroker ? { hits: [needBroker, ...this.partialMatches(candidates, needBroker.id)].slice(0, coreDefaults.providersShown), partner: needBroker } : undefined;
    return { features, faq, focused, providerHits, brokeredHits, search, kinds, origin: regions.origin, brokerId: broker?.id };
  }

  /**
   * The providers after the partner for a need no profile covers clearly: of the candidates (best first), those that
   * share more words of the cooperation's field with the message (lexicon.yml `need.field`: "Messdaten", "digitalisieren")
   * come first. A long description shares a word or two with many profiles; the words of the field say what it is about.
   */
  private partialMatches(candidates: readonly SearchHit[], partner: string): SearchHit[] {
    const field = this.lexicon.need.field;
    const fieldWords = (hit: SearchHit) => hit.why.filter((reason) => field.has(wordsOf(reason.split(' → ')[0]!))).length;
    return candidates
      .filter((hit) => hit.id !== partner)
      .map((hit, i) => ({ hit, i, field: fieldWords(hit) }))
      .sort((a, b) => b.field - a.field || a.i - b.i)
      .map((ranked) => ranked.hit);
  }

  /** The features of `text` as the first message of a conversation (for `npm run tune`). */
  featuresOf(text: string): Features {
    const lang = this.searcher.detectLanguage(text, 'de').lang;
    return this.readTurn(text, emptyMemory(), lang).features;
  }

  private answerQuestion(text: string, memory: ConversationMemory, lang: Language, followUp?: string): Turn {
    const turn = this.readTurn(text, memory, lang, followUp);
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

  /**
   * The topics the request itself names, when the message introduces the user before it: "Dortmund founder here – we do
   * cybersecurity. Looking for an incubator …" asks for start-up support, and the cybersecurity is what the user does.
   * The request starts with the clause of the first need verb; a message that opens with it has no introduction, and a
   * request that names no topic leaves the introduction's topics as what is sought ("Bei uns klicken alle auf
   * Phishing-Mails. Wir suchen jemanden …"). An introduction after the request ("… Wir sind ein Start-up.") is left out
   * the same way. Undefined: every topic the message names counts.
   */
  private requestTopics(text: string, words: readonly Word[], lang: Language): string[] | undefined {
    // The request: the clause of the first need verb, or of the first word of help ("Wer kann uns … helfen?").
    const need = [...this.lexicon.needVerbs.positions(words), ...this.lexicon.helpVerbs.positions(words)].sort((a, b) => a - b)[0];
    if (need === undefined) return undefined;
    let start = need;
    while (start > 0 && words[start - 1]!.clause === words[need]!.clause) start--;
    // "Wer hilft uns bei Fördermitteln? Wir sind ein Dortmunder Start-up.": a clause after the request that introduces
    // the user says what the user is, not what they ask for.
    const opensClause = (i: number) => i === 0 || words[i - 1]!.clause !== words[i]!.clause;
    const needsIn = (clause: number) => this.lexicon.needVerbs.positions(words).some((i) => words[i]!.clause === clause);
    const introduction = words.findIndex(
      (word, i) => word.clause > words[need]!.clause && opensClause(i) && this.lexicon.selfIntroductions.matchAt(words, i) > 0 && !needsIn(word.clause),
    );
    if (start === 0 && introduction < 0) return undefined;
    const request = text.normalize('NFC').slice(words[start]!.from, introduction < 0 ? undefined : words[introduction]!.from);
    const topics = this.index.namedTopics(request, lang);
    return topics.length > 0 ? topics : undefined;
  }

  /** The one or two words right before `position`, in its clause, name a topic of the directory ("IT security company"). */
  private topicRightBefore(text: string, words: readonly Word[], position: number, lang: Language): boolean {
    const clause = words[position]!.clause;
    let start = position;
    // Not across the need verb, nor across a kind of its own ("als Software-Start-up Kunden": the start-up is the user).
    const partOfRequest = (i: number) =>
      words[i]!.clause === clause &&
      this.lexicon.needVerbs.matchAt(words, i) === 0 &&
      !this.lexicon.wantedKinds.some((group) => group.words.matchAt(words, i) > 0);
    while (start > 0 && position - start < 2 && partOfRequest(start - 1)) start--;
    if (start === position) return false;
    return this.index.namedTopics(text.normalize('NFC').slice(words[start]!.from, words[position - 1]!.to), lang).length > 0;
  }

  /**
   * The best `limit` providers for the search, and beyond them those with a topic the message names that explain
   * nearly as much as the best one: they come first when ordered (`ProviderOrder.order`), though other profiles share more
   * of the message's other words ("ERP-Beratung": an ERP firm before consultancies that mention ERP once).
   */
  private providerCandidates(search: ProviderSearch, lang: Language, limit: number): SearchHit[] {
    const topicHitsBeyond = { shown: limit, slack: coreDefaults.topicProviderSlack };
    return this.providerHits(search, lang, Math.max(limit, coreDefaults.providerCandidatesInArea), topicHitsBeyond);
  }

  private providerHits(
    search: ProviderSearch,
    lang: Language,
    limit: number = coreDefaults.providersShown,
    topicHitsBeyond?: SearchOptions['topicHitsBeyond'],
  ): SearchHit[] {
    return this.searcher.search(search.query, {
      type: 'provider',
      lang,
      region: search.region,
      kind: search.kind,
      topic: search.topic,
      limit,
      topicHitsBeyond,
    }).hits;
  }

  private providers(search: ProviderSearch, memory: ConversationMemory, lang: Language): Turn {
    return this.providerTurn(search, this.providerHits(search, lang), memory, lang);
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
          isWantedKind(hit, kinds) ||
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
