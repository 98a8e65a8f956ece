/**
 * How the core chooses a reply: an ordered table of named rules over the features of one turn (`features.ts`). The
 * first rule that fires decides; the last one always does. Each rule is a few lines and reads only the features and
 * the settings, so that it can be tested on a synthetic record (test/core/rules.test.ts).
 */
import { SAME_QUESTION_SIMILARITY } from '../knowledge/questionSimilarity.js';
import type { AnswerEvidence, Features } from './features.js';

/** What the rules can decide; `respond.ts` renders it as a `Reply`. */
export type Decision = 'answer' | 'focusedAnswer' | 'providers' | 'didYouMean' | 'unknown';

/** The thresholds the rules compare features with (defaults in {@link decisionDefaults}). */
export const decisionDefaults = {
  /**
   * When set (0…1): answer directly when the calibrated probability that the best entry is right reaches it
   * (`ANSWER_MIN_PRECISION`); the hand thresholds `answerCoverage` … `answerCoverageUnlikePhrasings` are then unused.
   */
  answerMinPrecision: undefined as number | undefined,
  /** Coverage of the query that a FAQ entry needs to be given as the answer. */
  answerCoverage: 0.45,
  /** Coverage needed when the best entry leaves a telling word of the question open (`SearchHit.gaps`). */
  answerCoverageWithGap: 0.6,
  /** …unless the phrasing classifier gives the best entry at least this probability. */
  phrasingsOutweighGap: 0.85,
  /** The best answer's score must lead the next one's by this much, or the user is asked which one was meant. */
  answerMargin: 0.03,
  /**
   * The lead to exceed when the next entry is a curated `related` one of the best (`AnswerEvidence.rivalRelated`) and
   * the phrasing classifier gives the two together at least `relatedPairPhrasing`: the question is phrased like that
   * matter, and either entry answers it ("Wer hat … unterschrieben?": the signing and the partners).
   */
  relatedAnswerMargin: 0,
  relatedPairPhrasing: 0.5,
  /**
   * Phrasing probability at which the classifier alone tells which of two nearly level entries is meant ("In welcher
   * Stadt hat … ihren Sitz?" is phrased like the address, though the partners' entry names the seat too): then, too,
   * the lead need only exceed `relatedAnswerMargin`.
   */
  phrasingsTellApart: 0.7,
  /** Probability the phrasing classifier must give the best entry for its vote to count towards `answerMargin`. */
  phrasingsDecide: 0.4,
  /** No answer when the classifier gives the best entry less than this and another at least `contradictingPhrasing`. */
  contradictedPhrasing: 0.05,
  contradictingPhrasing: 0.6,
  /** Below this phrasing probability the words must explain `answerCoverageUnlikePhrasings` of the question. */
  answerMinPhrasing: 0.15,
  answerCoverageUnlikePhrasings: 0.8,
  /** Coverage an entry needs when the question names its subject (`AnswerEvidence.namesSubject`). */
  subjectAnswerCoverage: 0.35,
  /** Coverage that still makes an entry worth offering under "did you mean". */
  suggestCoverage: 0.35,
  /** Coverage a provider needs to be suggested when the message describes a need ("wir suchen …"). */
  providerCoverage: 0.3,
  /** …or when it is of a kind the user asks for by name ("Mit welcher Hochschule …"). */
  wantedKindCoverage: 0.2,
  /** Coverage needed when the message describes a need but names no topic of the directory. */
  providerCoverageWithoutTopic: 0.5,
  /** …or `providerCoverage` and this many times the coverage of the next provider, in at least two words. */
  providerLeadFactor: 2,
  /** Coverage a provider needs when the message does not say it looks for someone. */
  providerCoverageWithoutNeed: 0.8,
  /** Without a described need, providers must explain this much more of the message than the best FAQ entry. */
  providerLeadWithoutNeed: 0.2,
  /** Coverage a provider needs when the message names one of its topics but no need, and no FAQ entry answers it. */
  topicProviderCoverage: 0.5,
  /** The same for a few keywords without a question ("Lagerlogistik-Optimierung"). */
  keywordTopicProviderCoverage: 0.3,
  /**
   * A provider with a topic the message names fits clearly only when it explains at least this much of the message:
   * a long problem description that names a topic in one word among many ("… mit Förderung") is not covered by it.
   */
  clearTopicCoverage: 0.1,
  /** A FAQ answer this good wins even over a described need (e.g. "Wie kann ich mitmachen?"). */
  strongAnswerCoverage: 0.9,
  /** A message this close to a curator's "not our topic" example is refused (the gap report's "same question"). */
  outOfScopeSimilarity: SAME_QUESTION_SIMILARITY,
};

export type DecisionSettings = typeof decisionDefaults;

/** A named rule: `when` returns the decision when the rule applies, else undefined. */
export interface Rule {
  name: string;
  when(features: Features, settings: DecisionSettings): Decision | undefined;
}

/** The hand-set reading of "this entry answers the question" (used while no `answerMinPrecision` is set). */
function handConfident(e: AnswerEvidence, s: DecisionSettings): boolean {
  if (e.onlyNames) return false;
  // The question names what only this entry is about ("Was hat Winterberg bei der Unterzeichnung betont?"): a word it
  // leaves to another entry ("Unterzeichnung") does not make it unsure.
  if (e.namesSubject && e.coverage >= s.subjectAnswerCoverage) return true;
  if (e.coverage < s.answerCoverage) return false;
  if (e.gap && e.coverage < s.answerCoverageWithGap && (e.phrasing ?? 0) < s.phrasingsOutweighGap) return false;
  if (e.phrasing !== undefined && e.phrasing < s.answerMinPhrasing && e.coverage < s.answerCoverageUnlikePhrasings) return false;
  if ((e.phrasing ?? 1) < s.contradictedPhrasing && e.rivalPhrasing >= s.contradictingPhrasing) return false;
  const lead = (e.phrasing ?? 0) >= s.phrasingsDecide ? e.lead : e.wordsLead;
  const bestLead = Math.max(e.wordsLead, lead);
  // Being ahead is enough when the runner-up tells the same matter from another side (a related entry, the question
  // phrased like the two) or when the phrasings clearly tell which of the two is meant.
  // So does a related runner-up that the question's words cannot tell from the best: either answers it.
  const sameMatter = e.rivalRelated && (e.pairPhrasing >= s.relatedPairPhrasing || e.rivalAlike);
  const phrasingsTell = (e.phrasing ?? 0) >= s.phrasingsTellApart;
  return sameMatter || phrasingsTell ? bestLead > s.relatedAnswerMargin : bestLead >= s.answerMargin;
}

/** The entry answers the question: likely right enough, and it states a number when one is asked for. */
export function answers(e: AnswerEvidence | undefined, s: DecisionSettings): boolean {
  // Found through names alone: the entry knows who, not what is asked ("Wie alt ist Thomas Westphal?").
  if (!e || !e.statesAmount || e.onlyNames) return false;
  // Handing over is an action, not a text: a word or two in common ("der Kollege aus Dortmund?") is not enough, the
  // question must also be phrased like a request for a person.
  if (e.handoff && (e.phrasing ?? 0) < s.answerMinPhrasing) return false;
  return s.answerMinPrecision === undefined ? handConfident(e, s) : e.probability >= s.answerMinPrecision;
}

/**
 * The message asks for providers: it describes a need, or a firm from one side names a kind of provider on the other,
 * or it speaks of the own company with a topic of the directory or a provider that explains it better than the FAQ.
 */
export function wantsProviders({ message: m, search: f }: Features, s: DecisionSettings): boolean {
  // The directory holds the two regions' providers only: a search elsewhere ("… in München?") is not ours.
  // Nor does it hold jobs (a person applying is not asking for a partner) or trades no profile offers ("Steuerberater").
  if (m.looksElsewhere || m.jobSeeker || m.otherService) return false;
  // Providers explain the message about the own company: more than the FAQ does, in more than one word.
  const explainsOwnCompany = f.bestProvider >= s.providerCoverageWithoutTopic && f.bestProvider > f.bestFaq && f.bestProviderWords >= 2;
  // A firm asking whether the cooperation fits it ("Ist das auch für kleine Betriebe wie unseren?") asks about the cooperation.
  const ownCompanyEnquiry = m.ownCompany && !m.aboutTheCooperation && (f.topicNamed || explainsOwnCompany);
  // A firm from one side naming a kind of provider on the other asks for them, unless it asks what the cooperation
  // does for such firms ("Can the cooperation help Dortmund companies find customers in Südwestfalen?").
  // Nor does a firm asking why or when ("Why should an SME from … work with Dortmund start-ups?").
  const crossRegionEnquiry = m.crossesRegions && m.wantedKinds > 0 && !m.asksAboutTheCooperation && !m.asksWhenOrWhy;
  // A firm that introduces itself in a statement and names the cooperation's field says what it wants help with
  // ("Firma: … in Olpe. Die Rechnungen sollen digital werden."); the introduction alone asks for nothing.
  const firmEnquiry = m.firmStatement && m.field && !m.aboutTheCooperation;
  return m.need || crossRegionEnquiry || ownCompanyEnquiry || firmEnquiry;
}

/**
 * The providers found fit: without a need they must explain nearly all of the message, in more than one word (unless
 * it is a few keywords); with a topic, partners or a
 * kind named, `providerCoverage`; otherwise the best must stand out (half the message, or a clear lead in two words).
 */
export function providersFit(features: Features, s: DecisionSettings): boolean {
  const { message: m, search: f } = features;
  if (m.looksElsewhere || m.jobSeeker || m.otherService) return false;
  if (!wantsProviders(features, s)) return f.bestProvider >= s.providerCoverageWithoutNeed && (f.bestProviderWords >= 2 || m.keywords);
  // A need for a kind asked for by name ("eine Hochschule für unser Projekt") that a provider of that kind explains well enough
  // (`wantedKindCoverage`): that provider fits, however many other words the message has.
  if (m.wantedKinds > 0 && f.wantedKindFound) return true;
  if (f.topicNamed || m.partners || m.wantedKinds > 0) return f.bestProvider >= s.providerCoverage;
  return (
    f.bestProvider >= s.providerCoverageWithoutTopic ||
    (f.bestProvider >= s.providerCoverage &&
      f.bestProvider >= s.providerLeadFactor * f.secondProvider &&
      f.bestProviderWords >= 2)
  );
}

/**
 * Some profile covers the need clearly: the providers fit (`providersFit`), or one with a topic the message names
 * explains enough of it (`clearTopicCoverage`).
 */
export function clearlyCovered(features: Features, s: DecisionSettings): boolean {
  return providersFit(features, s) || features.search.bestTopicProvider >= s.clearTopicCoverage;
}

/**
 * A firm from one side with a need that no profile on the other side clearly covers: the cooperation partner there
 * brokers the contact, shown first before the best partial matches (docs/quality.md, "A need no profile covers").
 */
export function brokered(features: Features, s: DecisionSettings): boolean {
  const m = features.message;
  if (m.looksElsewhere || m.jobSeeker || m.otherService || m.privateContact || m.aboutElsewhere) return false;
  // A need outside the cooperation's field (a trade, a repair, premises) is not the directory's, nor the partner's to broker.
  return features.search.partnerOfOtherSide && m.field && wantsProviders(features, s) && !clearlyCovered(features, s);
}

/**
 * An enquiry across regions for a kind of provider that was found, or a question whose question word names the kind
 * ("Welche Hochschulen in Dortmund kommen in Frage?").
 */
const enquiry = ({ message: m, search: f }: Features) => ((m.crossesRegions && !m.asksWhenOrWhy) || m.namesKindAsked) && f.wantedKindFound;

/** The rules, in order. */
export const rules: readonly Rule[] = [
  {
    // Curators marked this question (or one in nearly the same words) as not our topic: say so, whatever matched.
    name: 'curatorOutOfScope',
    when: (f, s) => (f.search.outOfScopeExample >= s.outOfScopeSimilarity ? 'unknown' : undefined),
  },
  {
    // A person applying for a job, a request for a trade or service no profile offers (a tax adviser, a hotel), for a
    // person's private contact data, or a question about a place outside both regions: neither the cooperation's
    // entries nor the profiles answer that, whatever words match ("Wohin schicke ich meine Bewerbung?" is not the
    // agency's postal address); plausible entries are only offered.
    name: 'notOurs',
    when: ({ message: m, search: f }) =>
      m.jobSeeker || m.otherService || m.privateContact || m.aboutElsewhere ? (f.suggestions > 0 ? 'didYouMean' : 'unknown') : undefined,
  },
  {
    // A question (not a statement) that one FAQ entry explains almost entirely, better than any provider. A request for
    // a person is a statement by nature ("Ich hätte gern einen Ansprechpartner"): the entry that hands over answers it.
    name: 'strongAnswer',
    when: (f, s) =>
      !enquiry(f) &&
      (f.message.question || f.message.keywords || f.search.answer?.handoff === true) &&
      f.search.bestFaq >= s.strongAnswerCoverage &&
      f.search.bestFaq > f.search.bestProvider &&
      answers(f.search.answer, s)
        ? 'answer'
        : undefined,
  },
  {
    // A need that names nothing a provider offers (no topic of the directory, no kind, no own company) and that an
    // entry answers better than any provider explains it ("Wie komme ich hier an eine Übersicht der Anbieter?" is the
    // assistant's own entry): the entry. A need the other side's partner brokers is left to the rules below.
    name: 'untopicalNeed',
    when: (features, s) => {
      const { message: m, search: f } = features;
      const untopical = m.need && !f.topicNamed && m.wantedKinds === 0 && !m.ownCompany && !f.broker && !brokered(features, s);
      return untopical && f.bestFaq > f.bestProvider && answers(f.answer, s) ? 'answer' : undefined;
    },
  },
  {
    // A need with providers that fit, name a topic, or of a kind asked for; or a broker for firms on the other side.
    name: 'needEnquiry',
    // A need no profile clearly covers is left to `brokeredNeed`, after the FAQ had its say.
    when: (f, s) =>
      wantsProviders(f, s) && (providersFit(f, s) || f.search.topicNamed || f.search.broker || enquiry(f)) && !brokered(f, s)
        ? 'providers'
        : undefined,
  },
  {
    // Without a need: providers that explain the message clearly better than any FAQ entry (not for a number, a time
    // or a reason).
    name: 'providersLead',
    when: (f, s) =>
      providersFit(f, s) && f.search.bestProvider >= f.search.bestFaq + s.providerLeadWithoutNeed && !f.message.amount && !f.message.asksWhenOrWhy
        ? 'providers'
        : undefined,
  },
  {
    // A question for providers of a kind ("Kann man hier Studierende finden?", "Can you recommend an agency …?"), where
    // one of that kind fits: its providers, unless a FAQ entry answers it, explaining more of it than any provider and
    // leaving no telling word open that a provider's topic explains ("… a research institute for logistics?"). A
    // question word naming the kind ("Welche Hochschulen …?") asks for the list whatever else an entry explains. Not
    // when the question is phrased like the best entry and leaves none of its words open ("Which chambers are
    // shareholders of …?").
    name: 'kindEnquiry',
    when: ({ message: m, search: f }, s) =>
      m.asksForKind &&
      !((f.answer?.phrasing ?? 0) >= s.phrasingsTellApart && f.answer?.gap === false) &&
      f.wantedKindFound &&
      !m.looksElsewhere &&
      !m.jobSeeker &&
      !m.otherService &&
      (m.namesKindAsked || f.bestProvider >= f.bestFaq || (f.topicNamed && f.answer?.gap === true) || !answers(f.answer, s))
        ? 'providers'
        : undefined,
  },
  { name: 'answer', when: (f, s) => (answers(f.search.answer, s) ? 'answer' : undefined) },
  {
    // A topic of the directory named without a need, when no FAQ entry answers it and providers explain it as well; not
    // in a question for a time or a reason ("Warum ist die Logistik in Dortmund so stark?").
    name: 'topicEnquiry',
    when: ({ message: m, search: f }, s) =>
      f.topicNamed &&
      !m.looksElsewhere &&
      !m.jobSeeker &&
      !m.otherService &&
      !m.asksWhenOrWhy &&
      f.bestProvider >= (m.keywords ? s.keywordTopicProviderCoverage : s.topicProviderCoverage) &&
      (m.keywords || f.bestProvider >= f.bestFaq) &&
      !m.amount
        ? 'providers'
        : undefined,
  },
  {
    // A question after some context: the question part alone may have a clear answer, unless it asks who can help,
    // or the context is none of ours (a job application, a trade no profile offers, a place outside both regions):
    // then the question is about that ("Ich möchte mich bewerben. Wohin schicke ich die Unterlagen?").
    name: 'focusedAnswer',
    when: ({ message: m, search: f }, s) =>
      !m.questionPartNeed && !m.jobSeeker && !m.otherService && !m.looksElsewhere && answers(f.focused, s) ? 'focusedAnswer' : undefined,
  },
  {
    // A firm from one side with a need no profile on the other covers clearly, which no FAQ entry answers: the other
    // side's cooperation partner, who brokers contacts there, then the best partial matches.
    name: 'brokeredNeed',
    when: (f, s) => (brokered(f, s) ? 'providers' : undefined),
  },
  { name: 'didYouMean', when: (f) => (f.search.suggestions > 0 ? 'didYouMean' : undefined) },
  { name: 'unknown', when: () => 'unknown' },
];

/** The first rule that fires, with its decision. */
export function decide(features: Features, settings: DecisionSettings = decisionDefaults): { rule: string; decision: Decision } {
  for (const rule of rules) {
    const decision = rule.when(features, settings);
    if (decision) return { rule: rule.name, decision };
  }
  throw new Error('rules: no rule fired (the last rule must always fire)');
}
