/**
 * Follow-up turns: the reply to a message read against what the conversation said before. "und wer noch?" and
 * "Was kostet der?" right after a provider list (`moreProviders`, `aboutListedProviders`); otherwise a short message
 * that leans on the last answer is read with its question (`readFollowUp`) and the first reading that gives a
 * confident reply wins (`answerInContext`), a full new question is read alone. A turn's reading and its reply come
 * from the core (`CoreReplies`); this module decides which question is meant.
 */
import type { KnowledgeIndex } from '../knowledge/knowledgeIndex.js';
import type { SearchHit } from '../knowledge/searchResult.js';
import { otherRegion, type FaqEntry, type KnowledgeDocument, type Language } from '../knowledge/schema.js';
import { wordsOf, type Lexicon } from '../knowledge/lexicon.js';
import type { ProviderNames } from '../knowledge/providerNames.js';
import type { DecisionSettings } from './rules.js';
import { readRegions } from './regionReading.js';
import { asksAboutLastAnswer, asksForMore, endsWithPointer, hasPointer, onlyAsksAgain, ownWords, readFollowUp, withLastTopic, type FollowUpContext } from './followUp.js';
import type { EntrySubjects } from './subjects.js';
import { statesAskedFact } from './features.js';
import type { Searcher } from './searchCache.js';
import { coreDefaults } from './coreDefaults.js';
import type { CoreKnowledge, TurnReading } from './turnReading.js';
import type { ConversationMemory, ProviderSearch, Turn } from './types.js';

/** What the follow-up turns use of a turn's reading: the provider search, its providers in order, the user's side. */
export type ProviderReading = Pick<TurnReading, 'search' | 'providerHits' | 'origin' | 'kinds'>;

/** What the follow-up turns ask of the core: a turn read, and the reply to a question, an entry or providers. */
export interface CoreReplies {
  /** The thresholds of the rule table for this turn. */
  settings(): DecisionSettings;
  /** The reading of `text` (`TurnReader.read`). */
  readTurn(text: string, memory: ConversationMemory, lang: Language, followUp?: string, shown?: ReadonlySet<string>): ProviderReading;
  /** The reply to `text` read as a question of its own. */
  answerQuestion(text: string, memory: ConversationMemory, lang: Language, followUp?: string): Turn;
  /** `entry` as the answer. */
  answer(entry: FaqEntry, why: string[], memory: ConversationMemory, score?: number): Turn;
  /** The entry found as the answer, or the handoff offer when it stands for asking for a person. */
  answerOrHandoff(hit: SearchHit, memory: ConversationMemory, handoffTopic: string): Turn;
  /** `hits` as the provider list for `search`. */
  providerTurn(search: ProviderSearch, hits: SearchHit[], memory: ConversationMemory, lang: Language, kinds?: Set<string>): Turn;
  /** The reply that the folder does not say. */
  unknown(memory: ConversationMemory, lang: Language): Turn;
}

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

/** The replies that depend on the conversation so far; one per core, sharing its knowledge and search. */
export class FollowUpTurns {
  private readonly index: KnowledgeIndex;
  private readonly lexicon: Lexicon;
  private readonly searcher: Searcher;
  private readonly subjects: EntrySubjects;
  private readonly providerNames: ProviderNames;

  constructor(
    knowledge: CoreKnowledge,
    private readonly core: CoreReplies,
  ) {
    this.index = knowledge.index;
    this.lexicon = knowledge.lexicon;
    this.searcher = knowledge.searcher;
    this.subjects = knowledge.subjects;
    this.providerNames = knowledge.providerNames;
  }

  /** The thresholds of the rule table, read per turn (see `AssistantCore.settings`). */
  private get settings(): DecisionSettings {
    return this.core.settings();
  }

  /**
   * The reply to a question: a short message that leans on the last answer is read with its question (the first
   * reading that gives a confident reply; `readFollowUp`); otherwise, and for a full new question, the message alone.
   */
  answerInContext(question: string, memory: ConversationMemory, next: ConversationMemory, lang: Language): Turn {
    const lastAnswer = memory.lastAnswerId === undefined ? undefined : this.index.get(memory.lastAnswerId);
    const afterList = afterProviderList(memory);
    const context = { ...this.followUpContext(lastAnswer, lang), afterProviders: afterList, namesTopic: (text: string) => this.index.namedTopics(text, lang).length > 0 };
    // A pronoun for a person where the last answer names no single one whose own entry the folder has ("Wie erreiche
    // ich ihn?" after who the press contact is): it means whom that answer is about, so another entry is meant only
    // where it explains the message better than the last answer does.
    const pointsBack = context.person === undefined && lastAnswer?.type === 'faq' && this.lexicon.followUp.people.has(wordsOf(question));
    const lastExplains = pointsBack ? this.coverageOf(lastAnswer.id, question, lang) : 0;
    // "is Hagen one of them?", "Sind da auch Städte dabei?" (`asksAboutLastAnswer`) asks about what the last answer
    // listed: that answer again (its list says); after a provider list, the whole last question.
    const aboutLastAnswer = asksAboutLastAnswer(question, this.lexicon);
    if (aboutLastAnswer && lastAnswer?.type === 'faq' && memory.lastTopic) {
      return withTopic(this.core.answer(lastAnswer, [], { ...next, lastQuestion: memory.lastTopic }), memory.lastTopic);
    }
    const read = readFollowUp(question, this.lexicon, memory, context);
    const aboutOffer = afterList && !this.asksForProviders(question);
    const wholeLast = memory.lastTopic === undefined ? undefined : withLastTopic(question, memory.lastTopic);
    const readings = aboutLastAnswer ? read.filter((reading) => reading.text === wholeLast) : read;
    for (const { text: reading, otherParty, party, regionsSwapped, placeMoved } of readings) {
      // Where entries explain a reading (nearly) equally well, the last answer's related one is meant ("and what did he
      // say?" after who chairs the board: that chairman's quote, not the other quotes). The whole last question would
      // favour the last answer itself, so there the message's own words are compared. The last question asked of
      // another party is a question of its own: the entry that answers it may be the last answer again.
      const compared = memory.lastTopic && reading === withLastTopic(question, memory.lastTopic) ? question : reading;
      const related = otherParty || aboutLastAnswer ? undefined : this.neighbourAnswer(compared, memory, lang, question);
      const neighbour = related && (!pointsBack || related.coverage > this.coverageOf(lastAnswer.id, compared, lang)) ? related : undefined;
      if (neighbour) return withTopic(this.core.answerOrHandoff(neighbour, { ...next, lastQuestion: reading }, reading), reading);
      const turn = this.core.answerQuestion(reading, next, lang, question);
      // After a provider list a place moves the search: an entry answering the moved question ("what about the
      // Sauerland?" → the region's strengths) is not what was asked; the next reading (the place's region) is tried.
      if (placeMoved && afterList && !isProviderList(turn)) continue;
      // The last question of the other side or another place that the folder only narrows down to a few entries, one
      // of them the last answer: that answer, which named one side, names the other as well ("und wer war das bei der
      // anderen Seite?" after who signed for one region).
      if ((regionsSwapped || placeMoved) && lastAnswer?.type === 'faq' && turn.reply.kind === 'didYouMean' && turn.reply.candidates.some((c) => c.id === lastAnswer.id)) {
        return withTopic(this.core.answer(lastAnswer, [], { ...next, lastQuestion: reading }), reading);
      }
      // Otherwise the options for the other side's question: the message alone would find the entry about both sides
      // through "side".
      // So too the last question asked of another place by a message that names only the place ("and for Dortmund?"
      // after a "did you mean"): read alone, the place's name would find some entry about it.
      if ((regionsSwapped || (placeMoved && !afterList && this.namesOnlyPlaces(question))) && turn.reply.kind === 'didYouMean') return withTopic(turn, reading);
      if (otherParty && party !== undefined && lastAnswer?.type === 'faq' && answersWith(turn, lastAnswer.id) && !this.names(lastAnswer, party)) {
        // The last question asked of another party brought back the last answer, which does not name that party ("und
        // die Wirtschaftsförderung?" after the agency's street): the entry that answers it for that party is meant.
        const ofParty = this.answerNaming(reading, party, lastAnswer.id, lang);
        if (ofParty) return withTopic(this.core.answerOrHandoff(ofParty, { ...next, lastQuestion: reading }, reading), reading);
      }
      if (isConfident(turn) && compared === question && answersWith(turn, memory.lastAnswerId)) {
        // The whole last question brought back the answer just given, while the message alone asks something the
        // folder answers with another entry ("and who signed it?" after the goals of the agreement), or one of the
        // last answer's related entries through its question word ("and when was that?" after what the agreement is:
        // the signing), unless it only asks the last question again ("und wann?"): that is meant.
        const alone = this.core.answerQuestion(question, next, lang);
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
      // Right after a provider list, a question about what it offers ("geht das auch remote?", not a request for more
      // providers) whose reading finds no provider through a word of the message's own only shows the list again, as if
      // it said yes: the folder does not say what was asked.
      // So is an entry of the cooperation's found for the fragment with the last question ("und kostenlos?" is not
      // whether taking part costs).
      const entryForFragment = aboutOffer && turn.reply.kind === 'answer' && (this.isFragment(question) || this.aboutShown(question));
      if (entryForFragment || (aboutOffer && isProviderList(turn) && !this.explainsAny(turn, question) && !regionsSwapped)) continue;
      // The other side's providers ("what about the other side?" after a provider list) are what is asked: the words
      // that say so are no question of their own.
      if (regionsSwapped && isProviderList(turn)) return withTopic(turn, reading);
      if (isConfident(turn)) {
        const listed = this.topicProviders(reading, question, turn, memory, next, lang);
        if (listed) return withTopic(listed, reading);
        const own = this.ownKindOfReply(question, turn, memory, next, lang);
        return own ? withTopic(own, question) : withTopic(turn, reading);
      }
    }
    const alone = this.core.answerQuestion(question, next, lang);
    const whole = readings.length > 0 && memory.lastTopic ? withLastTopic(question, memory.lastTopic) : undefined;
    const listed = whole === undefined ? undefined : this.topicProviders(whole, question, alone, memory, next, lang);
    if (listed) return withTopic(listed, whole!);
    // A fragment without a question of its own about the offer shown ("und kostenlos?", "und in Meschede?") that no
    // reading answers: read alone, its one word would find some entry of the cooperation's; the folder does not say.
    if (aboutOffer && ((readings.length > 0 && this.isFragment(question)) || this.aboutShown(question)) && !isProviderList(alone)) {
      const unknown = this.core.unknown({ ...next, lastQuestion: whole ?? question }, lang);
      return { ...unknown, memory: { ...unknown.memory, lastTopic: memory.lastTopic, lastProviderIds: memory.lastProviderIds, lastAnswerId: undefined } };
    }
    return withTopic(alone, question);
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
        const side = region ?? (own === undefined ? undefined : otherRegion(own));
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
    const afterList = afterProviderList(memory);
    if (!afterList || isProviderList(read) || this.index.namedTopics(question, lang).length === 0) return undefined;
    const turn = this.core.readTurn(reading, next, lang, question);
    const listed = this.core.providerTurn(turn.search, turn.providerHits, { ...next, lastQuestion: reading, origin: turn.origin }, lang, turn.kinds.kinds);
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
    // After a provider list, a fragment ("und online?") says more about the same need; read alone, its one word would
    // find some entry.
    if (!afterAnswer && this.isFragment(question)) return undefined;
    // After a provider list, a message that itself asks for someone ("und wer berät einen da?", "who could help with
    // that?") asks for providers for the same need: an entry found through its need verb alone is not what is asked.
    if (!afterAnswer && this.asksForProviders(question)) return undefined;
    const alone = this.core.answerQuestion(question, next, lang);
    if (afterAnswer) return alone.reply.kind === 'providers' && alone.reply.matches.length > 0 ? alone : undefined;
    return alone.reply.kind === 'answer' && this.foundThroughWhatIsAsked(alone.reply.why) ? alone : undefined;
  }

  /**
   * "und wer noch?" / "who else?" right after a provider list: the providers the last question finds beyond those
   * already shown (remembered as shown too, so a second "wer noch?" goes on); undefined when `text` asks no such thing
   * or the last reply was no provider list.
   */
  moreProviders(text: string, memory: ConversationMemory, next: ConversationMemory, lang: Language): Turn | undefined {
    const { lastTopic, lastProviderIds, lastAnswerId } = memory;
    if (!lastTopic || !lastProviderIds?.length || lastAnswerId !== undefined || !asksForMore(text, this.lexicon)) return undefined;
    const shown = new Set(lastProviderIds);
    const turn = this.core.readTurn(lastTopic, next, lang, undefined, shown);
    const reply = this.core.providerTurn(turn.search, turn.providerHits, { ...next, lastQuestion: lastTopic, origin: turn.origin }, lang, turn.kinds.kinds);
    const ids = [...lastProviderIds, ...(reply.memory.lastProviderIds ?? [])];
    return { ...reply, memory: { ...reply.memory, lastTopic, lastAnswerId: undefined, lastProviderIds: ids } };
  }

  /**
   * Right after a provider list, a short question with a word that stands for what was just named ("Was kostet der?",
   * "Wo sitzen die?", "what do those charge?"; lexicon.yml `followUp.pointers`, `endPointers`, `listed`) asks about the
   * providers shown: those of them the message with the last question finds, best first. Undefined when `text` asks
   * no such thing or none of them is found.
   */
  aboutListedProviders(text: string, memory: ConversationMemory, next: ConversationMemory, lang: Language): Turn | undefined {
    const { lastTopic, lastProviderIds, lastAnswerId } = memory;
    if (!lastTopic || !lastProviderIds?.length || lastAnswerId !== undefined) return undefined;
    const words = wordsOf(text);
    if (words.length === 0 || words.length > this.lexicon.followUp.maxWords) return undefined;
    const { listed: forListed, alsoOffered } = this.lexicon.followUp;
    const asksAlso = alsoOffered.has(words);
    if (!asksAlso && !hasPointer(text, this.lexicon) && !forListed.has(words) && !endsWithPointer(words, this.lexicon)) return undefined;
    // A need of its own or a directory topic ("kann mir dort jemand bei Fördermitteln helfen?") asks for providers
    // beyond those shown.
    // Whether those shown also offer something is asked of them, whatever the message names.
    const topics = this.index.namedTopics(text, lang);
    if (this.asksForProviders(text) || (!asksAlso && topics.length > 0)) return undefined;
    const reading = withLastTopic(text, lastTopic);
    const turn = this.core.readTurn(reading, next, lang, text);
    const listed = new Set(lastProviderIds);
    const hits = turn.providerHits.filter((hit) => listed.has(hit.id));
    // "Machen die auch Social Media?": those shown whom the message's own words explain; where none is, the folder
    // does not say (listing them again would say yes).
    const own = ownWords(text, this.lexicon);
    const offers = (hit: SearchHit) => hit.why.some((reason) => wordsOf(reason.split(' → ')[0] ?? '').some((word) => own.has(word.word)));
    const offering = asksAlso && own.size > 0 ? hits.filter(offers) : hits;
    if (asksAlso && offering.length === 0) {
      const unknown = this.core.unknown({ ...next, lastQuestion: reading }, lang);
      return { ...unknown, memory: { ...unknown.memory, lastTopic, lastProviderIds, lastAnswerId: undefined } };
    }
    if (offering.length === 0) return undefined;
    const reply = this.core.providerTurn(turn.search, offering, { ...next, lastQuestion: reading, origin: turn.origin }, lang, turn.kinds.kinds);
    return { ...reply, memory: { ...reply.memory, lastTopic, lastAnswerId: undefined } };
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
    // Nor does one that leaves out the kind of fact asked for ("und wie viele sind das?" needs an entry with the number).
    const fits = (hit: SearchHit) =>
      last.related.includes(hit.id) && asked(hit) && hit.coverage >= best - coreDefaults.neighbourSlack && hit.coverage >= this.settings.answerCoverage &&
      statesAskedFact(message, hit, (word) => this.index.wordsAlike(word));
    const found = hits.filter(fits);
    // The last answer explains the reading best, and the related entry only through the very same words: nothing the
    // message says points away from the last answer ("who runs it?" after what the REGIONALE is).
    if (hits[0]?.id === last.id && found[0] && sameWords(hits[0].why, found[0].why)) return undefined;
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

  /**
   * Whether a word the message asks about of its own (`ownWords`) explains a provider of the list `turn`; true too when
   * the message has no such word ("und wann?") or names a place, a person or an organisation (those move the search
   * rather than add words).
   */
  private explainsAny(turn: Turn, message: string): boolean {
    const own = ownWords(message, this.lexicon);
    const words = wordsOf(message);
    if (own.size === 0 || this.lexicon.places(words).length > 0 || this.providerNames.spans(words).length > 0) return true;
    if (words.some((word) => this.index.properNames.has(word.word))) return true;
    if (turn.reply.kind !== 'providers') return true;
    return turn.reply.matches.some((match) => match.why.some((reason) => wordsOf(reason.split(' → ')[0] ?? '').some((word) => own.has(word.word))));
  }

  /**
   * Whether `text` asks for providers: a need ("wir suchen …") or a request for some of a kind, at its start or after an
   * elliptic one (lexicon.yml `kindFilter.alsoOpens`: "auch welche, die …", "und gibt es da auch …").
   */
  private asksForProviders(text: string): boolean {
    const words = wordsOf(text);
    const start = this.lexicon.followUp.starts.opens(words);
    return this.lexicon.need.words.has(words) || this.lexicon.kindFilter.alsoOpens.opens(words) > 0 || this.lexicon.kindFilter.alsoOpens.matchAt(words, start) > 0;
  }

  /**
   * Whether `text` is a fragment: a short message that neither asks a question of its own (no question word) nor names
   * something of the folder's by its proper name ("und online?", "und kostenlos?", not "und was ist die REGIONALE?").
   */
  private isFragment(text: string): boolean {
    const words = wordsOf(text);
    return words.length <= this.lexicon.followUp.maxWords && !this.lexicon.questionStarts.has(words) && !words.some((word) => this.index.properNames.has(word.word));
  }

  /** Whether every word `text` asks about of its own (`ownWords`) is part of a place it names ("und für Dortmund?"). */
  private namesOnlyPlaces(text: string): boolean {
    const words = wordsOf(text.normalize('NFC'));
    const inPlace = new Set(this.lexicon.places(words).flatMap((place) => words.slice(place.start, place.end).map((word) => word.word)));
    const own = ownWords(text, this.lexicon);
    return inPlace.size > 0 && [...own].every((word) => inPlace.has(word));
  }

  /** Whether `text` holds a word for the providers shown (lexicon.yml `followUp.listed`: "bei denen", "they"). */
  private aboutShown(text: string): boolean {
    return this.lexicon.followUp.listed.has(wordsOf(text));
  }

  /** Whether a hit's reasons hold a word of what is asked, not only a question word ("und wo?" names nothing asked). */
  private foundThroughWhatIsAsked(why: readonly string[]): boolean {
    return why.some((reason) => !this.lexicon.questionStarts.has(wordsOf(reason)));
  }
}

/** The last reply was a provider list (no FAQ entry answered, providers shown). */
export function afterProviderList(memory: ConversationMemory): boolean {
  return memory.lastAnswerId === undefined && (memory.lastProviderIds?.length ?? 0) > 0;
}
