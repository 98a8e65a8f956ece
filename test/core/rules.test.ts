/**
 * The rule table (src/core/rules.ts) on synthetic feature records: each rule fires when its evidence is there, and
 * the rule before it does not. No knowledge folder, no search: what a rule decides follows from the record alone.
 */
import { describe, expect, it } from 'vitest';
import type { AnswerEvidence, Features, MessageFeatures, SearchFeatures } from '../../src/core/features.js';
import { answers, decide, decisionDefaults, providersFit, rules, wantsProviders } from '../../src/core/rules.js';

const message = (m: Partial<MessageFeatures> = {}): MessageFeatures => ({
  need: false,
  question: true,
  keywords: false,
  amount: false,
  ownCompany: false,
  firmStatement: false,
  field: false,
  partners: false,
  crossesRegions: false,
  wantedKinds: 0,
  asksForKind: false,
  asksWhenOrWhy: false,
  namesKindAsked: false,
  followUp: false,
  looksElsewhere: false,
  aboutElsewhere: false,
  jobSeeker: false,
  otherService: false,
  privateContact: false,
  aboutTheCooperation: false,
  asksAboutTheCooperation: false,
  questionPartNeed: false,
  ...m,
});

/** Evidence of an entry that clearly answers: most of the question, phrased like it, well ahead. */
const clear = (e: Partial<AnswerEvidence> = {}): AnswerEvidence => ({
  entry: 'faq-a',
  coverage: 0.8,
  gap: false,
  onlyNames: false,
  phrasing: 0.7,
  rivalPhrasing: 0.1,
  wordsLead: 0.2,
  lead: 0.3,
  rivalRelated: false,
  pairPhrasing: 0.8,
  rivalAlike: false,
  statesAmount: true,
  handoff: false,
  namesSubject: false,
  probability: 0.9,
  ...e,
});

/** Evidence of an entry that only shares a word or two with the question. */
const weak = (e: Partial<AnswerEvidence> = {}): AnswerEvidence =>
  clear({ coverage: 0.38, phrasing: 0.1, wordsLead: 0.01, lead: 0.01, probability: 0.2, ...e });

const search = (s: Partial<SearchFeatures> = {}): SearchFeatures => ({
  bestFaq: s.answer?.coverage ?? 0,
  suggestions: 0,
  bestProvider: 0,
  secondProvider: 0,
  bestProviderWords: 0,
  topicNamed: false,
  bestTopicProvider: 0,
  partnerOfOtherSide: false,
  wantedKindFound: false,
  broker: false,
  outOfScopeExample: 0,
  ...s,
});

const features = (m: Partial<MessageFeatures>, s: Partial<SearchFeatures>): Features => ({ message: message(m), search: search(s) });
const ruleOf = (f: Features, settings = decisionDefaults) => decide(f, settings).rule;

describe('the rule table', () => {
  it('has unique names and ends with a rule that always fires', () => {
    const names = rules.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(rules.at(-1)!.when(features({}, {}), decisionDefaults)).toBe('unknown');
  });

  it('curatorOutOfScope: a question curators marked as not our topic is refused, however well an entry matches', () => {
    const f = features({ need: true }, { answer: clear({ coverage: 0.95 }), bestProvider: 0.9, topicNamed: true, outOfScopeExample: 0.6 });
    expect(decide(f)).toEqual({ rule: 'curatorOutOfScope', decision: 'unknown' });
    // Less alike than the gap report's "same question": the other rules decide.
    expect(ruleOf(features({ need: true }, { answer: clear({ coverage: 0.95 }), outOfScopeExample: 0.4 }))).toBe('strongAnswer');
  });

  it('strongAnswer: a question one entry explains almost entirely is answered, even when it describes a need', () => {
    const f = features({ need: true }, { answer: clear({ coverage: 0.95 }), bestProvider: 0.5, topicNamed: true });
    expect(decide(f)).toEqual({ rule: 'strongAnswer', decision: 'answer' });
    // As a statement ("Wir suchen …" without a question) the same need goes to the providers.
    expect(ruleOf(features({ need: true, question: false }, { answer: clear({ coverage: 0.95 }), bestProvider: 0.5, topicNamed: true }))).toBe(
      'needEnquiry',
    );
    // A request for a person is a statement by nature: the entry that hands over answers it, not the providers.
    const person = clear({ coverage: 1, handoff: true });
    expect(ruleOf(features({ need: true, question: false }, { answer: person, bestProvider: 0.7 }))).toBe('strongAnswer');
    // A cross-region enquiry for a kind that was found is never taken over by an entry on the own region.
    const enquiry = features({ crossesRegions: true, wantedKinds: 1 }, { answer: clear({ coverage: 0.95 }), wantedKindFound: true });
    expect(ruleOf(enquiry)).toBe('needEnquiry');
  });

  it('needEnquiry: a need with a provider naming its topic gets providers, however little else they explain', () => {
    expect(decide(features({ need: true, question: false }, { bestProvider: 0.1, topicNamed: true }))).toEqual({
      rule: 'needEnquiry',
      decision: 'providers',
    });
    // A firm from one side looking for firms on the other: the region's partner brokers, without any coverage.
    expect(ruleOf(features({ need: true, question: false }, { broker: true }))).toBe('needEnquiry');
    // Without a need, a topic alone is not enough for this rule.
    expect(ruleOf(features({ question: false }, { bestProvider: 0.1, topicNamed: true }))).not.toBe('needEnquiry');
  });

  it('needEnquiry: without a topic the best provider must stand out (half the message, or a clear lead in two words)', () => {
    const need = { need: true, question: false };
    expect(ruleOf(features(need, { bestProvider: 0.5 }))).toBe('needEnquiry');
    expect(ruleOf(features(need, { bestProvider: 0.35, secondProvider: 0.15, bestProviderWords: 2 }))).toBe('needEnquiry');
    // Shares a word with many profiles alike, or one word with one profile: not an enquiry the directory serves.
    expect(ruleOf(features(need, { bestProvider: 0.35, secondProvider: 0.3, bestProviderWords: 2 }))).toBe('unknown');
    expect(ruleOf(features(need, { bestProvider: 0.35, secondProvider: 0.1, bestProviderWords: 1 }))).toBe('unknown');
  });

  it('wantsProviders: the own company counts with a topic or a provider explaining it better than the FAQ', () => {
    const s = decisionDefaults;
    expect(wantsProviders(features({ ownCompany: true }, { topicNamed: true }), s)).toBe(true);
    expect(wantsProviders(features({ ownCompany: true }, { bestProvider: 0.6, bestFaq: 0.4, bestProviderWords: 2 }), s)).toBe(true);
    // One shared word is no explanation ("… für kleine Betriebe wie unseren?" and a profile that names "Konzerne").
    expect(wantsProviders(features({ ownCompany: true }, { bestProvider: 0.6, bestFaq: 0.4, bestProviderWords: 1 }), s)).toBe(false);
    expect(wantsProviders(features({ ownCompany: true }, { bestProvider: 0.6, bestFaq: 0.7 }), s)).toBe(false);
    expect(wantsProviders(features({ crossesRegions: true, wantedKinds: 1 }, {}), s)).toBe(true);
    expect(wantsProviders(features({ crossesRegions: true }, {}), s)).toBe(false);
    // A question about what the cooperation does for such firms is no enquiry; a request to be told still is.
    expect(wantsProviders(features({ crossesRegions: true, wantedKinds: 1, asksAboutTheCooperation: true, aboutTheCooperation: true }, {}), s)).toBe(false);
    expect(wantsProviders(features({ crossesRegions: true, wantedKinds: 1, aboutTheCooperation: true }, {}), s)).toBe(true);
    // Asking whether the cooperation fits the own company ("Ist das auch für Betriebe wie unseren?") is no enquiry…
    expect(wantsProviders(features({ ownCompany: true, aboutTheCooperation: true }, { topicNamed: true }), s)).toBe(false);
    // …unless a need is stated as well.
    expect(wantsProviders(features({ ownCompany: true, aboutTheCooperation: true, need: true }, { topicNamed: true }), s)).toBe(true);
  });

  it('brokeredNeed: a need in the field that no profile of the other side covers clearly goes to its partner', () => {
    // A firm of one side (the other side looked in), a need of the cooperation's field, providers that share a word or two.
    const need = { need: true, field: true };
    const partial = { partnerOfOtherSide: true, bestProvider: 0.22, secondProvider: 0.18, bestProviderWords: 3 };
    expect(ruleOf(features(need, partial))).toBe('brokeredNeed');
    expect(decide(features(need, partial)).decision).toBe('providers');
    // Without a known side there is no partner to name: as before, "I don't know".
    expect(ruleOf(features(need, { ...partial, partnerOfOtherSide: false }))).toBe('unknown');
    // A need outside the field (a repair, premises) is not brokered.
    expect(ruleOf(features({ need: true }, partial))).toBe('unknown');
    // A trade no profile offers, a job, a place elsewhere: refused as before.
    for (const refused of [{ otherService: true }, { jobSeeker: true }, { looksElsewhere: true }, { aboutElsewhere: true }]) {
      expect(ruleOf(features({ ...need, ...refused }, partial))).not.toBe('brokeredNeed');
    }
    // A firm introducing itself in a statement says what it wants help with, without a need verb.
    expect(ruleOf(features({ firmStatement: true, field: true }, partial))).toBe('brokeredNeed');
    // The FAQ answers first where it answers clearly.
    expect(ruleOf(features(need, { ...partial, answer: clear() }))).toBe('answer');
  });

  it('brokeredNeed: a topic named counts as covered only where a provider with it explains enough of the message', () => {
    const need = { need: true, field: true };
    const s = { partnerOfOtherSide: true, bestProvider: 0.2, bestProviderWords: 3, topicNamed: true };
    expect(ruleOf(features(need, { ...s, bestTopicProvider: 0.2 }))).toBe('needEnquiry');
    // The topic in one word of a long description ("… eventuell mit Förderung"): the partner first.
    expect(ruleOf(features(need, { ...s, bestTopicProvider: 0.05 }))).toBe('brokeredNeed');
    // Providers that fit on their own are listed as before.
    expect(ruleOf(features(need, { partnerOfOtherSide: true, bestProvider: 0.6, bestProviderWords: 3 }))).toBe('needEnquiry');
  });

  it('no providers for a search elsewhere ("… in München?"), however well they match', () => {
    const s = decisionDefaults;
    const f = features({ need: true, looksElsewhere: true }, { bestProvider: 0.9, topicNamed: true, bestProviderWords: 3 });
    expect(wantsProviders(f, s)).toBe(false);
    expect(providersFit(f, s)).toBe(false);
    expect(ruleOf(f)).not.toBe('needEnquiry');
    expect(ruleOf(features({ need: true }, { bestProvider: 0.9, topicNamed: true, bestProviderWords: 3 }))).toBe('needEnquiry');
  });

  it('no providers for a person looking for a job ("Ich möchte mich bewerben"), nor for a topic it names', () => {
    const s = decisionDefaults;
    const f = features({ need: true, jobSeeker: true }, { bestProvider: 0.9, topicNamed: true, bestProviderWords: 3 });
    expect(wantsProviders(f, s)).toBe(false);
    expect(providersFit(f, s)).toBe(false);
    expect(decide(f).decision).toBe('unknown');
    expect(decide(features({ jobSeeker: true }, { bestProvider: 0.6, bestFaq: 0.2, topicNamed: true })).decision).toBe('unknown');
    // The same for a trade no profile offers ("Steuerberater").
    expect(decide(features({ need: true, otherService: true }, { bestProvider: 0.9, topicNamed: true, bestProviderWords: 3 })).decision).toBe('unknown');
  });

  it('hands over only when the question is also phrased like a request for a person, not on shared words alone', () => {
    const s = decisionDefaults;
    expect(answers(clear({ handoff: true, coverage: 1, phrasing: 0.01 }), s)).toBe(false);
    expect(answers(clear({ handoff: true, coverage: 1, phrasing: 0.5 }), s)).toBe(true);
    expect(answers(clear({ handoff: false, coverage: 1, phrasing: 0.01 }), s)).toBe(true);
  });

  it('providersFit: without a need the providers must explain nearly all of the message', () => {
    const s = decisionDefaults;
    expect(providersFit(features({}, { bestProvider: 0.79, bestProviderWords: 2 }), s)).toBe(false);
    expect(providersFit(features({}, { bestProvider: 0.8, bestProviderWords: 2 }), s)).toBe(true);
    expect(providersFit(features({}, { bestProvider: 0.9, bestProviderWords: 1 }), s)).toBe(false);
    expect(providersFit(features({ keywords: true }, { bestProvider: 0.9, bestProviderWords: 1 }), s)).toBe(true);
    expect(providersFit(features({ need: true, partners: true }, { bestProvider: 0.3 }), s)).toBe(true);
  });

  it('providersFit: a need for a kind asked for by name, where a provider of that kind was found, fits below providerCoverage', () => {
    const s = decisionDefaults;
    expect(providersFit(features({ need: true, wantedKinds: 1 }, { bestProvider: 0.21, wantedKindFound: true }), s)).toBe(true);
    expect(providersFit(features({ need: true, wantedKinds: 1 }, { bestProvider: 0.21, wantedKindFound: false }), s)).toBe(false);
    expect(ruleOf(features({ need: true, wantedKinds: 1 }, { bestProvider: 0.21, wantedKindFound: true }))).toBe('needEnquiry');
    // Not for a job seeker or a search elsewhere, whatever kind was found.
    expect(providersFit(features({ need: true, wantedKinds: 1, jobSeeker: true }, { bestProvider: 0.5, wantedKindFound: true }), s)).toBe(false);
  });

  it('providersLead: without a need, providers that explain much more than any entry; not for a number', () => {
    const f = features({ question: false }, { answer: weak({ coverage: 0.5 }), bestProvider: 0.85, bestProviderWords: 2 });
    expect(decide(f)).toEqual({ rule: 'providersLead', decision: 'providers' });
    expect(ruleOf(features({ question: false, amount: true }, { answer: weak({ coverage: 0.5 }), bestProvider: 0.85, bestProviderWords: 2 }))).not.toBe(
      'providersLead',
    );
    expect(ruleOf(features({}, { answer: clear({ coverage: 0.7 }), bestProvider: 0.85 }))).toBe('answer');
  });

  it('untopicalNeed: a need naming nothing a provider offers gets the entry that answers it better than providers explain it', () => {
    const f = features({ need: true }, { answer: clear({ coverage: 0.7 }), bestProvider: 0.55, bestProviderWords: 2 });
    expect(decide(f)).toEqual({ rule: 'untopicalNeed', decision: 'answer' });
    // A topic, a kind or the own company named, or providers explaining as much: the providers.
    expect(ruleOf(features({ need: true }, { answer: clear({ coverage: 0.7 }), bestProvider: 0.55, bestProviderWords: 2, topicNamed: true }))).toBe(
      'needEnquiry',
    );
    expect(ruleOf(features({ need: true, wantedKinds: 1 }, { answer: clear({ coverage: 0.7 }), bestProvider: 0.55, bestProviderWords: 2 }))).toBe(
      'needEnquiry',
    );
    expect(ruleOf(features({ need: true }, { answer: clear({ coverage: 0.7 }), bestProvider: 0.7, bestProviderWords: 2 }))).toBe('needEnquiry');
    // An entry that does not answer is no reason to withhold the providers.
    expect(ruleOf(features({ need: true }, { answer: weak({ coverage: 0.6 }), bestProvider: 0.55, bestProviderWords: 2 }))).toBe('needEnquiry');
  });

  it('kindEnquiry: a question for providers of a kind gets them, unless an entry answers it and explains it better', () => {
    const asks = { asksForKind: true, wantedKinds: 1 };
    expect(decide(features(asks, { answer: weak(), suggestions: 1, bestProvider: 0.3, wantedKindFound: true }))).toEqual({
      rule: 'kindEnquiry',
      decision: 'providers',
    });
    // Providers explain as much as the entry, or the entry leaves open a word a provider's topic explains.
    expect(ruleOf(features(asks, { answer: clear({ phrasing: 0.5 }), bestProvider: 0.8, wantedKindFound: true }))).toBe('kindEnquiry');
    expect(ruleOf(features(asks, { answer: clear({ gap: true, coverage: 0.7 }), bestProvider: 0.4, topicNamed: true, wantedKindFound: true }))).toBe(
      'kindEnquiry',
    );
    // A question word naming the kind ("Welche Hochschulen …?") asks for the list even over an entry that answers well.
    const named = { ...asks, namesKindAsked: true };
    expect(ruleOf(features(named, { answer: clear({ coverage: 0.95, phrasing: 0.5 }), bestProvider: 0.8, wantedKindFound: true }))).toBe('kindEnquiry');
    expect(ruleOf(features(asks, { answer: clear({ coverage: 0.95, phrasing: 0.5 }), bestProvider: 0.8, wantedKindFound: true }))).toBe('strongAnswer');
    // …unless the question is phrased like the best entry and leaves none of its words open.
    expect(ruleOf(features(named, { answer: clear({ coverage: 0.6, phrasing: 0.95 }), bestProvider: 0.7, wantedKindFound: true }))).toBe('answer');
    expect(
      ruleOf(features(named, { answer: weak({ coverage: 0.3, phrasing: 0.95 }), suggestions: 1, bestProvider: 0.7, wantedKindFound: true })),
    ).toBe('didYouMean');
    // An entry that answers and explains more wins; no provider of the kind, no list; nor for a search elsewhere.
    expect(ruleOf(features(asks, { answer: clear(), bestProvider: 0.4, wantedKindFound: true }))).toBe('answer');
    expect(ruleOf(features(asks, { answer: weak(), suggestions: 1, bestProvider: 0.4 }))).toBe('didYouMean');
    expect(ruleOf(features({ ...asks, looksElsewhere: true }, { answer: weak(), suggestions: 1, bestProvider: 0.4, wantedKindFound: true }))).toBe(
      'didYouMean',
    );
  });

  it('a question for a time or a reason gets no providers for a kind, a region or a topic it names', () => {
    const cross = { crossesRegions: true, wantedKinds: 1 };
    expect(ruleOf(features(cross, { answer: weak(), suggestions: 1, bestProvider: 0.5, wantedKindFound: true }))).toBe('needEnquiry');
    expect(ruleOf(features({ ...cross, asksWhenOrWhy: true }, { answer: weak(), suggestions: 1, bestProvider: 0.5, wantedKindFound: true }))).toBe(
      'didYouMean',
    );
    expect(ruleOf(features({ asksWhenOrWhy: true }, { answer: weak({ coverage: 0.4 }), suggestions: 1, bestProvider: 0.5, topicNamed: true }))).toBe(
      'didYouMean',
    );
  });

  it('answer: a clear entry is the answer; a weak one is offered under "did you mean"', () => {
    expect(decide(features({}, { answer: clear(), suggestions: 2 }))).toEqual({ rule: 'answer', decision: 'answer' });
    expect(decide(features({}, { answer: weak(), suggestions: 1 }))).toEqual({ rule: 'didYouMean', decision: 'didYouMean' });
  });

  it('answer: not with an entry that does not state the number asked for, nor one found through names alone', () => {
    expect(ruleOf(features({ amount: true }, { answer: clear({ statesAmount: false }), suggestions: 1 }))).toBe('didYouMean');
    expect(ruleOf(features({}, { answer: clear({ onlyNames: true }), suggestions: 1 }))).toBe('didYouMean');
  });

  it('answer (hand thresholds): a telling word left open needs more coverage, unless phrased like the entry', () => {
    const s = decisionDefaults;
    expect(answers(clear({ gap: true, coverage: 0.55, phrasing: 0.5 }), s)).toBe(false);
    expect(answers(clear({ gap: true, coverage: 0.55, phrasing: 0.9 }), s)).toBe(true);
    expect(answers(clear({ gap: true, coverage: 0.65, phrasing: 0.5 }), s)).toBe(true);
  });

  it('answer (hand thresholds): no answer without a lead, or when the phrasings point to another entry', () => {
    const s = decisionDefaults;
    expect(answers(clear({ phrasing: 0.5, wordsLead: 0.01, lead: 0.01 }), s)).toBe(false);
    expect(answers(clear({ phrasing: 0.02, rivalPhrasing: 0.7, coverage: 0.9 }), s)).toBe(false);
    // Unlike the entry's phrasings, the words must explain most of the question.
    expect(answers(clear({ phrasing: 0.1, coverage: 0.7 }), s)).toBe(false);
    expect(answers(clear({ phrasing: 0.1, coverage: 0.85 }), s)).toBe(true);
  });

  it('answer (hand thresholds): a small lead is enough over a related entry when the question is phrased like the two', () => {
    const s = decisionDefaults;
    // Two entries on one matter (the signing and the partners for "who signed?"), nearly level.
    const level = { coverage: 0.9, phrasing: 0.3, wordsLead: 0.02, lead: 0.02 };
    expect(answers(clear(level), s)).toBe(false);
    expect(answers(clear({ ...level, rivalRelated: true, pairPhrasing: 0.6 }), s)).toBe(true);
    // The runner-up another matter, the phrasings unsure of both, or the best not ahead at all: still "did you mean".
    expect(answers(clear({ ...level, rivalRelated: false, pairPhrasing: 0.6 }), s)).toBe(false);
    expect(answers(clear({ ...level, rivalRelated: true, pairPhrasing: 0.35 }), s)).toBe(false);
    expect(answers(clear({ ...level, rivalRelated: true, pairPhrasing: 0.6, wordsLead: -0.02, lead: 0 }), s)).toBe(false);
    // A related runner-up that explains every word through the very same words: the words cannot tell the two apart,
    // either answers, whatever the phrasings say; an unrelated one of that kind still leaves the choice to the user.
    expect(answers(clear({ ...level, rivalRelated: true, pairPhrasing: 0.2, rivalAlike: true }), s)).toBe(true);
    expect(answers(clear({ ...level, rivalRelated: false, pairPhrasing: 0.2, rivalAlike: true }), s)).toBe(false);
  });

  it('answer (hand thresholds): a small lead is enough when the phrasings clearly tell the best entry', () => {
    const s = decisionDefaults;
    // The words favour another entry, the phrasings this one: the combined score is just ahead.
    const level = { coverage: 0.65, wordsLead: -0.2, lead: 0.01 };
    expect(answers(clear({ ...level, phrasing: 0.5 }), s)).toBe(false);
    expect(answers(clear({ ...level, phrasing: 0.77 }), s)).toBe(true);
    expect(answers(clear({ ...level, phrasing: 0.77, lead: -0.01 }), s)).toBe(false);
  });

  it('answer (hand thresholds): an entry whose subject the question names needs no lead, unless found through names alone', () => {
    const s = decisionDefaults;
    const unsure = { gap: true, coverage: 0.4, wordsLead: -0.01, lead: 0.02 };
    expect(answers(clear(unsure), s)).toBe(false);
    expect(answers(clear({ ...unsure, namesSubject: true }), s)).toBe(true);
    expect(answers(clear({ ...unsure, namesSubject: true, onlyNames: true }), s)).toBe(false);
    expect(answers(clear({ ...unsure, namesSubject: true, coverage: 0.3 }), s)).toBe(false);
  });

  it('answer (calibrated): with ANSWER_MIN_PRECISION set, the calibrated probability decides, not the thresholds', () => {
    const calibrated = { ...decisionDefaults, answerMinPrecision: 0.7 };
    // Below every hand threshold, but the model is confident: answered.
    expect(ruleOf(features({}, { answer: weak({ probability: 0.75 }), suggestions: 1 }), calibrated)).toBe('answer');
    // Above every hand threshold, but the model is not: "did you mean".
    expect(ruleOf(features({}, { answer: clear({ probability: 0.65 }), suggestions: 1 }), calibrated)).toBe('didYouMean');
    expect(ruleOf(features({}, { answer: clear({ probability: 0.65 }), suggestions: 1 }))).toBe('answer');
  });

  it('topicEnquiry: a topic named without a need gets providers when no entry answers and they explain it as well', () => {
    const f = features({}, { answer: weak({ coverage: 0.4 }), bestProvider: 0.5, topicNamed: true });
    expect(decide(f)).toEqual({ rule: 'topicEnquiry', decision: 'providers' });
    // A few keywords need less ("Lagerlogistik-Optimierung").
    expect(ruleOf(features({ question: false, keywords: true }, { bestProvider: 0.3, topicNamed: true }))).toBe('topicEnquiry');
    expect(ruleOf(features({}, { bestProvider: 0.3, topicNamed: true }))).toBe('unknown');
    expect(ruleOf(features({ amount: true }, { bestProvider: 0.6, topicNamed: true }))).toBe('unknown');
  });

  it('focusedAnswer: the question part alone is answered when the whole message is not', () => {
    const f = features({}, { answer: weak(), focused: clear({ entry: 'faq-b' }), suggestions: 1 });
    expect(decide(f)).toEqual({ rule: 'focusedAnswer', decision: 'focusedAnswer' });
  });

  it('focusedAnswer: not when the question part asks who can help with the context', () => {
    const f = features({ questionPartNeed: true }, { answer: weak(), focused: clear({ entry: 'faq-b' }), suggestions: 1 });
    expect(ruleOf(f)).toBe('didYouMean');
  });

  it('focusedAnswer: not when the context is none of ours (a job application, a trade no profile offers, elsewhere)', () => {
    for (const context of [{ jobSeeker: true }, { otherService: true }, { looksElsewhere: true }]) {
      const f = features(context, { answer: weak(), focused: clear({ entry: 'faq-b' }), suggestions: 1 });
      expect(decide(f).decision).toBe('didYouMean');
    }
  });

  it('notOurs: a job application, a trade no profile offers, private contact data or a question about elsewhere is never answered, however well an entry matches', () => {
    for (const context of [{ jobSeeker: true }, { otherService: true }, { privateContact: true }, { looksElsewhere: true, aboutElsewhere: true }]) {
      expect(decide(features(context, { answer: clear({ coverage: 0.95 }), bestFaq: 0.95, suggestions: 2 }))).toEqual({ rule: 'notOurs', decision: 'didYouMean' });
      expect(decide(features(context, {}))).toEqual({ rule: 'notOurs', decision: 'unknown' });
    }
  });

  it('didYouMean and unknown: plausible entries are offered; with none, the bot does not know', () => {
    expect(ruleOf(features({}, { answer: weak(), suggestions: 3 }))).toBe('didYouMean');
    expect(ruleOf(features({}, { answer: weak({ coverage: 0.2 }), suggestions: 0 }))).toBe('unknown');
    expect(ruleOf(features({}, {}))).toBe('unknown');
  });
});
