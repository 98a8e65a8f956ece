/**
 * Small, explicit intents that do not need the search index: help, greeting, thanks, asking for a person,
 * narrowing a provider list, and whether a message describes a need (routing to providers).
 */
import { foldUmlauts } from '../knowledge/analyzer.js';
import { projectLexicon, wordsOf } from '../knowledge/lexicon.js';
import { mayNameSuedwestfalenPlace, suedwestfalenPlaceSource } from '../knowledge/places.js';
import type { ProviderKind, Region } from '../knowledge/schema.js';

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

/** Kinds a user may ask for by name in a sentence ("mit einer Hochschule", "ein Start-up", "a research institute"). */
const wantedKindWords: [ProviderKind, RegExp][] = [
  ['hochschule', /\b(hochschul\w*|uni|unis|universität\w*|fachhochschul\w*|fh|universit(y|ies)|college)\b/i],
  ['forschung', /\b(forschungsinstitut\w*|forschungseinrichtung\w*|institut|instituts|institute[ns]?|research institutes?)\b/i],
  ['startup', /\b(start-?ups?|gründer(innen|in)?|jungunternehmen)\b/i],
];

/**
 * The one provider kind the user asks for by name, if any: looked for after the need verb ("… und suchen ein
 * Start-up"), so that what users say about themselves ("Wir sind ein Dortmunder Start-up …") does not count.
 */
export function wantedKind(text: string): ProviderKind | undefined {
  const verb = needVerbPattern.exec(text) ?? /\b(möchten|wollen|want|mit (einer|einem))\b/i.exec(text);
  const about = verb ? text.slice(verb.index) : /^\s*(wir sind|ich bin|we are|i am)\b/i.test(text) ? '' : text;
  const kinds = wantedKindWords.filter(([, pattern]) => pattern.test(about)).map(([kind]) => kind);
  return kinds.length === 1 ? kinds[0] : undefined;
}

const dortmundPattern = /(dortmund\w*)/i;
/** How users say they come from one side: "Dortmunder Start-up", "aus Dortmund", "a Dortmund company". */
const dortmundOriginPattern = /\b(dortmunder|aus dortmund|dortmund-based|from dortmund|an? dortmund|(unser|unsere|unserem|unseren|our) \w+ in dortmund)\b/gi;
const suedwestfalenNames = 'südwestfal\\w*|suedwestfal\\w*|sudwestfal\\w*|south westphalia|sauerland\\w*|siegerland\\w*';
const suedwestfalenNamePattern = new RegExp(`(${suedwestfalenNames})`, 'i');

/**
 * The patterns for Südwestfalen, with the region's own names and, when `towns` is given, its districts and towns (see
 * `places.ts`). Those with all 60 towns cost some 30 µs per message; they run only on a message that may name one
 * (`mayNameSuedwestfalenPlace`).
 */
function suedwestfalenPatterns(towns?: string) {
  const places = `(${suedwestfalenNames}|wittgenstein|kreis \\w+${towns ? `|${towns}` : ''})`;
  return {
    any: new RegExp(`(${suedwestfalenNames}${towns ? `|${towns}` : ''})`, 'i'),
    /**
     * How users say their company is in Südwestfalen: "aus dem Sauerland", "unsere Montage in Meschede", "bei uns in
     * der Halle in Plettenberg", "wir sitzen in Lennestadt", "a family firm based near Brilon".
     */
    origin: new RegExp(
      [
        `aus (dem |der )?${places}`,
        `from (the )?${places}`,
        'sauerländer|siegerländer|südwestfälische[rnms]?|south westphalian',
        `(unser|unsere|unserem|unseren|our)( [\\w-]+){1,3} (in|im|bei|near) (der |dem )?${places}`,
        `bei uns( [\\w-]+){0,4} (in|im) (der |dem )?${places}`,
        `(wir|we)( \\w+){0,2} (sitzen|sind|are) (\\w+ )?(in|im|near) (der |dem |the )?${places}`,
        `(based|located|ansässig) (in|near|im) (the )?${places}`,
      ]
        .map((alternative) => `\\b(${alternative})\\b`)
        .join('|'),
      'gi',
    ),
    town: towns ? new RegExp(`\\b${towns}\\b`, 'i') : undefined,
    /** "Pilotkunden in Siegen", "Partner im Kreis Olpe": a town where someone is wanted. */
    wantedInTown: towns
      ? new RegExp(`\\b(${wantedNouns})\\s+(in|im|aus|from|near|around)\\s+(der |dem |the )?${towns}\\b`, 'i')
      : undefined,
  };
}

/** Who a user may look for: providers, partners, customers. */
const wantedNouns =
  'anbieter\\w*|partner\\w*|firmen|unternehmen|dienstleister\\w*|hochschulen?|universität\\w*|uni|institut\\w*|agentur|kammer\\w*|experten|expertinnen|jemand\\w*|start-?ups?|studierenden?|studenten|forscher\\w*|\\w*kunden|anwender|providers?|partners?|compan(y|ies)|firms?|experts?|someone|somebody|students?|researchers?|customers?|clients?|users?|universit(y|ies)|institutes?|agency|chambers?';
/** "Anbieter aus Dortmund", "partners from Siegen": where the wanted providers are, not where the user comes from. */
const providerNounBefore = new RegExp(`\\b(${wantedNouns})\\s+$`, 'i');
const suedwestfalenWithTowns = suedwestfalenPatterns(suedwestfalenPlaceSource);
const suedwestfalenNamesOnly = suedwestfalenPatterns();

/** "Wir sind ein KI-Start-up", "we're an AI start-up": the noun that follows describes the user, not who is wanted. */
const describesSelfBefore = /\b(wir sind|ich bin|we are|we're|i am|i'm|als)\s+([\p{L}\p{N}-]+\s+){0,3}[\p{L}\p{N}-]+\s+$/iu;

/** Where `text` says the user comes from the side `pattern` names (see `providerNounBefore` for what does not count). */
function originMatches(text: string, pattern: RegExp): RegExpExecArray[] {
  return [...text.matchAll(pattern)].filter((match) => {
    const before = text.slice(0, match.index);
    return !providerNounBefore.test(before) || describesSelfBefore.test(before);
  });
}

/** `text` with `matches` blanked out: "Zulieferer aus Lüdenscheid" says where the user comes from, no place to look in. */
function blankedOut(text: string, matches: RegExpExecArray[]): string {
  let rest = text;
  for (const match of matches) {
    rest = rest.slice(0, match.index) + ' '.repeat(match[0].length) + rest.slice(match.index + match[0].length);
  }
  return rest;
}
/**
 * Words that say what the user looks for; places after them are where the user looks. After an article "Suche" is a
 * noun ("Wer hilft im Sauerland bei der Suche nach Fachkräften?"), and the place before it is not where the user is.
 */
const needVerbPattern = /(?<!\b(?:der|die|eine[rn]?|zur|unsere[rn]?|ihre[rn]?)\s+)\b(such\w*|brauch\w*|benötig\w*|looking|need\w*|searching|find\w*|wünsch\w*)\b/i;

/**
 * Which side's providers to show. A company from Südwestfalen is shown Dortmund providers by default; one from
 * Dortmund that looks for partners in Südwestfalen is shown Südwestfalen entries. Places named after the need verb
 * are where the user looks; places before it are where the user comes from.
 */
export function targetRegion(text: string, origin: Region | undefined): { target: Region; origin?: Region } {
  const verb = needVerbPattern.exec(text);
  const before = verb ? text.slice(0, verb.index) : '';
  const swf = mayNameSuedwestfalenPlace(text) ? suedwestfalenWithTowns : suedwestfalenNamesOnly;
  const fromDoMatches = originMatches(text, dortmundOriginPattern);
  const fromSwfMatches = originMatches(text, swf.origin);
  const fromDo = fromDoMatches.length > 0;
  const fromSwf = fromSwfMatches.length > 0;
  let from: Region | undefined = origin;
  if (dortmundPattern.test(before) && !swf.any.test(before)) from = 'dortmund';
  else if (swf.any.test(before) && !dortmundPattern.test(before)) from = 'suedwestfalen';
  else if (fromDo !== fromSwf) from = fromDo ? 'dortmund' : 'suedwestfalen';
  // "Wir sind Zulieferer aus Lüdenscheid und wollen …": where the user comes from is no place they look in. A town
  // is where they look only for a user from Dortmund or for someone wanted there ("Pilotkunden in Siegen"); else it
  // is where the company is ("We need an outside firm to look after our PCs on site in Lennestadt").
  const start = verb?.index ?? 0;
  const lookedIn = blankedOut(text, fromSwfMatches).slice(start);
  const wantsSwf =
    suedwestfalenNamePattern.test(lookedIn) ||
    (swf.town?.test(lookedIn) === true && (from === 'dortmund' || swf.wantedInTown?.test(lookedIn) === true));
  const wantsDo = dortmundPattern.test(blankedOut(text, fromDoMatches).slice(start));
  if (wantsSwf && !wantsDo) return { target: 'suedwestfalen', origin: from ?? 'dortmund' };
  if (wantsDo && !wantsSwf) return { target: 'dortmund', origin: from };
  // Both named where the user looks: the side the user says they come from ("ein Dortmunder Betrieb", "a Dortmund
  // start-up") is not the one they look in ("… ein Werk in Arnsberg: wer begleitet sowas im Sauerland?").
  if (wantsSwf && wantsDo) {
    if (fromDo && !fromSwf) return { target: 'suedwestfalen', origin: 'dortmund' };
    if (fromSwf && !fromDo) return { target: 'dortmund', origin: 'suedwestfalen' };
  }
  if (from === 'dortmund') return { target: 'suedwestfalen', origin: from };
  return { target: 'dortmund', origin: from };
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
