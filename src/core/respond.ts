/**
 * What the assistant decides. `respond` takes what the user sent and what the conversation remembers, and returns a
 * reply value and the new memory. Pure: no HTTP, no botbuilder, no storage.
 */
import type { KnowledgeIndex, SearchHit } from '../knowledge/searchIndex.js';
import { languageOfLocale } from '../knowledge/locale.js';
import type { FaqEntry, Language, ProviderProfile, Region } from '../knowledge/schema.js';
import {
  asksForAmount,
  asksForPartners,
  describesNeed,
  detectIntent,
  detectKindFilter,
  asksQuestion,
  isKeywordQuery,
  questionPart,
  speaksOfOwnCompany,
  statesAskedAmount,
} from './intents.js';
import { projectLexicon, wordsOf, type Lexicon } from '../knowledge/lexicon.js';
import { readRegions, wantedKinds, withoutPlaces, type RegionReading } from './regionReading.js';
import { readFollowUp } from './followUp.js';
import { SearchCache, type Searcher } from './searchCache.js';
import type { CardAction, ConversationMemory, EscalationReason, ProviderMatch, ProviderSearch, Reply, Turn, UserInput } from './types.js';

/** The thresholds that decide between answer, "did you mean" and "I don't know" (tuned with `npm run eval` on dev). */
export const decisionDefaults = {
  /** Coverage of the query that a FAQ entry needs to be given as the answer. */
  answerCoverage: 0.45,
  /**
   * Coverage needed when the best entry leaves a telling word of the question open (`SearchHit.gaps`): sharing a
   * name ("Olpe", "Hochsauerlandkreis") with an entry is not enough when the question is about something else.
   */
  answerCoverageWithGap: 0.6,
  /**
   * …unless the phrasing classifier gives the best entry at least this probability: the question is phrased like
   * that entry's questions and only says it in a word of its own ("Haben die Partner schon festgelegt, welche Vorhaben
   * konkret umgesetzt werden?"). Questions outside the folder rarely resemble one entry that strongly.
   */
  phrasingsOutweighGap: 0.85,
  /**
   * The best answer's score must lead the next one's by this much, or the user is asked which one was meant. Scores
   * include the phrasing classifier's vote (`SearchHit.vote`) when it is decisive (`phrasingsDecide`).
   */
  answerMargin: 0.03,
  /** Probability the phrasing classifier must give the best entry for its vote to count towards `answerMargin`. */
  phrasingsDecide: 0.4,
  /**
   * No answer when the phrasing classifier gives the best entry less than `contradictedPhrasing` and another candidate
   * at least `contradictingPhrasing`: words and phrasings point to different entries.
   */
  contradictedPhrasing: 0.05,
  contradictingPhrasing: 0.6,
  /**
   * Below this probability from the phrasing classifier (chance among ten candidates is 0.1) the question does not
   * resemble the entry's phrasings; then the words must explain `answerCoverageUnlikePhrasings` of it.
   */
  answerMinPhrasing: 0.15,
  answerCoverageUnlikePhrasings: 0.8,
  /** Coverage that still makes an entry worth offering under "did you mean". */
  suggestCoverage: 0.35,
  /** Coverage a provider needs to be suggested when the message describes a need ("wir suchen …"). */
  providerCoverage: 0.3,
  /** …or when it is of a kind the user asks for by name ("Mit welcher Hochschule …"): the name is evidence of fit. */
  wantedKindCoverage: 0.2,
  /**
   * Coverage needed when the message describes a need but names no topic of the directory: "Wir suchen einen
   * Elektriker in Olpe" shares a place and a word with a profile, not what the directory is about.
   */
  providerCoverageWithoutTopic: 0.5,
  /** …or `providerCoverage` and this many times the coverage of the next provider (see `answerQuestion`). */
  providerLeadFactor: 2,
  /** Coverage a provider needs when the message does not say it looks for someone. */
  providerCoverageWithoutNeed: 0.8,
  /** Without a described need, providers must explain this much more of the message than the best FAQ entry. */
  providerLeadWithoutNeed: 0.2,
  /** Coverage a provider needs when the message names one of its topics but no need, and no FAQ entry answers it. */
  topicProviderCoverage: 0.5,
  /** The same for a few keywords without a question ("Lagerlogistik-Optimierung"): typed like a search for the topic. */
  keywordTopicProviderCoverage: 0.3,
  /** Providers with a topic the message names come first unless their coverage is this much below the best one's. */
  topicProviderSlack: 0.3,
  /** A FAQ answer this good wins even over a described need (e.g. "Wie kann ich mitmachen?"). */
  strongAnswerCoverage: 0.9,
  /** Providers shown per answer. */
  providersShown: 3,
  /** Providers searched per answer: more than shown, so that a wanted kind ("mit einer Hochschule") can come first. */
  providerCandidates: 9,
  /** …and when the message names a part of a region ("im Sauerland"), so that providers there can come first. */
  providerCandidatesInArea: 40,
  /** Related questions shown under an answer. */
  relatedShown: 3,
  /** Unanswered questions in a row before the bot offers a person. */
  missesBeforeHandoff: 2,
  maxMessageChars: 2000,
} as const;

/** An answer, or a provider list with at least one provider. */
function isConfident(turn: Turn): boolean {
  return turn.reply.kind === 'answer' || (turn.reply.kind === 'providers' && turn.reply.matches.length > 0);
}

/** `turn` with `question` remembered as the conversation's topic when it was answered (see `ConversationMemory.lastTopic`). */
function withTopic(turn: Turn, question: string): Turn {
  return isConfident(turn) ? { ...turn, memory: { ...turn.memory, lastTopic: question } } : turn;
}

/** A provider of a kind the user asks for by name that explains enough of the message (`wantedKindCoverage`). */
function isWantedKind(hit: SearchHit, kinds: Set<string>): boolean {
  return hit.doc.type === 'provider' && kinds.has(hit.doc.kind) && hit.coverage >= decisionDefaults.wantedKindCoverage;
}

export interface CoreOptions {
  maxMessageChars?: number;
  /** Search results kept for repeated questions (see `SearchCache`); 0 or unset: every question is searched. */
  searchCacheSize?: number;
  /** The language knowledge (knowledge/lexicon.yml, places.yml); default: the project's. */
  lexicon?: Lexicon;
}

export class AssistantCore {
  /** Where the core searches and tells a message's language, with recent results remembered (see `SearchCache`). */
  private readonly searcher: Searcher;
  private readonly lexicon: Lexicon;

  constructor(
    private readonly index: KnowledgeIndex,
    private readonly options: CoreOptions = {},
  ) {
    this.searcher = new SearchCache(index, options.searchCacheSize ?? 0);
    this.lexicon = options.lexicon ?? projectLexicon();
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
    const max = this.options.maxMessageChars ?? decisionDefaults.maxMessageChars;
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

    const kind = detectKindFilter(text);
    if (kind && memory.lastProviderQuery) {
      return this.providers({ ...memory.lastProviderQuery, kind }, next, lang);
    }
    // A short message that leans on the last answer is read with its question, when that gives a confident reply;
    // otherwise, and for a full new question, the message is read alone.
    const followUp = readFollowUp(text, this.lexicon, memory.lastTopic);
    if (followUp) {
      const turn = this.answerQuestion(followUp, next, lang);
      if (isConfident(turn)) return withTopic(turn, followUp);
    }
    return withTopic(this.answerQuestion(text, next, lang), text);
  }

  private onAction(action: CardAction, memory: ConversationMemory): Turn {
    const lang = memory.lang ?? 'de';
    switch (action.action) {
      case 'showAnswer': {
        const doc = this.index.get(action.id);
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

  private answerQuestion(text: string, memory: ConversationMemory, lang: Language): Turn {
    const withQuestion = { ...memory, lastQuestion: text };
    const faq = this.searcher.search(text, { type: 'faq', lang, limit: 5 }).hits;
    const words = wordsOf(text);
    const regions = readRegions(words, this.lexicon, memory.origin);
    const kinds = wantedKinds(words, this.lexicon);
    const { target, origin } = regions;
    const remembered = { ...withQuestion, origin };
    const search: ProviderSearch = { query: text, region: target };
    const providerCandidates = regions.targetDistricts.length > 0 ? decisionDefaults.providerCandidatesInArea : decisionDefaults.providerCandidates;
    // A firm from one side that looks for firms on the other ("Pilotkunden im Sauerland"): no profile says it wants to
    // be a pilot customer, so the region's cooperation partner, who brokers such contacts, comes first.
    const lookingElsewhere = regions.targetNamed && regions.origin !== target;
    const crossesRegions = lookingElsewhere && regions.origin !== undefined;
    const broker = lookingElsewhere && kinds.firms ? this.partnerHit(target, regions.targetPlaces) : undefined;
    const providerQuery = { ...search, query: regions.placeSpans.length > 0 ? withoutPlaces(text, words, regions) : text };
    const providerHits = this.orderProviders(this.providerHits(providerQuery, lang, providerCandidates), kinds.kinds, regions, broker);
    // Providers with a topic the message names ("Hackerangriff" names IT-Sicherheit, see `SearchResult.topics`).
    const topicFits = providerHits.some((hit) => hit.matchedTopics.length > 0);
    const byCoverage = [...providerHits].sort((a, b) => b.coverage - a.coverage);
    const [bestProvider = 0, secondProvider = 0] = byCoverage.map((hit) => hit.coverage);
    const bestFaq = faq[0]?.coverage ?? 0;
    // Without a topic of the directory, a provider fits a need when it explains half of the message, or when it
    // explains a fair share in several words and clearly more than any other provider: a long description in the
    // company's own words ("Unsere Belegschaft wird immer älter …") shares words with the one profile that fits. A
    // need the directory is not about shares a word or two with many profiles alike ("Wir suchen einen Caterer in
    // Attendorn"), or one word with one profile ("Elektriker" with "Elektrotechnik").
    const providerStandsOut =
      bestProvider >= decisionDefaults.providerCoverageWithoutTopic ||
      (bestProvider >= decisionDefaults.providerCoverage &&
        bestProvider >= decisionDefaults.providerLeadFactor * secondProvider &&
        (byCoverage[0]?.why.length ?? 0) >= 2);
    // A need, or the user's own company with a topic of the directory ("Unsere Lieferketten sind zu langsam") or with
    // a provider that explains half of the message and more than any FAQ entry ("Bei uns stapeln zwei Leute den ganzen
    // Tag Kartons auf Paletten"; but "Wie können wir uns an der Partnerschaft beteiligen?" asks the FAQ). Only a
    // stated need gets providers that merely stand out: "Our colleagues keep mentioning 'WiFö' – what is that?"
    // speaks of the own company too.
    const explainsOwnCompany = bestProvider >= decisionDefaults.providerCoverageWithoutTopic && bestProvider > bestFaq;
    // A message that says the user is on one side, names the other as where they look and a kind of provider ("Welche
    // Förderberatung gibt es im Hochsauerlandkreis …? Wir sind aus Dortmund") asks for that side's providers.
    const wantsProviders =
      describesNeed(text) || (crossesRegions && kinds.kinds.size > 0) || (speaksOfOwnCompany(text) && (topicFits || explainsOwnCompany));
    // A need for a topic of the directory, for partners or customers, or for a kind of provider ("eine Hochschule") is
    // what the directory is for.
    const providersFit = !wantsProviders
      ? bestProvider >= decisionDefaults.providerCoverageWithoutNeed
      : topicFits || asksForPartners(text) || kinds.kinds.size > 0
        ? bestProvider >= decisionDefaults.providerCoverage
        : providerStandsOut;
    // A question for a number ("Wie viele Mitarbeiter hat …?") is not answered by an entry that does not state it.
    const answerFits = this.isConfidentAnswer(faq) && statesAskedAmount(text, (faq[0]!.doc as FaqEntry).body);

    const keywords = isKeywordQuery(text);
    // A described need that names a topic of the directory ("Hackerangriff", "Webshop") is an enquiry for that topic's
    // providers, however few of the other words ("langsam", "ersetzt") their profiles explain. A question or a few
    // keywords may be answered by the FAQ instead, a statement not: "We're a Dortmund start-up and would like a
    // research partner in South Westphalia" is an enquiry, though the entry on the goals names all of it.
    const statement = !asksQuestion(text) && !keywords;
    // A firm from one side asking for a kind of provider on the other ("Is there a university near Lippstadt …? We're a
    // Dortmund company") is an enquiry for that kind, however well an entry about its own region shares its words.
    const enquiry = crossesRegions && providerHits.some((hit) => isWantedKind(hit, kinds.kinds));
    const strongAnswer =
      !enquiry &&
      answerFits && !statement && bestFaq >= decisionDefaults.strongAnswerCoverage && bestFaq > bestProvider;
    if (wantsProviders && (providersFit || topicFits || broker || enquiry) && !strongAnswer) {
      return this.providerTurn(search, providerHits, remembered, lang, kinds.kinds);
    }
    // Without a described need, providers only when they explain the message clearly better than any FAQ entry, and
    // not for a question after a number ("Wie viele Studierende hat die TU Dortmund?"): a list does not answer it.
    const providersLead =
      providersFit && bestProvider >= bestFaq + decisionDefaults.providerLeadWithoutNeed && !asksForAmount(text);
    if (providersLead) return this.providerTurn(search, providerHits, remembered, lang, kinds.kinds);
    if (answerFits) return this.answer(faq[0]!.doc as FaqEntry, faq[0]!.why, remembered, faq[0]!.coverage);
    // A message that names a topic of the directory ("ERP-Einführung Mittelstand") is an enquiry even without
    // "wir suchen", when no FAQ entry answers it and the providers explain it at least as well.
    const topicBar = keywords ? decisionDefaults.keywordTopicProviderCoverage : decisionDefaults.topicProviderCoverage;
    if (topicFits && bestProvider >= topicBar && (keywords || bestProvider >= bestFaq) && !asksForAmount(text)) {
      return this.providerTurn(search, providerHits, remembered, lang, kinds.kinds);
    }
    // A question after some context ("Ich schreibe eine Hausarbeit: Welche Träger stehen hinter …?"): the context's words
    // are in no entry and drown the question. Asked alone, the question may have a clear answer.
    const question = questionPart(text);
    if (question) {
      const focused = this.searcher.search(question, { type: 'faq', lang, limit: 5 }).hits;
      if (this.isConfidentAnswer(focused) && statesAskedAmount(question, (focused[0]!.doc as FaqEntry).body)) {
        return this.answer(focused[0]!.doc as FaqEntry, focused[0]!.why, remembered, focused[0]!.coverage);
      }
    }
    const candidates = faq.filter((hit) => hit.coverage >= decisionDefaults.suggestCoverage).slice(0, 3);
    if (candidates.length > 0) {
      return {
        reply: {
          kind: 'didYouMean',
          lang,
          candidates: candidates.map((hit) => ({ id: hit.id, title: (hit.doc as FaqEntry).title, score: hit.coverage })),
        },
        memory: remembered,
      };
    }
    return this.unknown(remembered, lang);
  }

  /** A FAQ hit good enough to answer with, clearly ahead of the next one. */
  private isConfidentAnswer(hits: SearchHit[]): boolean {
    const [best, second] = hits;
    if (!best || best.coverage < decisionDefaults.answerCoverage) return false;
    const phrasedLikeIt = (best.phrasing ?? 0) >= decisionDefaults.phrasingsOutweighGap;
    if (best.gaps.length > 0 && best.coverage < decisionDefaults.answerCoverageWithGap && !phrasedLikeIt) return false;
    // Found through a name alone while the question asks something more: the entry knows who, not what is asked.
    if (best.onlyNames.length > 0) return false;
    // Words that explain the question only in part, in an entry whose phrasings the question does not resemble at all:
    // mostly an out-of-scope question that shares a word or two with the entry ("How much does a flat cost in Dortmund?").
    const unlike = best.phrasing !== undefined && best.phrasing < decisionDefaults.answerMinPhrasing;
    if (unlike && best.coverage < decisionDefaults.answerCoverageUnlikePhrasings) return false;
    if (!second) return true;
    // The phrasings clearly point to another candidate ("What makes Dortmund strong in IT?" shares every word with the
    // entry on Südwestfalen's strengths, but is phrased like the one on Dortmund's): let the user choose.
    const rival = Math.max(...hits.slice(1).map((hit) => hit.phrasing ?? 0));
    if ((best.phrasing ?? 1) < decisionDefaults.contradictedPhrasing && rival >= decisionDefaults.contradictingPhrasing) return false;
    // A clear lead in the words alone (scores without the classifier's vote) or in words and phrasings together.
    const wordsLead = best.score - best.vote - Math.max(...hits.slice(1).map((hit) => hit.score - hit.vote));
    // The phrasings count towards the lead only when they make this entry the clear favourite (`phrasingsDecide`).
    const lead = (best.phrasing ?? 0) >= decisionDefaults.phrasingsDecide ? best.score - second.score : wordsLead;
    return Math.max(wordsLead, lead) >= decisionDefaults.answerMargin;
  }

  private answer(entry: FaqEntry, why: string[], memory: ConversationMemory, score?: number): Turn {
    const related = entry.related
      .map((id) => this.index.get(id))
      .filter((doc): doc is FaqEntry => doc?.type === 'faq')
      .slice(0, decisionDefaults.relatedShown)
      .map((doc) => ({ id: doc.id, title: doc.title }));
    return {
      reply: { kind: 'answer', lang: entry.lang, entry, related, why, ...(score === undefined ? {} : { score }) },
      memory: { ...memory, lang: entry.lang, misses: 0 },
    };
  }

  private unknown(memory: ConversationMemory, lang: Language): Turn {
    const misses = memory.misses + 1;
    const contact = this.index.get(`kontakt-${lang}`);
    const next = { ...memory, misses };
    if (misses >= decisionDefaults.missesBeforeHandoff) {
      return this.escalate({ ...next, misses: 0 }, lang, 'unanswered', memory.lastQuestion ?? '');
    }
    return {
      reply: { kind: 'unknown', lang, contact: contact?.type === 'faq' ? contact : undefined, offerHuman: true },
      memory: next,
    };
  }

  /**
   * Providers in the part of the region the user names first ("im Sauerland": a provider there or one covering the whole
   * region); among them, when the user asks for kinds by name ("mit einer Hochschule", "Pilotkunden"), matching
   * providers of those kinds; and providers with a named topic before those that only share other words. Only the
   * first `providersShown` are kept.
   */
  private orderProviders(hits: SearchHit[], kinds: Set<string>, regions: RegionReading, broker?: SearchHit): SearchHit[] {
    const fits = (hit: SearchHit) => isWantedKind(hit, kinds);
    const inArea = (hit: SearchHit) => {
      if (regions.targetDistricts.length === 0 || hit.doc.type !== 'provider') return true;
      const districts = this.lexicon.districtsOfCity(hit.doc.city);
      return districts === undefined || districts.some((d) => regions.targetDistricts.includes(d));
    };
    // A topic of the directory that the message names is the best evidence of fit ("Robotik in der Produktion"):
    // providers with that topic come before those that only share other words, unless they explain clearly less.
    const best = hits[0]?.coverage ?? 0;
    const namesTopic = (hit: SearchHit) =>
      hit.matchedTopics.length > 0 && hit.coverage >= best - decisionDefaults.topicProviderSlack;
    const rank = (hit: SearchHit) => (inArea(hit) ? 0 : 4) + (fits(hit) ? 0 : 2) + (namesTopic(hit) ? 0 : 1);
    const ordered = hits.map((hit, i) => ({ hit, i, rank: rank(hit) })).sort((a, b) => a.rank - b.rank || a.i - b.i);
    // The kind asked for in the part of the region named, though no word of the message is in its profile ("wer
    // unterstützt Gründer dort?" after "in Meschede"): the profiles of that kind located there come first.
    const local = regions.targetDistricts.length > 0 && kinds.size > 0 && !hits.some((hit) => inArea(hit) && fits(hit))
      ? this.localProviders(regions, kinds).map((hit) => {
          const found = hits.find((h) => h.id === hit.id);
          return found ? { ...found, coverage: Math.max(found.coverage, hit.coverage), why: [...new Set([...hit.why, ...found.why])] } : hit;
        })
      : [];
    const localIds = new Set(local.map((hit) => hit.id));
    const shown = [...local.sort((a, b) => b.score - a.score), ...ordered.map((o) => o.hit).filter((hit) => !localIds.has(hit.id))];
    if (!broker) return shown.slice(0, decisionDefaults.providersShown);
    const found = shown.find((hit) => hit.id === broker.id);
    const first = found ? { ...found, coverage: Math.max(found.coverage, broker.coverage), why: [...new Set([...broker.why, ...found.why])] } : broker;
    return [first, ...shown.filter((hit) => hit.id !== broker.id)].slice(0, decisionDefaults.providersShown);
  }

  /** Providers of `kinds` located in the districts the user named (not covering the whole region), as hits. */
  private localProviders(regions: RegionReading, kinds: Set<string>): SearchHit[] {
    return this.index.knowledge.providers
      .filter((p) => p.region === regions.target && kinds.has(p.kind))
      .filter((p) => (this.lexicon.districtsOfCity(p.city) ?? []).some((d) => regions.targetDistricts.includes(d)))
      .map((doc) => ({
        id: doc.id,
        type: 'provider' as const,
        doc,
        score: 0,
        coverage: decisionDefaults.providerCoverage,
        vote: 0,
        why: regions.targetPlaces,
        matchedTopics: [],
        gaps: [],
        onlyNames: [],
      }));
  }

  /**
   * The cooperation's partner in `region` (places.yml) as a hit, matched by the places the user named: it brokers
   * contacts to the region's firms.
   */
  private partnerHit(region: Region, places: string[]): SearchHit | undefined {
    const id = this.lexicon.partners[region];
    const doc = id ? this.index.get(id) : undefined;
    if (!doc || doc.type !== 'provider') return undefined;
    return {
      id: doc.id,
      type: 'provider',
      doc,
      score: 0,
      coverage: decisionDefaults.providerCoverage,
      vote: 0,
      why: places,
      matchedTopics: [],
      gaps: [],
      onlyNames: [],
    };
  }

  private providerHits(search: ProviderSearch, lang: Language, limit: number = decisionDefaults.providersShown): SearchHit[] {
    return this.searcher.search(search.query, {
      type: 'provider',
      lang,
      region: search.region,
      kind: search.kind,
      topic: search.topic,
      limit,
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
  ): Turn {
    const matches: ProviderMatch[] = hits
      .filter(
        (hit) =>
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
      }));
    return {
      reply: { kind: 'providers', lang, search, matches },
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
