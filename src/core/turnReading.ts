/**
 * Reading a turn: what a message says and what the searches find for it, as the features record the rule table
 * decides on (`features.ts`, `rules.ts`) and the hits a reply is built from (the FAQ entries, the providers in the
 * order shown, the region's partner for a need no profile covers).
 */
import type { KnowledgeIndex } from '../knowledge/knowledgeIndex.js';
import type { SearchHit, SearchOptions } from '../knowledge/searchResult.js';
import type { Language, ProviderKind, Region } from '../knowledge/schema.js';
import { wordsOf, type Lexicon, type Word } from '../knowledge/lexicon.js';
import type { ProviderNames } from '../knowledge/providerNames.js';
import { OutOfScopeExamples } from '../knowledge/questionSimilarity.js';
import { asksForPartners, questionPart } from './intents.js';
import { answerEvidence, factStatingFirst, messageFeatures, type AnswerEvidence, type Features } from './features.js';
import type { DecisionSettings } from './rules.js';
import { probability, type Calibration } from './calibration.js';
import { readRegions, type RegionReading } from './regionReading.js';
import { introductionSpans } from './ownBusiness.js';
import { positionsOf, textWithout } from '../knowledge/wordSpans.js';
import { wantedKinds, type WantedKinds } from './wantedKinds.js';
import type { EntrySubjects } from './subjects.js';
import type { Searcher } from './searchCache.js';
import { ProviderOrder } from './providerOrder.js';
import { coreDefaults } from './coreDefaults.js';
import type { ConversationMemory, ProviderSearch } from './types.js';

/** What the core reads messages with: the folder, its language knowledge and the search; the follow-up turns share it. */
export interface CoreKnowledge {
  index: KnowledgeIndex;
  lexicon: Lexicon;
  /** The search, with recent results remembered (see `SearchCache`). */
  searcher: Searcher;
  /** Which entry is about which person or organisation. */
  subjects: EntrySubjects;
  /** Where a message names a provider. */
  providerNames: ProviderNames;
}

/** One turn read (`TurnReader.read`). */
export interface TurnReading {
  /** What the message says and what the searches found: what the rule table decides on. */
  features: Features;
  /** The FAQ entries found for the message, best first. */
  faq: SearchHit[];
  /** The FAQ entries found for the question after some context alone (searched when first asked for). */
  focused: () => SearchHit[];
  /** The providers, in the order they are shown. */
  providerHits: SearchHit[];
  /** The partner of the side looked in, then the best partial matches: for a need no profile there covers clearly. */
  brokeredHits: () => { hits: SearchHit[]; partner: SearchHit } | undefined;
  /** The provider search the message asks for (its text and the region looked in). */
  search: ProviderSearch;
  kinds: WantedKinds;
  /** The user's side, as read or remembered. */
  origin: Region | undefined;
  /** The region's partner put first as the broker of contacts on the other side. */
  brokerId: string | undefined;
}

/** Reads turns for one core: its knowledge, the calibration of the answer evidence and the rule table's thresholds. */
export class TurnReader {
  private readonly index: KnowledgeIndex;
  private readonly lexicon: Lexicon;
  private readonly searcher: Searcher;
  private readonly subjects: EntrySubjects;
  private readonly providerNames: ProviderNames;
  private readonly outOfScope: OutOfScopeExamples;
  private readonly providerOrder: ProviderOrder;

  constructor(
    knowledge: CoreKnowledge,
    private readonly calibration: Calibration,
    private readonly settingsOfTurn: () => DecisionSettings,
  ) {
    this.index = knowledge.index;
    this.lexicon = knowledge.lexicon;
    this.searcher = knowledge.searcher;
    this.subjects = knowledge.subjects;
    this.providerNames = knowledge.providerNames;
    this.outOfScope = new OutOfScopeExamples(knowledge.index.knowledge);
    this.providerOrder = new ProviderOrder(knowledge.index, knowledge.lexicon, {
      shown: coreDefaults.providersShown,
      topicSlack: coreDefaults.topicProviderSlack,
      coverMoreSlack: coreDefaults.topicCoverageSlack,
    });
  }

  /** A provider of a kind the user asks for by name (`ProviderOrder.isWanted`: a unit counts as of its parent's kind). */
  isWantedKind(hit: SearchHit, kinds: ReadonlySet<string>): boolean {
    return this.providerOrder.isWanted(hit, kinds);
  }

  /** The thresholds of the rule table, read per turn (see `AssistantCore.settings`). */
  private get settings(): DecisionSettings {
    return this.settingsOfTurn();
  }

  /**
   * The features of one turn (`features.ts`): what `text` says and what the searches found. `followUp`: the message
   * itself, when `text` is its reading with the last question (see `readFollowUp`). `shown`: providers the user has
   * already seen, left out ("und wer noch?"). `kind`: only providers of that kind are searched ("nur Hochschulen", "gibt es
   * da auch Start-ups?" for the last question).
   */
  read(text: string, memory: ConversationMemory, lang: Language, followUp?: string, shown: ReadonlySet<string> = new Set(), kind?: ProviderKind): TurnReading {
    // A follow-up asks something further about the person just answered about: their own entry is no longer the
    // subject ("what's his name again?" after what Westphal said).
    const subjectNamed = this.subjects.subjectIn(text, lang);
    const subject = followUp !== undefined && subjectNamed === memory.lastAnswerId ? undefined : subjectNamed;
    const faq = factStatingFirst(text, this.searcher.search(text, { type: 'faq', lang, limit: 5 }).hits, (word) => this.index.wordsAlike(word));
    const words = wordsOf(text);
    const regions = readRegions(words, this.lexicon, memory.origin);
    const topicIn = (from: number, to: number) => this.index.namedTopics(text.normalize('NFC').slice(words[from]!.from, words[to - 1]!.to), lang).length > 0;
    const kinds = wantedKinds(words, this.lexicon, (position) => this.topicRightBefore(text, words, position, lang), regions, topicIn);
    const search: ProviderSearch = { query: text, region: regions.target, ...(kind ? { kind } : {}) };
    const providerCandidates = regions.targetDistricts.length > 0 ? coreDefaults.providerCandidatesInArea : coreDefaults.providerCandidates;
    // A firm from one side that looks for firms on the other ("Pilotkunden im Sauerland"): no profile says it wants to
    // be a pilot customer, so the region's cooperation partner, who brokers such contacts, comes first.
    const lookingElsewhere = regions.targetNamed && regions.origin !== regions.target;
    // Where users say what their own business is, with a topic named nowhere else ("Wir sind ein KI-Start-up und suchen
    // ein IT-Unternehmen …"), and the request names what it wants itself (a kind of provider to work with, or a topic),
    // those words are left out of the provider search: they tell what the user is. A request for partners only ("… und
    // suchen Partner für Vor-Ort-Support") or for support ("Welche Kammer hilft uns?") keeps them: a partner of the
    // user's own trade, and the support that fits what the user is, are meant.
    const introductions = introductionSpans(words, this.lexicon);
    const introduced = positionsOf(introductions);
    const ownBusinessLeftOut =
      this.introducedTopics(text, words, lang).size > 0 &&
      (kinds.providersAt.some((position) => !introduced.has(position)) || this.index.namedTopics(textWithout(text, words, introductions), lang).length > 0);
    const leftOut = [...regions.placeSpans, ...(ownBusinessLeftOut ? introductions : [])];
    const providerQuery = { ...search, query: leftOut.length > 0 ? textWithout(text, words, leftOut) : text };
    const candidates = this.providerCandidates(providerQuery, lang, providerCandidates).filter((hit) => !shown.has(hit.id));
    // A firm from one side whose need no profile on the side it names explains (`needExplained`): the region's
    // partner brokers contacts there too.
    // A request for partners or firms there from a user who does not say where they are ("Suchen Partner in
    // Südwestfalen für …") crosses too: the cooperation's users look in the other region.
    const crossing = regions.targetNamed && regions.origin !== regions.target && (regions.origin !== undefined || kinds.firms || asksForPartners(text));
    const unexplained = crossing && !this.needExplained(text, words, lang, regions, candidates, kinds);
    // The user's side is known and the other side is looked in without being named.
    const otherSide = !regions.targetNamed && regions.origin !== undefined && regions.origin !== regions.target;
    // Firms sought there in a request of the user's own ("We're a Dortmund start-up looking for pilot customers"), the
    // other side unnamed: the same as where it is named, the partner brokers them. Firms only mentioned ("damit
    // Endkunden …") are not sought.
    // A site of the user's own there asks for the partner's contacts, unless the message names what it needs there ("eine
    // Niederlassung in Olpe – wie kommen wir an Azubis?"): the providers of that topic.
    // The topics named before the site say what the user's firm is ("Our Dortmund software firm is opening an office …").
    const siteNeed = kinds.ownSite && this.soughtTopics(text, words, lang, kinds.ownSiteAt).length > 0;
    const firmsElsewhere = kinds.firms && !siteNeed && (lookingElsewhere || (otherSide && kinds.sought));
    const partner = firmsElsewhere || unexplained ? this.providerOrder.partnerHit(regions.target, regions.targetPlaces) : undefined;
    const broker = partner && !shown.has(partner.id) ? partner : undefined;
    // Otherwise the other side's partner can broker a need no profile there clearly covers (rule `brokeredNeed`).
    const sidePartner = otherSide ? this.providerOrder.partnerHit(regions.target, []) : undefined;
    const needBroker = sidePartner && !shown.has(sidePartner.id) ? sidePartner : undefined;
    const named = new Set(this.providerNames.named(words));
    // A follow-up that names a topic of its own ("what about funding for that?") asks for that topic's providers; the
    // last question only says where and for what.
    const ownTopics = followUp === undefined ? [] : this.index.namedTopics(followUp, lang);
    const requested = ownTopics.length > 0 ? ownTopics : this.requestTopics(text, words, lang);
    const ofKind = (hit: SearchHit) => !kind || (hit.doc.type === 'provider' && hit.doc.kind === kind);
    const ordered = this.providerOrder.order(candidates, kinds, regions, broker, named, requested).filter((hit) => !shown.has(hit.id) && ofKind(hit));
    // Firms sought to work on something together ("gemeinsam entwickeln", lexicon.yml `jointWork`), not as customers or
    // test users (`clientNouns`, `trialWords`): a firm there whose profile explains the need (`firmExplaining`) is the
    // contact, before the broker.
    const joint = firmsElsewhere && this.lexicon.jointWork.positions(words).length > 0 &&
      this.lexicon.clientNouns.positions(words).length === 0 && this.lexicon.trialWords.positions(words).length === 0;
    const lead = broker && joint ? ordered.find((hit) => hit.id !== broker.id && this.firmExplaining(hit, regions)) : undefined;
    const providerHits = lead ? [lead, ...ordered.filter((hit) => hit.id !== lead.id)] : ordered;
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
        wantedKindFound: providerHits.some((hit) => this.providerOrder.isWanted(hit, kinds.kinds)),
        broker: broker !== undefined,
        outOfScopeExample: this.outOfScope.closest(text, lang),
      },
    };
    // The partner of the side looked in before the best partial matches, for a need no profile there covers clearly.
    const brokeredHits = () => (needBroker ? this.brokeredList(needBroker, this.partialMatches(candidates, needBroker.id)) : undefined);
    return { features, faq, focused, providerHits, brokeredHits, search, kinds, origin: regions.origin, brokerId: broker?.id };
  }

  /**
   * The list for a need no profile covers clearly: the partner first, then the partial matches; but a partial match
   * that explains a good part of the message (`partialLeadCoverage`) comes before the partner. The partner brokers
   * contacts where the directory has no fitting profile; a profile offering much of what the firm describes is the
   * nearer contact.
   */
  private brokeredList(partner: SearchHit, partial: SearchHit[]): { hits: SearchHit[]; partner: SearchHit } {
    const leading = partial[0] && partial[0].coverage >= coreDefaults.partialLeadCoverage && this.fieldWords(partial[0]) >= coreDefaults.partialLeadFieldWords ? [partial[0]] : [];
    const hits = [...leading, partner, ...partial.slice(leading.length)].slice(0, coreDefaults.providersShown);
    return { hits, partner };
  }

  /**
   * The providers after the partner for a need no profile covers clearly: of the candidates (best first), those that
   * share more words of the cooperation's field with the message (lexicon.yml `need.field`: "Messdaten", "digitalisieren")
   * come first. A long description shares a word or two with many profiles; the words of the field say what it is about.
   */
  private partialMatches(candidates: readonly SearchHit[], partner: string): SearchHit[] {
    return candidates
      .filter((hit) => hit.id !== partner)
      .map((hit, i) => ({ hit, i, field: this.fieldWords(hit) }))
      .sort((a, b) => b.field - a.field || a.i - b.i)
      .map((ranked) => ranked.hit);
  }

  /** How many of the words a hit shares with the message are words of the cooperation's field (lexicon.yml `need.field`). */
  private fieldWords(hit: SearchHit): number {
    const field = this.lexicon.need.field;
    return hit.why.filter((reason) => field.has(wordsOf(reason.split(' → ')[0]!))).length;
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
    // "Wir sind ein Start-up und möchten …", "Als Start-up aus Dortmund möchten wir …": the request's clause may open
    // with the user's introduction (lexicon.yml `selfIntroductions`), which is no part of the request.
    const opening = introductionSpans(words, this.lexicon).find(([from, to]) => from <= start && to > start && to <= need);
    if (opening) start = opening[1];
    if (start === 0 && introduction < 0) return undefined;
    const request = text.normalize('NFC').slice(words[start]!.from, introduction < 0 ? undefined : words[introduction]!.from);
    const topics = this.index.namedTopics(request, lang);
    if (topics.length > 0) return topics;
    // A request naming no topic after an introduction that names all of the message's topics ("Wir sind ein Start-up und
    // möchten in einer echten Fabrik testen") asks for none of them: they say what the user is.
    const introduced = this.introducedTopics(text, words, lang);
    return introduced.size > 0 && this.index.namedTopics(text, lang).every((topic) => introduced.has(topic)) ? [] : undefined;
  }

  /**
   * A firm (lexicon.yml `partnerNouns.kinds`) in the part of the region looked in that explains `providerCoverage` of
   * the message in at least two words that are no places: it offers what the firm sought is wanted for.
   */
  private firmExplaining(hit: SearchHit, regions: RegionReading): boolean {
    if (hit.doc.type !== 'provider' || !this.lexicon.partnerNouns.kinds.has(hit.doc.kind)) return false;
    if (!this.providerOrder.inArea(hit, regions) || hit.coverage < this.settings.providerCoverage) return false;
    const telling = hit.why.filter((reason) => this.lexicon.places(wordsOf(reason.split(' → ')[0]!)).length === 0);
    return telling.length >= 2;
  }

  /**
   * The topics the message names for what it looks for: not those named only where the user introduces themselves.
   * `after`: only those named from that word on.
   */
  private soughtTopics(text: string, words: readonly Word[], lang: Language, after?: number): string[] {
    const own = this.introducedTopics(text, words, lang);
    const from = after === undefined ? text : text.normalize('NFC').slice(words[after]!.from);
    return this.index.namedTopics(from, lang).filter((topic) => !own.has(topic));
  }

  /**
   * Whether a provider on the side named explains the need (else that side's partner brokers it): one in the part of
   * the region named ("im Raum Olpe": a firm in Siegen is not; the region's partner works for all of it) that covers
   * `providerCoverage` of the message or has a topic the message names for what it looks for. A topic named only where
   * users introduce themselves ("Wir sind ein KI-Start-up und suchen …") says what they are, not what they need.
   */
  private needExplained(text: string, words: readonly Word[], lang: Language, regions: RegionReading, candidates: readonly SearchHit[], kinds: WantedKinds): boolean {
    const sought = this.soughtTopics(text, words, lang);
    const partner = this.lexicon.partners[regions.target];
    // A topic named for the need is what a provider must have: sharing other words ("im Raum Arnsberg") is not enough.
    // A kind named for itself outweighs the topic ("ein KI-Projekt mit einer Hochschule in Lippstadt", lexicon.yml
    // `overTopics`): a provider of that kind that explains enough is whom the user asks for.
    const explains = (hit: SearchHit) =>
      (kinds.overTopics && this.providerOrder.isWanted(hit, kinds.kinds) && hit.coverage >= this.settings.providerCoverage) ||
      (sought.length > 0 ? hit.matchedTopics.some((topic) => sought.includes(topic)) : hit.coverage >= this.settings.providerCoverage);
    return candidates.some((hit) => (hit.id === partner || this.providerOrder.inArea(hit, regions)) && explains(hit));
  }

  /**
   * Topics named only where the user introduces themselves (lexicon.yml `selfIntroductions`: from "wir sind" / "I'm"
   * to the next need verb or the end of its clause), not elsewhere in the message.
   */
  private introducedTopics(text: string, words: readonly Word[], lang: Language): Set<string> {
    const spans = introductionSpans(words, this.lexicon);
    if (spans.length === 0) return new Set();
    const normalised = text.normalize('NFC');
    const introduced = spans.flatMap(([start, end]) => this.index.namedTopics(normalised.slice(words[start]!.from, words[end - 1]!.to), lang));
    const elsewhere = new Set(this.index.namedTopics(textWithout(text, words, spans), lang));
    return new Set(introduced.filter((topic) => !elsewhere.has(topic)));
  }

  /** The one or two words right before `position`, in its clause, name a topic of the directory ("IT security company"). */
  private topicRightBefore(text: string, words: readonly Word[], position: number, lang: Language): boolean {
    const clause = words[position]!.clause;
    let start = position;
    // Not across the need verb, nor across a kind of its own ("als Software-Start-up Kunden": the start-up is the user),
    // nor across a preposition ("Kurse bei Betrieben": the firms are where the courses are).
    const partOfRequest = (i: number) =>
      words[i]!.clause === clause &&
      this.lexicon.needVerbs.matchAt(words, i) === 0 &&
      this.lexicon.withWords.matchAt(words, i) === 0 &&
      this.lexicon.placePrepositions.matchAt(words, i) === 0 &&
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

  providerHits(
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
}
