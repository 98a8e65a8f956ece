/**
 * What the assistant decides. `respond` takes what the user sent and what the conversation remembers, and returns a
 * reply value and the new memory. Pure: no HTTP, no botbuilder, no storage.
 */
import type { KnowledgeIndex } from '../knowledge/knowledgeIndex.js';
import type { SearchHit, SearchOptions } from '../knowledge/searchResult.js';
import { languageOfLocale } from '../knowledge/locale.js';
import type { FaqEntry, KnowledgeDocument, Language, ProviderProfile } from '../knowledge/schema.js';
import { detectIntent, detectKindFilter, questionPart, withoutLackingSide, withoutLetterFormulas } from './intents.js';
import { answerEvidence, messageFeatures, type AnswerEvidence, type Features } from './features.js';
import { decide, decisionDefaults, type DecisionSettings } from './rules.js';
import { probability, shippedCalibration, type Calibration } from './calibration.js';
import { projectLexicon, wordsOf, type Lexicon, type Word } from '../knowledge/lexicon.js';
import { ProviderNames } from '../knowledge/providerNames.js';
import { OutOfScopeExamples } from '../knowledge/questionSimilarity.js';
import { readRegions, withoutPlaces, type RegionReading } from './regionReading.js';
import { wantedKinds, type WantedKinds } from './wantedKinds.js';
import { asksAboutLastAnswer, asksForMore, endsWithPointer, kindAskedFor, onlyAsksAgain, readFollowUp, withLastTopic, type FollowUpContext } from './followUp.js';
import { EntrySubjects } from './subjects.js';
import { SearchCache, type Searcher } from './searchCache.js';
import { isWantedKind, ProviderOrder } from './providerOrder.js';
import { emptyMemory, type CardAction, type ConversationMemory, type EscalationReason, type ProviderMatch, type ProviderSearch, type Reply, type Turn, type UserInput } from './types.js';

/** Counts and limits of the core; the decision thresholds are in `rules.ts` (`decisionDefaults`, re-exported here). */
export const coreDefaults = {
  /** Providers shown per answer. */
  providersShown: 3,
  /** Providers searched per answer: more than shown, so that a wanted kind ("mit einer Hochschule") can come first. */
  providerCandidates: 9,
  /** …and when the message names a part of a region ("im Sauerland"), so that providers there can come first. */
  providerCandidatesInArea: 40,
  /** Providers with a topic the message names come first unless their coverage is this much below the best one's. */
  topicProviderSlack: 0.3,
  /** Related questions shown under an answer. */
  relatedShown: 3,
  /** Unanswered questions in a row before the bot offers a person. */
  missesBeforeHandoff: 2,
  maxMessageChars: 2000,
  /**
   * In a follow-up, one of the last answer's related entries is meant when it explains the reading this nearly as well
   * as the best entry ("and what did he say?" after who chairs the board: the chairman's quote, though the other
   * manager's quote names the agency once more).
   */
  neighbourSlack: 0.15,
} as const;

export { decisionDefaults };

/** An answer, or a provider list with at least one provider. */
function isConfident(turn: Turn): boolean {
  return turn.reply.kind === 'answer' || (turn.reply.kind === 'providers' && turn.reply.matches.length > 0);
}

/** Whether `turn` is a provider list with at least one provider. */
function isProviderList(turn: Turn): boolean {
  return turn.reply.kind === 'providers' && turn.reply.matches.length > 0;
}

/** Whether `turn` answers with the entry `id`. */
function answersWith(turn: Turn, id: string | undefined): boolean {
  return turn.reply.kind === 'answer' && turn.reply.entry.id === id;
}

/** `turn` with `question` remembered as the conversation's topic when it was answered or got a "did you mean" (see `ConversationMemory.lastTopic`). */
function withTopic(turn: Turn, question: string): Turn {
  // A "did you mean" is about its question too ("Wie erreiche ich ihn?" after one that offers the press contact); it is
  // no provider list to go on from.
  if (turn.reply.kind === 'didYouMean') {
    return { ...turn, memory: { ...turn.memory, lastTopic: question, lastAnswerId: undefined, lastProviderIds: undefined } };
  }
  if (!isConfident(turn)) return turn;
  const lastAnswerId = turn.reply.kind === 'answer' ? turn.memory.lastAnswerId : undefined;
  return { ...turn, memory: { ...turn.memory, lastTopic: question, lastAnswerId } };
}

/** Whether two hits were found through the same words of the message (in any order). */
function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word) => b.includes(word));
}

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
    const question = withoutLackingSide(withoutLetterFormulas(text));
    const more = this.moreProviders(question, memory, next, lang) ?? this.aboutListedProviders(question, memory, next, lang);
    if (more) return more;
    return this.answerInContext(question, memory, next, lang);
  }

  /**
   * The reply to a question: a short message that leans on the last answer is read with its question (the first
   * reading that gives a confident reply; `readFollowUp`); otherwise, and for a full new question, the message alone.
   */
  private answerInContext(question: string, memory: ConversationMemory, next: ConversationMemory, lang: Language): Turn {
    const lastAnswer = memory.lastAnswerId === undefined ? undefined : this.index.get(memory.lastAnswerId);
    const context = this.followUpContext(lastAnswer, lang);
    // A pronoun for a person where the last answer names no single one whose own entry the folder has ("Wie erreiche
    // ich ihn?" after who the press contact is): it means whom that answer is about, so another entry is meant only
    // where it explains the message better than the last answer does.
    const pointsBack = context.person === undefined && lastAnswer?.type === 'faq' && this.lexicon.followUp.people.has(wordsOf(question));
    const lastExplains = pointsBack ? this.coverageOf(lastAnswer.id, question, lang) : 0;
    // "is Hagen one of them?", "Sind da auch Städte dabei?" (`asksAboutLastAnswer`) asks about what the last answer
    // listed: that answer again (its list says); after a provider list, the whole last question.
    const aboutLastAnswer = asksAboutLastAnswer(question, this.lexicon);
    if (aboutLastAnswer && lastAnswer?.type === 'faq' && memory.lastTopic) {
      return withTopic(this.answer(lastAnswer, [], { ...next, lastQuestion: memory.lastTopic }), memory.lastTopic);
    }
    const read = readFollowUp(question, this.lexicon, memory, context);
    const wholeLast = memory.lastTopic === undefined ? undefined : withLastTopic(question, memory.lastTopic);
    const readings = aboutLastAnswer ? read.filter((reading) => reading.text === wholeLast) : read;
    for (const { text: reading, otherParty, party } of readings) {
      // Where entries explain a reading (nearly) equally well, the last answer's related one is meant ("and what did he
      // say?" after who chairs the board: that chairman's quote, not the other quotes). The whole last question would
      // favour the last answer itself, so there the message's own words are compared. The last question asked of
      // another party is a question of its own: the entry that answers it may be the last answer again.
      const compared = memory.lastTopic && reading === withLastTopic(question, memory.lastTopic) ? question : reading;
      const related = otherParty || aboutLastAnswer ? undefined : this.neighbourAnswer(compared, memory, lang, question);
      const neighbour = related && (!pointsBack || related.coverage > this.coverageOf(lastAnswer.id, compared, lang)) ? related : undefined;
      if (neighbour) return withTopic(this.answerOrHandoff(neighbour, { ...next, lastQuestion: reading }, reading), reading);
      const turn = this.answerQuestion(reading, next, lang, question);
      if (otherParty && party !== undefined && lastAnswer?.type === 'faq' && answersWith(turn, lastAnswer.id) && !this.names(lastAnswer, party)) {
        // The last question asked of another party brought back the last answer, which does not name that party ("und
        // die Wirtschaftsförderung?" after the agency's street): the entry that answers it for that party is meant.
        const ofParty = this.answerNaming(reading, party, lastAnswer.id, lang);
        if (ofParty) return withTopic(this.answerOrHandoff(ofParty, { ...next, lastQuestion: reading }, reading), reading);
      }
      if (isConfident(turn) && compared === question && answersWith(turn, memory.lastAnswerId)) {
        // The whole last question brought back the answer just given, while the message alone asks something the
        // folder answers with another entry ("and who signed it?" after the goals of the agreement), or one of the
        // last answer's related entries through its question word ("and when was that?" after what the agreement is:
        // the signing), unless it only asks the last question again ("und wann?"): that is meant.
        const alone = this.answerQuestion(question, next, lang);
        const relatedOne = (id: string) =>
          lastAnswer?.type === 'faq' && lastAnswer.related.includes(id) && !onlyAsksAgain(question, this.lexicon) && !this.asksAsWell(lastAnswer, question);
        if (
          !aboutLastAnswer &&
          alone.reply.kind === 'answer' &&
          !answersWith(alone, memory.lastAnswerId) &&
          (alone.reply.score ?? 0) > lastExplains &&
          (this.foundThroughWhatIsAsked(alone.reply.why) || relatedOne(alone.reply.entry.id))
        ) {
          return withTopic(alone, question);
        }
      }
      if (isConfident(turn)) {
        const listed = this.topicProviders(reading, question, turn, memory, next, lang);
        if (listed) return withTopic(listed, reading);
        const own = this.ownKindOfReply(question, turn, memory, next, lang);
        return own ? withTopic(own, question) : withTopic(turn, reading);
      }
    }
    const alone = this.answerQuestion(question, next, lang);
    const whole = readings.length > 0 && memory.lastTopic ? withLastTopic(question, memory.lastTopic) : undefined;
    const listed = whole === undefined ? undefined : this.topicProviders(whole, question, alone, memory, next, lang);
    return listed ? withTopic(listed, whole!) : withTopic(alone, question);
  }

  /** What a follow-up reading needs to know of the folder and the last answer (see `FollowUpContext`). */
  private followUpContext(lastAnswer: KnowledgeDocument | undefined, lang: Language): FollowUpContext {
    const faq = lastAnswer?.type === 'faq' ? lastAnswer : undefined;
    return {
      names: this.index.properNames,
      person: faq ? this.subjects.personIn(faq) : undefined,
      answered: faq?.title,
      organisations: (words) => this.providerNames.spans(words),
      ownPlaces: (words) => readRegions(words, this.lexicon).originSpans.map(([start, end]) => ({ start, end })),
      // The person of a region (without one: of the other side than the person named) besides the one named: the one
      // among the last answer's related entries, else the only one.
      personOf: (region, besides) => {
        const own = this.subjects.regionOf(besides, lang);
        const side = region ?? (own === undefined ? undefined : own === 'dortmund' ? 'suedwestfalen' : 'dortmund');
        if (side === undefined) return undefined;
        const people = this.subjects.peopleOf(side, lang, besides);
        const related = faq ? people.find((p) => faq.related.includes(p.id)) : undefined;
        return (related ?? (people.length === 1 ? people[0] : undefined))?.name;
      },
    };
  }

  /**
   * Right after a provider list, a follow-up naming a directory topic ("what about funding?") asks for that topic's
   * providers for the same need, even where `read` (the reply to its reading, or to the message alone) is a FAQ entry
   * (how to take part in the cooperation) or nothing: the providers of `reading` that have the topic. Undefined
   * otherwise.
   */
  private topicProviders(reading: string, question: string, read: Turn, memory: ConversationMemory, next: ConversationMemory, lang: Language): Turn | undefined {
    const afterList = memory.lastAnswerId === undefined && (memory.lastProviderIds?.length ?? 0) > 0;
    if (!afterList || isProviderList(read) || this.index.namedTopics(question, lang).length === 0) return undefined;
    const turn = this.readTurn(reading, next, lang, question);
    const listed = this.providerTurn(turn.search, turn.providerHits, { ...next, lastQuestion: reading, origin: turn.origin }, lang, turn.kinds.kinds);
    return listed.reply.kind === 'providers' && listed.reply.matches.some((match) => match.matchedTopics.length > 0) ? listed : undefined;
  }

  /**
   * The message alone, when its own words ask for another kind of reply than the last one was, so that the last
   * question would only drag its words in: after an answer from the FAQ, providers for a directory topic the message
   * names ("und wer hilft bei IT-Sicherheit?" after who heads the agency); after a provider list (read as providers
   * again), a FAQ entry found through a word of what is asked, when the message names no directory topic ("und was ist
   * die REGIONALE?") and no place (a place moves the search: "Geht das auch im Märkischen Kreis?"). Undefined otherwise.
   */
  private ownKindOfReply(question: string, read: Turn, memory: ConversationMemory, next: ConversationMemory, lang: Language): Turn | undefined {
    const afterAnswer = memory.lastAnswerId !== undefined;
    const namesTopic = this.index.namedTopics(question, lang).length > 0;
    if (afterAnswer !== namesTopic) return undefined;
    if (!afterAnswer && (read.reply.kind !== 'providers' || this.lexicon.places(wordsOf(question)).length > 0)) return undefined;
    const alone = this.answerQuestion(question, next, lang);
    if (afterAnswer) return alone.reply.kind === 'providers' && alone.reply.matches.length > 0 ? alone : undefined;
    return alone.reply.kind === 'answer' && this.foundThroughWhatIsAsked(alone.reply.why) ? alone : undefined;
  }

  /**
   * "und wer noch?" / "who else?" right after a provider list: the providers the last question finds beyond those
   * already shown (remembered as shown too, so a second "wer noch?" goes on); undefined when `text` asks no such thing
   * or the last reply was no provider list.
   */
  private moreProviders(text: string, memory: ConversationMemory, next: ConversationMemory, lang: Language): Turn | undefined {
    const { lastTopic, lastProviderIds, lastAnswerId } = memory;
    if (!lastTopic || !lastProviderIds?.length || lastAnswerId !== undefined || !asksForMore(text, this.lexicon)) return undefined;
    const shown = new Set(lastProviderIds);
    const turn = this.readTurn(lastTopic, next, lang, undefined, shown);
    const reply = this.providerTurn(turn.search, turn.providerHits, { ...next, lastQuestion: lastTopic, origin: turn.origin }, lang, turn.kinds.kinds);
    const ids = [...lastProviderIds, ...(reply.memory.lastProviderIds ?? [])];
    return { ...reply, memory: { ...reply.memory, lastTopic, lastAnswerId: undefined, lastProviderIds: ids } };
  }

  /**
   * Right after a provider list, a short question with a word that stands for what was just named ("Was kostet der?",
   * "Wo sitzen die?", "what do those charge?"; lexicon.yml `followUp.pointers`, `endPointers`, `listed`) asks about the
   * providers shown: those of them the message with the last question finds, best first. Undefined when `text` asks
   * no such thing or none of them is found.
   */
  private aboutListedProviders(text: string, memory: ConversationMemory, next: ConversationMemory, lang: Language): Turn | undefined {
    const { lastTopic, lastProviderIds, lastAnswerId } = memory;
    if (!lastTopic || !lastProviderIds?.length || lastAnswerId !== undefined) return undefined;
    const words = wordsOf(text);
    if (words.length === 0 || words.length > this.lexicon.followUp.maxWords) return undefined;
    const { pointers, listed: forListed } = this.lexicon.followUp;
    if (!pointers.has(words) && !forListed.has(words) && !endsWithPointer(words, this.lexicon)) return undefined;
    // A need of its own or a directory topic ("kann mir dort jemand bei Fördermitteln helfen?") asks for providers
    // beyond those shown.
    if (this.lexicon.need.words.has(words) || this.index.namedTopics(text, lang).length > 0) return undefined;
    const reading = withLastTopic(text, lastTopic);
    const turn = this.readTurn(reading, next, lang, text);
    const listed = new Set(lastProviderIds);
    const hits = turn.providerHits.filter((hit) => listed.has(hit.id));
    if (hits.length === 0) return undefined;
    const reply = this.providerTurn(turn.search, hits, { ...next, lastQuestion: reading, origin: turn.origin }, lang, turn.kinds.kinds);
    return { ...reply, memory: { ...reply.memory, lastTopic, lastAnswerId: undefined } };
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

  /**
   * The best of the last answer's `related` entries for `text`, when it explains it nearly as well as any entry
   * (`neighbourSlack`) and well enough to be answered (`answerCoverage`); undefined when none does.
   */
  private neighbourAnswer(text: string, memory: ConversationMemory, lang: Language, message: string = text): SearchHit | undefined {
    const last = memory.lastAnswerId === undefined ? undefined : this.index.get(memory.lastAnswerId);
    if (last?.type !== 'faq') return undefined;
    const hits = this.searcher.search(text, { type: 'faq', lang, limit: 10 }).hits;
    const best = hits[0]?.coverage ?? 0;
    // Found through a word of what is asked, not only through the question word ("und wo?" is the last answer's place),
    // and through a word of the message itself, not only through what its reading added (the name put in for "him"
    // does not make "how can I reach him?" a question for that person's quote).
    const said = new Set(wordsOf(message).map((word) => word.word));
    const typed = (reason: string) => wordsOf(reason.split(' → ')[0] ?? '').every((word) => said.has(word.word));
    const asked = (hit: SearchHit) => this.foundThroughWhatIsAsked(hit.why.filter(typed));
    const fits = (hit: SearchHit) =>
      last.related.includes(hit.id) && asked(hit) && hit.coverage >= best - coreDefaults.neighbourSlack && hit.coverage >= this.settings.answerCoverage;
    const found = hits.filter(fits);
    // Of related entries found through the very same words, to the same extent, the one the curator lists first is
    // the likeliest next question: the search's order between them only reflects how each is worded.
    const same = (hit: SearchHit) => hit.coverage === found[0]!.coverage && sameWords(hit.why, found[0]!.why);
    return found.filter(same).sort((a, b) => last.related.indexOf(a.id) - last.related.indexOf(b.id))[0];
  }

  /** Whether `entry` names `party` (every word of it, in its title or text). */
  private names(entry: FaqEntry, party: string): boolean {
    const said = new Set(wordsOf(`${entry.title}\n${entry.body}`.normalize('NFC')).map((word) => word.word));
    return wordsOf(party.normalize('NFC')).every((word) => said.has(word.word));
  }

  /**
   * The best FAQ entry for `text` other than `besides` that is found through a word of `party` and explains `text`
   * nearly as well as the best entry (`neighbourSlack`) and well enough to be answered; undefined when none does.
   */
  private answerNaming(text: string, party: string, besides: string, lang: Language): SearchHit | undefined {
    const hits = this.searcher.search(text, { type: 'faq', lang, limit: 10 }).hits;
    const best = hits[0]?.coverage ?? 0;
    const partyWords = new Set(wordsOf(party.normalize('NFC')).map((word) => word.word));
    const throughParty = (hit: SearchHit) => hit.why.some((reason) => wordsOf(reason.split(' → ')[0] ?? '').some((word) => partyWords.has(word.word)));
    return hits.find(
      (hit) =>
        hit.id !== besides &&
        throughParty(hit) &&
        hit.coverage >= best - coreDefaults.neighbourSlack &&
        hit.coverage >= this.settings.answerCoverage,
    );
  }

  /** How much of `text` the FAQ entry `id` explains (0 when the search does not find it among the first ten). */
  private coverageOf(id: string, text: string, lang: Language): number {
    return this.searcher.search(text, { type: 'faq', lang, limit: 10 }).hits.find((hit) => hit.id === id)?.coverage ?? 0;
  }

  /**
   * Whether `entry` is asked for with a question word of `text`: one of its title or questions starts with it (the
   * signing is asked for by "when" and "where", so "and where was that?" after it is about it).
   */
  private asksAsWell(entry: FaqEntry, text: string): boolean {
    const words = wordsOf(text);
    const asked = new Set(words.filter((_, i) => this.lexicon.questionStarts.matchAt(words, i) > 0).map((word) => word.word));
    return [entry.title, ...entry.questions].some((question) => asked.has(wordsOf(question)[0]?.word ?? ''));
  }

  /** Whether a hit's reasons hold a word of what is asked, not only a question word ("und wo?" names nothing asked). */
  private foundThroughWhatIsAsked(why: readonly string[]): boolean {
    return why.some((reason) => !this.lexicon.questionStarts.has(wordsOf(reason)));
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
