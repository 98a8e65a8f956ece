/**
 * What one message says and what the search found for it, as one typed record computed once per turn. The rule table
 * (`rules.ts`) decides from this record alone; `respond.ts` builds it and renders the chosen reply.
 */
import type { SearchHit } from '../knowledge/searchResult.js';
import type { FaqEntry } from '../knowledge/schema.js';
import {
  asksAboutElsewhere,
  asksAboutOthersNeed,
  asksWhenOrWhy,
  asksAboutTheCooperation,
  asksForOtherService,
  asksForPrivateContact,
  asksForAmount,
  asksForPartners,
  asksQuestion,
  asksToKnow,
  describesNeed,
  isKeywordQuery,
  introducesSelf,
  namesTheField,
  namesPlaceElsewhere,
  seeksJob,
  speaksOfOwnCompany,
  statesAskedAmount,
  statesAskedOrder,
  statesAskedPrice,
  statesAskedDuration,
} from './intents.js';
import type { RegionReading } from './regionReading.js';
import type { WantedKinds } from './wantedKinds.js';

/** What the message says, read from its words (intents.ts, regionReading.ts, wantedKinds.ts, lexicon.yml). */
export interface MessageFeatures {
  /** "Wir suchen …", "we need …": the user describes a need. */
  need: boolean;
  /** Phrased as a question (question mark or question word). */
  question: boolean;
  /** A few keywords without a sentence ("ERP-Beratung Mittelstand"). */
  keywords: boolean;
  /** Asks for a number ("Wie viele …", "how many …"). */
  amount: boolean;
  /** Speaks of the user's own company ("wir sind ein …", "unsere Lieferketten", "Druckerei in Olpe: …"). */
  ownCompany: boolean;
  /**
   * A question about the cooperation itself ("Ist die Kooperation auch für uns gedacht?", "Ist das nur was für …?"), or
   * a request to know something ("we would like to know whether …"): a question to the assistant, not a need.
   */
  aboutTheCooperation: boolean;
  /** A question whose subject is the cooperation itself ("Can the cooperation help Dortmund firms find …?"). */
  asksAboutTheCooperation: boolean;
  /**
   * A firm introduces itself by what it is and where ("Druckerei in Olpe: …", "Wir sind eine Tischlerei aus …") in a
   * statement, not a question: what else it says is what it wants help with.
   */
  firmStatement: boolean;
  /** Names the cooperation's field: digitalisation, data, software, automation (lexicon.yml `need.field`). */
  field: boolean;
  /** Asks for partners or customers. */
  partners: boolean;
  /** The user names one region and looks in another ("wir sind aus Dortmund … im Sauerland"). */
  crossesRegions: boolean;
  /** The message names a place outside both regions and none of theirs to look in ("… in München?"). */
  looksElsewhere: boolean;
  /** …and no place of the two regions at all: it asks about somewhere else ("Förderprogramme in Ostwestfalen-Lippe?"). */
  aboutElsewhere: boolean;
  /**
   * A person looks for a job, an apprenticeship or an internship: no provider profile offers one. A firm that speaks
   * of its own job ads ("auf unsere Stellenanzeigen meldet sich keiner") looks for staff instead.
   */
  jobSeeker: boolean;
  /** Asks for a trade or service no profile offers ("einen Steuerberater", "an electrician"). */
  otherService: boolean;
  /** Asks for a person's private contact data ("die private Handynummer von …"), which the folder never holds. */
  privateContact: boolean;
  /** Kinds of provider asked for by name ("eine Hochschule"). */
  wantedKinds: number;
  /**
   * A question that asks for providers of a kind in so many words, not about the cooperation nor for a number
   * ("Welche Hochschulen in Dortmund kommen in Frage?", "Can you recommend an agency for …?"): a request for them.
   */
  asksForKind: boolean;
  /** …and the question word names the kind ("Welche Hochschulen …?"): it asks for a list of them. */
  namesKindAsked: boolean;
  /** Opens asking for a time or a reason ("Wann …?", "Why should …?"): a date or the reasons, not providers. */
  asksWhenOrWhy: boolean;
  /** A follow-up read with the conversation's last topic. */
  followUp: boolean;
  /**
   * The question after some context is itself a need ("… Wer in Dortmund kann uns helfen?"): it asks for someone to
   * help with the context, so no FAQ entry answers it alone.
   */
  questionPartNeed: boolean;
}

/** How well the best FAQ entry of one search answers: the evidence the calibration weighs. */
export interface AnswerEvidence {
  /** The best entry's id. */
  entry: string;
  /** Share of the question the best entry explains, 0…1. */
  coverage: number;
  /** The best entry leaves a telling word of the question open (`SearchHit.gaps`). */
  gap: boolean;
  /** The best entry was found through names alone (`SearchHit.onlyNames`). */
  onlyNames: boolean;
  /** The phrasing classifier's probability for the best entry (undefined: no opinion). */
  phrasing?: number;
  /** The highest phrasing probability among the other candidates (0 without). */
  rivalPhrasing: number;
  /** Lead of the best entry's score over the next one's, words only (1 when alone). */
  wordsLead: number;
  /** Lead of the best entry's score over the next one's, words and phrasings (1 when alone). */
  lead: number;
  /**
   * The next entry (by score) and the best are curated as related (either lists the other in `related`): two entries
   * on one matter that may both answer the question ("Wer hat … unterschrieben?": the signing and the partners), so a
   * small lead over it does not make the answer doubtful.
   */
  rivalRelated: boolean;
  /** The phrasing classifier's probability for the best and the next entry together (0 without an opinion). */
  pairPhrasing: number;
  /**
   * The best and the next entry both explain every word of the question, through the very same words ("Telefonnummer
   * der Agentur?": the contacts and the press contact both give the number): the words cannot tell the two apart.
   */
  rivalAlike: boolean;
  /**
   * The entry states the kind of fact asked for: a number for a question for one, an order in time for a question for
   * what came before or after ("Wer war der Vorgänger …?"), a price for a question for one ("Was kostet …?"); always
   * true for other questions.
   */
  statesAmount: boolean;
  /** The best entry stands for asking for a person (`reply: person`): choosing it hands the conversation over. */
  handoff: boolean;
  /** The question names the best entry's subject: a name only its title holds (`subjects.ts`). */
  namesSubject: boolean;
  /** The calibrated probability that the best entry is right (`calibration.ts`). */
  probability: number;
}

/** What the searches found. */
export interface SearchFeatures {
  /** Coverage of the best FAQ entry (0 without). */
  bestFaq: number;
  /** Evidence for answering with the best FAQ entry, undefined without any. */
  answer?: AnswerEvidence;
  /** The same for the question part alone ("Ich schreibe eine Hausarbeit: Welche Träger …?"), when there is one. */
  focused?: AnswerEvidence;
  /** FAQ entries that explain enough to be offered under "did you mean". */
  suggestions: number;
  /** Coverage of the best and second provider. */
  bestProvider: number;
  secondProvider: number;
  /** Words of the message the best provider explains. */
  bestProviderWords: number;
  /** A provider has a directory topic the message names. */
  topicNamed: boolean;
  /** Coverage of the best provider with a directory topic the message names (0 without). */
  bestTopicProvider: number;
  /**
   * The user's side is known (from the message or the conversation) and the side looked in is the other one, not
   * named: that side's cooperation partner can broker a need no profile clearly covers (`rules.ts` `brokered`).
   */
  partnerOfOtherSide: boolean;
  /** A provider of a kind asked for by name explains enough of the message. */
  wantedKindFound: boolean;
  /** The region's partner is offered as broker (a firm looking for firms on the other side). */
  broker: boolean;
  /** How close the message comes to a question curators marked "not our topic" (0–1, `out-of-scope.yml`). */
  outOfScopeExample: number;
}

export interface Features {
  message: MessageFeatures;
  search: SearchFeatures;
}

/**
 * Reads what a message says; `regions` and `kinds` come from regionReading.ts and wantedKinds.ts, `question` is the
 * question part after some context (`questionPart`), when the message has one.
 */
export function messageFeatures(
  text: string,
  regions: RegionReading,
  kinds: WantedKinds,
  followUp = false,
  question?: string,
): MessageFeatures {
  const ownCompany = speaksOfOwnCompany(text) || regions.firmIntroduced;
  const asksForKind =
    kinds.sought && asksQuestion(text) && !asksToKnow(text) && !asksAboutOthersNeed(text) && !asksWhenOrWhy(text) && !asksAboutTheCooperation(text) && !asksForAmount(text);
  return {
    need: describesNeed(text),
    question: asksQuestion(text),
    keywords: isKeywordQuery(text),
    amount: asksForAmount(text),
    ownCompany,
    aboutTheCooperation: asksToKnow(text) || (asksQuestion(text) && asksAboutTheCooperation(text)),
    asksAboutTheCooperation: asksQuestion(text) && asksAboutTheCooperation(text),
    firmStatement: (regions.firmIntroduced || (regions.originNamed && introducesSelf(text))) && !asksQuestion(text),
    field: namesTheField(text),
    partners: asksForPartners(text),
    crossesRegions: regions.targetNamed && regions.origin !== regions.target && regions.origin !== undefined,
    looksElsewhere: !regions.targetNamed && namesPlaceElsewhere(text),
    aboutElsewhere: asksAboutElsewhere(text),
    jobSeeker: !ownCompany && seeksJob(text),
    otherService: asksForOtherService(text),
    privateContact: asksForPrivateContact(text),
    wantedKinds: kinds.kinds.size,
    asksForKind,
    asksWhenOrWhy: asksWhenOrWhy(text),
    namesKindAsked: asksForKind && kinds.named,
    followUp,
    questionPartNeed: question !== undefined && describesNeed(question),
  };
}

/** Whether a curator lists either FAQ entry among the other's `related` entries. */
function relatedEntries(a: SearchHit, b: SearchHit): boolean {
  const relatedOf = (hit: SearchHit) => (hit.doc.type === 'faq' ? (hit.doc as FaqEntry).related : []);
  return relatedOf(a).includes(b.id) || relatedOf(b).includes(a.id);
}

/** Whether a hit explains every word of the message (coverage 1, up to rounding). */
function wholly(hit: SearchHit): boolean {
  return hit.coverage >= 1 - 1e-9;
}

/** Whether two hits were found through the same words of the message (in any order). */
function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word) => b.includes(word));
}

/**
 * Whether a FAQ hit states the kind of fact `question` asks for: the number, the order in time, the price or the span
 * it asks for (true for a question that asks for none of these; false for a provider).
 */
export function statesAskedFact(question: string, hit: SearchHit, wordsAlike?: (word: string) => string[]): boolean {
  return hit.doc.type === 'faq' && textStatesAskedFact(question, (hit.doc as FaqEntry).body, wordsAlike);
}

/** Whether `text` states the kind of fact `question` asks for (see `statesAskedFact`); an empty text states none. */
function textStatesAskedFact(question: string, text: string, wordsAlike?: (word: string) => string[]): boolean {
  return statesAskedAmount(question, text, wordsAlike) && statesAskedOrder(question, text) && statesAskedPrice(question, text) && statesAskedDuration(question, text);
}

/**
 * `hits` (one FAQ search, best first) for a question that asks for a number, a price, a span or an order in time
 * ("Wie viele Gemeinden …?"): where the best entry does not state it and another does, those that state it come first,
 * each group in the search's order. An entry that does not state what is asked cannot answer it, however many of the
 * question's words it has. Unchanged otherwise.
 */
export function factStatingFirst(question: string, hits: readonly SearchHit[], wordsAlike?: (word: string) => string[]): SearchHit[] {
  const [best] = hits;
  if (!best || statesAskedFact(question, best, wordsAlike)) return [...hits];
  const stating = hits.filter((hit) => statesAskedFact(question, hit, wordsAlike));
  return stating.length === 0 ? [...hits] : [...stating, ...hits.filter((hit) => !stating.includes(hit))];
}

/** The evidence of `hits` (one FAQ search, best first) for answering `question` with the first; undefined without hits. */
export function answerEvidence(
  question: string,
  hits: readonly SearchHit[],
  probability: (evidence: Omit<AnswerEvidence, 'probability'>) => number,
  wordsAlike?: (word: string) => string[],
  subject?: string,
): AnswerEvidence | undefined {
  const [best, ...rest] = hits;
  if (!best) return undefined;
  const statesAmount = statesAskedFact(question, best, wordsAlike);
  // For a question for a number, a price, a span or an order in time, an entry that does not state it is no rival of
  // one that does: it cannot answer the question (`factStatingFirst`).
  const asksForFact = statesAmount && !textStatesAskedFact(question, '', wordsAlike);
  const others = asksForFact ? rest.filter((hit) => statesAskedFact(question, hit, wordsAlike)) : rest;
  const wordsOf = (hit: SearchHit) => hit.score - hit.vote;
  const wordsLead = others.length === 0 ? 1 : wordsOf(best) - Math.max(...others.map(wordsOf));
  const lead = others.length === 0 ? 1 : best.score - others[0]!.score;
  const evidence = {
    entry: best.id,
    coverage: best.coverage,
    gap: best.gaps.length > 0,
    onlyNames: best.onlyNames.length > 0,
    phrasing: best.phrasing,
    // The phrasings speak of what the question is about, not of what an entry states: every other entry counts here.
    rivalPhrasing: Math.max(0, ...rest.map((hit) => hit.phrasing ?? 0)),
    wordsLead,
    lead,
    rivalRelated: others[0] !== undefined && relatedEntries(best, others[0]),
    pairPhrasing: (best.phrasing ?? 0) + (others[0]?.phrasing ?? 0),
    rivalAlike: others[0] !== undefined && wholly(best) && wholly(others[0]) && sameWords(best.why, others[0].why),
    statesAmount,
    handoff: best.doc.type === 'faq' && (best.doc as FaqEntry).reply === 'person',
    namesSubject: best.id === subject,
  };
  return { ...evidence, probability: probability(evidence) };
}
