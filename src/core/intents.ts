/**
 * Small, explicit intents that do not need the search index: help, greeting, thanks, asking for a person,
 * narrowing a provider list, and whether a message describes a need (routing to providers).
 */
import { foldUmlauts } from '../knowledge/analyzer.js';
import { projectLexicon, wordsOf } from '../knowledge/lexicon.js';
import type { ProviderKind } from '../knowledge/schema.js';

export type Intent = 'help' | 'greeting' | 'thanks' | 'human' | 'findProviders';

const patterns: [Intent, RegExp][] = [
  ['help', /^\s*(\/?hilfe|\/?help|\?|menü|menu|was kannst du( alles)?|what can you do)\s*[?!.]*\s*$/i],
  ['greeting', /^\s*(hallo|hi|hey|moin|servus|guten (morgen|tag|abend)|hello|good (morning|afternoon|evening))\s*[!.,]*\s*$/i],
  ['thanks', /^\s*(danke|vielen dank|danke schön|dankeschön|thanks|thank you|thx)\b[\s\S]{0,30}$/i],
  // The Teams command "Anbieter finden" / "Find providers" without a need: ask what the company is looking for.
  ['findProviders', /^\s*\/?((passende\s+)?(anbieter|partner|ansprechpartner)\s+(finden|suchen)|find\s+(a\s+)?(providers?|partners?))\s*[?!.]*\s*$/i],
  // A message that is only the word for a person ("Mitarbeiter", "Mensch", "Agent") asks for one.
  ['human', /^\s*(bitte\s+)?(ein(en)?\s+)?(mitarbeiter(in)?|mensch(en)?|person|berater(in)?|human|agent|operator|staff)(\s+bitte)?\s*[!?.]*\s*$/i],
  [
    'human',
    // Asking for a person, not mentioning one: "Weiterbildung für unsere Mitarbeiter" is a need, not a handoff.
    /\b(mit (einem|einer|jemandem) (menschen|mitarbeiter(in)?|person|berater(in)?)|mensch(en)? sprechen|(mitarbeiter(in)?|person|berater(in)?) sprechen|echte[nr]? (person|menschen|mitarbeiter(in)?)|human|real person|(live|human) agent|talk to (a |someone|somebody|a person)|speak to (a |someone|somebody))\b/i,
  ],
];

/**
 * "Bist du ein echter Mensch?", "Am I talking to a human?": asks what the assistant is (its FAQ entry says it, and how
 * to reach a person), not for a person.
 */
const asksWhetherHuman = /^\s*(bist du|sind sie|are you|is this|am i)\b/i;

/** The explicit intent of a message, if any. */
export function detectIntent(text: string): Intent | undefined {
  for (const [intent, pattern] of patterns) {
    if (pattern.test(text) && !(intent === 'human' && asksWhetherHuman.test(text))) return intent;
  }
  return undefined;
}

/** Words that say "I am looking for someone who can help", in German and English. */
const needPattern =
  /\b(such(e|en|t)|gesucht|brauch(e|en|t)|benötig(e|en|t)|hilfe (bei|beim|für|zu)|unterstützung|unterstütz(en|t)|wer (kann|könnte|hilft|macht|bietet|berät|betreibt|entwickelt|übernimmt|unterstützt)|anbieter|dienstleister|experten?|ansprechpartner|forschungspartner|industriepartner|looking for|look for|need|searching for|who (can|could|offers|provides)|help (with|for|us)|(can|could) (you|someone|somebody|anyone|anybody) help|support (with|for|in)|providers?)\b/i;

/** "Wir möchten … einführen", "we want to …": a plan of the user's own company that providers could support. */
const planPattern = /\b(wir (möchten|wollen|planen|würden gern)|(möchten|wollen|planen) wir|we (want|would like|plan) to|(we|and)('d| would) like (to|a|an|some)|we want (a|an|some))\b/i;

/** "Gibt es eine Hochschule, die …", "is there a company that …": asking whether someone exists who can help. */
const existsPattern =
  /\b(gibt es|kennen sie|kennst du|is there|are there|do you know)\b.{0,40}\b(anbieter\w*|dienstleister\w*|firm(a|en)|unternehmen|hochschul\w*|universität\w*|uni|fachhochschul\w*|institut\w*|start-?ups?|partner\w*|expert\w*|provider\w*|compan(y|ies)|universit(y|ies)|institutes?)\b/i;

/** "unser Betrieb", "our factory": a message about the user's own company usually asks for help with it. */
const ownCompanyPattern =
  /\b(unser(e[nmrs]?)?|our)\s+(betrieb\w*|unternehmen\w*|firma|firmen|mittelstandsunternehmen|fabrik|produktion|lager|anlagen?|maschinen|mitarbeiter\w*|beschäftigt\w*|belegschaft|company|business|factory|production|warehouse|staff|employees)\b/i;

/** "wir", "unser …", "our …": the message speaks of the user's own company ("Unser Warenwirtschaftssystem ist veraltet"). */
const speaksOfOwnCompanyPattern = /\b(wir|uns|unser\w*|we|us|our)\b/i;

/**
 * True when the message speaks of the user's own company. Together with a topic of the directory it describes a need
 * ("Unsere Lieferketten sind zu langsam"); alone it does not ("Können wir mitmachen?").
 */
export function speaksOfOwnCompany(text: string): boolean {
  return speaksOfOwnCompanyPattern.test(text);
}

/** Partners or customers: what the directory is for, in either direction ("Pilotkunden im Sauerland", "industrial partners"). */
const partnerPattern = /(partner(n|s|in|innen)?|kunden|customers?|clients?|anwender|pilot(projekt|projekte|projekten|kunde|kunden|anwender)?|pilots)\b/i;

/** True when the message asks for partners or customers rather than for a service ("suchen Industriepartner in Südwestfalen"). */
export function asksForPartners(text: string): boolean {
  return partnerPattern.test(text);
}

/** True when the message asks for a number or an amount ("Wie viele Studierende hat die TU Dortmund?", "Wie groß …"). */
export function asksForAmount(text: string): boolean {
  return projectLexicon().amountQuestions.has(wordsOf(text));
}

/**
 * "Wie viele Mitarbeiter …", "how many world market leaders …", "Wie hoch ist die Arbeitslosenquote …": the two words
 * after the question for a number (over fillers such as "ist die Zahl der"), which are what it counts.
 */
function amountSubject(text: string): string[] | undefined {
  const lexicon = projectLexicon();
  const words = wordsOf(text);
  for (let i = 0; i < words.length; i++) {
    const length = lexicon.countQuestions.matchAt(words, i);
    if (length === 0) continue;
    let next = i + length;
    while (next < words.length && lexicon.amountFillers.matchAt(words, next) > 0) next++;
    return words.slice(next, next + 2).map((w) => w.raw);
  }
  return undefined;
}

/**
 * A number that counts something, and the three words after it: no year (1900–2099), no house number, postcode or
 * phone number (digits next to other digits, "+", "/" or "-"), no date ("25. Juni").
 */
const countedPattern =
  /(?:(?<![\d.,+/()-]\s?)(?!(?:19|20)\d\d\b)\d{1,4}(?![\d.,/)-]|\s\d)|\b(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|hundert|tausend|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|thousand|dozens)\b)((?:\s+[\p{L}-]+){1,3})/giu;

/**
 * True when `answer` states the number a question asks for ("Wie viele Weltmarktführer …?" — "mehr als 150
 * Weltmarktführer"): one of the two words after "wie viele"/"how many" follows a number in the answer. A question
 * for a number is no question for the contact details that happen to share its other words.
 */
export function statesAskedAmount(question: string, answer: string): boolean {
  const subject = amountSubject(question);
  if (!subject) return true;
  const stems = subject
    .filter((word) => word.length >= 4)
    .map((word) => foldUmlauts(word.toLowerCase()).slice(0, 5));
  for (const match of answer.matchAll(countedPattern)) {
    const after = foldUmlauts(match[1]!.toLowerCase()).split(/\s+/);
    if (after.some((word) => stems.some((stem) => word.startsWith(stem)))) return true;
  }
  return false;
}

/** True when the message describes a need that providers could meet. */
export function describesNeed(text: string): boolean {
  // "Brauche ich eine Anmeldung?" asks what is required, not for someone who helps.
  if (/^\s*(brauche|brauchen|benötige|benötigen)\s+(ich|wir)\b/i.test(text)) return false;
  // "Sucht die Wirtschaftsförderung Praktikanten?", "Does the agency need …?": someone else's need, asked about.
  if (/^\s*(sucht|braucht|benötigt|does|is)\s+(die|der|das|den|the)\b/i.test(text)) return false;
  return needPattern.test(text) || planPattern.test(text) || existsPattern.test(text) || ownCompanyPattern.test(text);
}

const kindWords: [ProviderKind, RegExp][] = [
  ['hochschule', /\b(hochschul\w*|uni\w*|fachhochschul\w*|fh|universit\w*)\b/i],
  ['forschung', /\b(forschung\w*|institut\w*|research)\b/i],
  ['startup', /\b(start-?ups?|gründer\w*|jungunternehm\w*)\b/i],
  ['unternehmen', /\b(unternehmen|firmen|compan(y|ies)|dienstleister)\b/i],
  ['netzwerk', /\b(netzwerk\w*|kammer\w*|networks?|chambers?)\b/i],
  ['verwaltung', /\b(wirtschaftsförderung\w*|verwaltung|public bod(y|ies))\b/i],
];

/** "nur Hochschulen" / "only start-ups": narrowing of the last provider list, or undefined. */
export function detectKindFilter(text: string): ProviderKind | undefined {
  const match = /^\s*(nur|only|bitte nur|just)\s+(.+)$/i.exec(text);
  if (!match) return undefined;
  return kindWords.find(([, pattern]) => pattern.test(match[2]!))?.[0];
}

/**
 * The last sentence or clause that asks the question, when the message puts some context before it ("Ich schreibe
 * eine Hausarbeit: Welche Träger stehen hinter der Agentur?", "I'm a reporter – who can I call?"); else undefined.
 * Sentences, colons, semicolons and dashes separate the parts; the last one ending in "?" is the question, or the
 * last part when it starts like a question. Not asked alone: a part shorter than three words, and one that points
 * back to the context ("Wer kann das für uns in Soest umsetzen?", "Wo geht das?"): alone it asks something else.
 */
export function questionPart(text: string): string | undefined {
  const parts = text
    .split(/(?<=[.!?:;])\s+|\s+[–—-]\s+/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length < 2) return undefined;
  const asking = [...parts].reverse().find((part) => part.endsWith('?')) ?? parts.find((part, i) => i === parts.length - 1 && startsLikeQuestion.test(part));
  if (!asking || asking.split(/\s+/).length < 3 || pointsBack.test(asking) || pronounIt.test(asking)) return undefined;
  return asking;
}

/** The first word of a question without a question mark ("Welche Träger stehen hinter der Agentur"). */
const startsLikeQuestion =
  /^(wer|wen|wem|wessen|was|wie|wo|wohin|woher|wann|warum|weshalb|wieso|welche[rsnm]?|gibt|kann|können|ist|sind|hat|haben|who|whom|whose|what|how|where|when|why|which|is|are|can|could|does|do|did|has|have)\b/i;

/**
 * A pronoun that stands for something said before: German "das", "dies", "da" before a lower-case word or at the end
 * (before a capitalised noun it is an article: "das Abkommen"), "dafür", "sowas"; English "this"/"that" before a
 * preposition or at the end, and "it" — matched apart and case-sensitively, since "IT" and "IT-Sicherheit" are no
 * pronoun.
 */
const pointsBack =
  /\b(?:das|dies|dieses|da)(?=\s+\p{Ll}|\s*[?.!]*$)|\b(?:dafür|dabei|dazu|daran|sowas|so etwas|solche[nms]?)\b|\b(?:this|that)(?=\s+(?:for|in|with|at|to|on|from)\b|\s*[?.!]*$)/iu;
const pronounIt = /\b[Ii]t\b(?!-)/;

/** Whether the message asks something (a question mark, or a question word first), rather than states a need. */
export function asksQuestion(text: string): boolean {
  return text.includes('?') || startsLikeQuestion.test(text.trim());
}

/** A few words without a question ("Lagerlogistik-Optimierung", "ERP-Einführung Mittelstand"): typed as into a search box. */
export function isKeywordQuery(text: string): boolean {
  return text.trim().split(/\s+/).length <= 4 && !asksQuestion(text);
}
