/**
 * What a message is, read with the words of knowledge/lexicon.yml: the explicit intents that do not need the search
 * index (help, greeting, thanks, asking for a person, narrowing a provider list), whether a message describes a need
 * (routing to providers), asks for an amount, or puts its question after some context. Only the matching is here;
 * the words and phrases are data a curator can read and extend (docs/knowledge-format.md, "The lexicon").
 */
import { contentWords } from '../knowledge/analyzer.js';
import { foldUmlauts } from '../knowledge/umlauts.js';
import { positionsOf } from '../knowledge/wordSpans.js';
import { introductionSpans } from './ownBusiness.js';
import { projectLexicon, typedCapitalised, wordsOf, type CompiledIntent, type IntentName, type Word, type WordList } from '../knowledge/lexicon.js';
import type { Language, ProviderKind } from '../knowledge/schema.js';

export type Intent = IntentName;

/**
 * The explicit intent of a message, if any: the first of lexicon.yml's `intents` whose words the message matches
 * (the whole message, its opening, or anywhere), unless it opens with that intent's `notWhenOpening`.
 */
export function detectIntent(text: string): Intent | undefined {
  const normal = text.normalize('NFC');
  const words = wordsOf(normal);
  // Punctuation only: "?" asks what the assistant can do.
  if (words.length === 0) return normal.includes('?') ? 'help' : undefined;
  for (const intent of projectLexicon().intents) {
    // An appointment or a person at a trade or office no profile offers ("einen Termin beim Finanzamt") is not one of ours.
    if (intent.name === 'human' && asksForOtherService(normal)) continue;
    if (matchesIntent(intent, words, normal) && !(intent.notWhenOpening && intent.notWhenOpening.opens(words) > 0)) return intent.name;
  }
  return undefined;
}

function matchesIntent(intent: CompiledIntent, words: readonly Word[], text: string): boolean {
  if (intent.whole?.isWhole(words, intent.ignoring)) return true;
  if (intent.opens) {
    const length = intent.opens.opens(words);
    if (length > 0 && (intent.maxCharsAfter === undefined || text.length - words[length - 1]!.to <= intent.maxCharsAfter)) return true;
  }
  return intent.anywhere?.has(words) ?? false;
}

/** Words a closing formula may be followed by and still end the message: a name ("Viele Grüße, Anna Schmidt"). */
const maxWordsAfterClosing = 3;

/**
 * The question as the searches read it: the message without what names nothing asked (letter formulas, the side said to
 * lack something, idle idioms, what it excepts), with the page the user is on and idioms for taking part in the
 * entries' words, and a first "what is this?" read as a question about the assistant. `opensConversation`: no question
 * came before in the conversation.
 */
export function questionAsSearched(text: string, lang: Language, opensConversation: boolean): string {
  let question = withoutLetterFormulas(text);
  question = withWhatIsThisRead(question, lang, opensConversation);
  question = withoutLackingSide(question);
  question = withAssistantNamed(question, lang);
  question = withParticipationNamed(question, lang);
  question = withoutIdleIdioms(question);
  return withoutExcepted(question);
}

/**
 * `text` without a letter's salutation before its first clause mark ("Sehr geehrte Damen und Herren, …", "Moin, …") and
 * its closing at the end ("… Mit freundlichen Grüßen, A. Schmidt"), lexicon.yml `letterFormulas`: they say nothing
 * about what is asked, and as words no entry has they would count as a question's open part. The text itself when
 * nothing else would be left.
 */
export function withoutLetterFormulas(text: string): string {
  const normal = text.normalize('NFC');
  const words = wordsOf(normal);
  const { salutations, closings } = projectLexicon().letterFormulas;
  let start = 0;
  for (let length = salutations.opens(words); length > 0 && start + length < words.length; ) {
    if (words[start + length]!.clause === words[start]!.clause) break;
    start += length;
    length = salutations.matchAt(words, start);
  }
  let end = words.length;
  for (let i = start + 1; i < words.length; i++) {
    const length = closings.matchAt(words, i);
    if (length > 0 && words[i - 1]!.clause !== words[i]!.clause && words.length - (i + length) <= maxWordsAfterClosing) {
      end = i;
      break;
    }
  }
  if ((start === 0 && end === words.length) || start >= end) return text;
  return normal
    .slice(words[start]!.from, end === words.length ? normal.length : words[end]!.from)
    .replace(/[\s,;:–—-]+$/u, '')
    .trim();
}

/**
 * True when the message speaks of the user's own company (lexicon.yml `ownCompany`). Together with a topic of the
 * directory it describes a need ("Unsere Lieferketten sind zu langsam"); alone it does not ("Können wir mitmachen?").
 */
export function speaksOfOwnCompany(text: string): boolean {
  return projectLexicon().ownCompany.has(wordsOf(text));
}

/** True when a person looks for a job, an apprenticeship or an internship (lexicon.yml `jobSeeking`). */
export function seeksJob(text: string): boolean {
  return projectLexicon().jobSeeking.has(wordsOf(text));
}

/** True when the message asks for a person's private contact data (lexicon.yml `privateContact`). */
export function asksForPrivateContact(text: string): boolean {
  return projectLexicon().privateContact.has(wordsOf(text));
}

/**
 * True when the message asks for a trade or service no profile offers (lexicon.yml `otherServices`: "Steuerberater"),
 * not when it names the trade as whom something is for ("Software für Installateure"; but "looking for plumbers" seeks them),
 * nor where the user says that is what they are ("Wir sind eine Spedition für Umzüge und suchen …", `introductionSpans`).
 */
export function asksForOtherService(text: string): boolean {
  const lexicon = projectLexicon();
  const words = wordsOf(text);
  const forWhom = (i: number) =>
    lexicon.audience.matchAt(words, i - 1) > 0 && !(i >= 2 && lexicon.seekingBeforeAudience.matchAt(words, i - 2) > 0);
  const own = positionsOf(introductionSpans(words, lexicon));
  return lexicon.otherServices.positions(words).some((i) => !own.has(i) && (i === 0 || !forWhom(i)));
}

/** True when the message names a place outside both regions (lexicon.yml `elsewhere`: "München", "Cologne"). */
export function namesPlaceElsewhere(text: string): boolean {
  return projectLexicon().elsewhere.has(wordsOf(text));
}

/**
 * True when the message names a place outside both regions and no place of theirs at all ("Welche Förderprogramme gibt
 * es in Ostwestfalen-Lippe?"): it asks about somewhere else, not about the cooperation.
 */
export function asksAboutElsewhere(text: string): boolean {
  const lexicon = projectLexicon();
  const words = wordsOf(text);
  return lexicon.elsewhere.has(words) && lexicon.places(words).length === 0;
}

/** True when the message asks for partners or customers rather than for a service (lexicon.yml `partners`). */
export function asksForPartners(text: string): boolean {
  return projectLexicon().partnerWords.has(wordsOf(text));
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

/** At most this many words after a number are what it counts. */
const countedWords = 3;

/**
 * Whether `words[i]` of `text` is a number that counts something: a number word of lexicon.yml, or one to four digits
 * that are no year (1900–2099) and no part of a house number, postcode, phone number or date (digits next to other
 * digits, "+", "/", "-", "(", ")" or a point or comma).
 */
function isCount(text: string, words: readonly Word[], i: number, numberWords: WordList): boolean {
  const word = words[i]!;
  if (numberWords.matchAt(words, i) === 1) return true;
  if (!/^\d{1,4}$/.test(word.raw) || /^(19|20)\d\d$/.test(word.raw)) return false;
  const before = text.slice(Math.max(0, word.from - 2), word.from);
  const after = text.slice(word.to, word.to + 2);
  return !/[\d.,+/()-]\s?$/.test(before) && !/^([\d.,/)-]|\s\d)/.test(after);
}

/**
 * True when `answer` states the number a question asks for ("Wie viele Weltmarktführer …?" — "mehr als 150
 * Weltmarktführer"): one of the two words after "wie viele"/"how many", or a word `wordsAlike` gives for it ("Kommunen" –
 * "Städte und Gemeinden"), is among the words right after a number in the answer. A question for a number is no
 * question for the contact details that happen to share its other words.
 */
export function statesAskedAmount(question: string, answer: string, wordsAlike: (word: string) => string[] = () => []): boolean {
  const subject = amountSubject(question);
  if (!subject) return true;
  const stems = subject
    .flatMap((word) => [foldUmlauts(word.toLowerCase()), ...wordsAlike(word)])
    .filter((word) => word.length >= 4)
    .map((word) => foldUmlauts(word).slice(0, 5));
  const text = answer.normalize('NFC');
  const words = wordsOf(text);
  const numberWords = projectLexicon().numberWords;
  for (let i = 0; i < words.length; i++) {
    if (!isCount(text, words, i, numberWords)) continue;
    // The words that follow it, separated by spaces only.
    for (let k = i + 1; k <= Math.min(words.length - 1, i + countedWords); k++) {
      if (!/^\s+$/.test(text.slice(words[k - 1]!.to, words[k]!.from)) || /\d/.test(words[k]!.word)) break;
      if (stems.some((stem) => words[k]!.word.startsWith(stem))) return true;
    }
  }
  return false;
}

/**
 * True unless `question` asks what came before or after a fact (lexicon.yml `timeOrder`: "Vorgänger", "previous"; or
 * `timeOrderBeforeName` right before a person's full name: "vor Hubertus Winterberg") and `answer` speaks of no such
 * order: an entry naming who holds a role now does not say who held it before.
 */
export function statesAskedOrder(question: string, answer: string): boolean {
  const lexicon = projectLexicon();
  const text = question.normalize('NFC');
  const words = wordsOf(text);
  const inPlace = positionsOf(lexicon.places(words).map((p) => [p.start, p.end]));
  // Two capitalised words in a row that are no place: a person's full name.
  const capitalised = (i: number) => i < words.length && !inPlace.has(i) && typedCapitalised(text, words[i]!);
  const beforeName = lexicon.timeOrderBeforeName.positions(words).some((i) => capitalised(i + 1) && capitalised(i + 2) && words[i + 2]!.clause === words[i]!.clause);
  if (!beforeName && !lexicon.timeOrder.has(words)) return true;
  return lexicon.timeOrder.has(wordsOf(answer.normalize('NFC')));
}

/**
 * `text` with the page or chat the user is on (lexicon.yml `thisAssistant`: "diese Seite", "this website") named as
 * the assistant, in `lang`: the user asks about the assistant itself, whose entry says whose it is and what it does.
 */
export function withAssistantNamed(text: string, lang: Language): string {
  const lexicon = projectLexicon();
  return replacingPhrases(text, lexicon.thisAssistant, lexicon.thisAssistantName[lang]);
}

/**
 * `text` with idioms for taking part (lexicon.yml `participation`: "mit im Boot", "on board") in the word the entries
 * use for it, in `lang` ("beteiligt", "involved"): read literally, their words ("Boot", "board") find nothing.
 */
export function withParticipationNamed(text: string, lang: Language): string {
  const lexicon = projectLexicon();
  return replacingPhrases(text, lexicon.participation, lexicon.participationName[lang]);
}

/**
 * `text`, or when it only asks what this is (lexicon.yml `whatIsThis`: "Was ist das hier?", "what is this?") and
 * `opensConversation`, the question for the assistant in `lang`: at the start of a conversation "this" is the page or
 * chat the user is on; later it is what was just said.
 */
export function withWhatIsThisRead(text: string, lang: Language, opensConversation: boolean): string {
  const lexicon = projectLexicon();
  return opensConversation && lexicon.whatIsThis.isWhole(wordsOf(text.normalize('NFC'))) ? lexicon.whatIsThisReading[lang] : text;
}

/**
 * `text` without idioms that name nothing asked about (lexicon.yml `idleIdioms`: "den ganzen Tag", "all day"): read
 * literally, "Tag" would ask for a date.
 */
export function withoutIdleIdioms(text: string): string {
  return replacingPhrases(text, projectLexicon().idleIdioms, '');
}

/** At most this many words after "außer"/"apart from" make the thing excepted (articles and adjectives before a noun). */
const maxExceptedWords = 3;

/**
 * `text` without what it excepts (lexicon.yml `excepting`: "außer Westphal", "apart from the universities"): the
 * question is about the rest ("Wer hat außer Westphal noch etwas gesagt?" asks for the others' words). The thing
 * excepted ends at its first capitalised word (a German noun; a name with all its capitalised words) within
 * `maxExceptedWords` of its clause, else with the run of words that are no stop words (after an article: "its world
 * market leaders"); a second thing joined by a word of `coordinating` goes with it.
 */
export function withoutExcepted(text: string): string {
  const lexicon = projectLexicon();
  const normal = text.normalize('NFC');
  const words = wordsOf(normal);
  const capitalised = (i: number) => typedCapitalised(normal, words[i]!);
  const isContent = (i: number) => contentWords(normal.slice(words[i]!.from, words[i]!.to)).length > 0;
  /** The index after the thing excepted that starts at `from`, or `from` when there is none. */
  const thingEnd = (from: number, clause: number) => {
    const within = [];
    for (let i = from; i < Math.min(words.length, from + maxExceptedWords) && words[i]!.clause === clause; i++) within.push(i);
    const noun = within.find(capitalised);
    if (noun === undefined) {
      // Without capitals (English, or typed in lower case): the run of content words ("world market leaders").
      const first = within.find(isContent);
      if (first === undefined) return from;
      let end = first + 1;
      while (end < words.length && end - first < maxExceptedWords && words[end]!.clause === clause && isContent(end)) end++;
      return end;
    }
    // A name of several words ("Thomas Westphal", "TU Dortmund") is one thing.
    let end = noun + 1;
    while (end < words.length && words[end]!.clause === clause && capitalised(end)) end++;
    return end;
  };
  const cuts: [number, number][] = [];
  for (let i = 0; i < words.length; i++) {
    const length = lexicon.excepting.matchAt(words, i);
    if (length === 0) continue;
    const clause = words[i]!.clause;
    let end = thingEnd(i + length, clause);
    if (end === i + length) continue;
    const joined = end < words.length && words[end]!.clause === clause ? lexicon.coordinating.matchAt(words, end) : 0;
    if (joined > 0) {
      const second = thingEnd(end + joined, clause);
      if (second > end + joined) end = second;
    }
    cuts.push([words[i]!.from, words[end - 1]!.to]);
    i = end - 1;
  }
  if (cuts.length === 0) return text;
  let out = '';
  let from = 0;
  for (const [start, stop] of cuts) {
    out += normal.slice(from, start);
    from = stop;
  }
  return (out + normal.slice(from)).replace(/\s{2,}/g, ' ');
}

/** `text` with every phrase of `list` replaced by `name`. */
function replacingPhrases(text: string, list: WordList, name: string): string {
  const normal = text.normalize('NFC');
  const words = wordsOf(normal);
  let out = '';
  let from = 0;
  for (let i = 0; i < words.length; i++) {
    const length = list.matchAt(words, i);
    if (length === 0) continue;
    out += normal.slice(from, words[i]!.from) + name;
    from = words[i + length - 1]!.to;
    i += length - 1;
  }
  return from === 0 ? text : out + normal.slice(from);
}

/**
 * True unless `question` asks for a price (lexicon.yml `priceQuestions`: "Was kostet …?", "how much does … cost?") and
 * `answer` states none: no amount in a currency (a currency sign or word, `priceStated`) and no word saying it is free.
 * An entry that says how to take part does not say what taking part costs.
 */
export function statesAskedPrice(question: string, answer: string): boolean {
  const lexicon = projectLexicon();
  if (!lexicon.priceQuestions.has(wordsOf(question.normalize('NFC')))) return true;
  return /[€$£]/.test(answer) || lexicon.priceStated.has(wordsOf(answer.normalize('NFC')));
}

/**
 * True unless `question` asks how long something runs or until when (lexicon.yml `durationQuestions`: "Wie lange gilt
 * …?", "how long will … run?") and `answer` states no span of time or term (`durationStated`): the entry about the
 * agreement does not say how long it runs.
 */
export function statesAskedDuration(question: string, answer: string): boolean {
  const lexicon = projectLexicon();
  if (!lexicon.durationQuestions.has(wordsOf(question.normalize('NFC')))) return true;
  return lexicon.durationStated.has(wordsOf(answer.normalize('NFC')));
}

/** Words that may open the part before the side said to lack something ("…, worin in Dortmund nicht?", "that the Sauerland"). */
const maxWordsOpeningPart = 2;

/**
 * `text` without the side a comparison of the two regions names as lacking (lexicon.yml `lacking`): "Was kann Dortmund,
 * was Südwestfalen nicht kann?" asks for what Dortmund can, so the part from "Südwestfalen" to the end of its clause is
 * left out. Only in a question about the regions (no need, no words for the user: "Wir in Dortmund finden nicht …" is
 * the user's origin), where exactly one region is named in a clause with such a word and the other region elsewhere.
 */
export function withoutLackingSide(text: string): string {
  const lexicon = projectLexicon();
  const normal = text.normalize('NFC');
  const words = wordsOf(normal);
  if (!asksQuestion(text) || describesNeed(text) || lexicon.self.has(words)) return text;
  const places = lexicon.places(words);
  if (new Set(places.map((place) => place.region)).size !== 2) return text;
  const lacking = lexicon.lacking.positions(words);
  const clauseEnd = (i: number) => {
    let end = i;
    while (end < words.length && words[end]!.clause === words[i]!.clause) end++;
    return end;
  };
  // A place is the lacking side when such a word follows it in its clause, before any other place.
  const negated = places.filter((place, k) => {
    const next = places[k + 1];
    const until = Math.min(clauseEnd(place.start), next && words[next.start]!.clause === words[place.start]!.clause ? next.start : words.length);
    return lacking.some((i) => i >= place.end && i < until);
  });
  if (negated.length !== 1) return text;
  const side = negated[0]!;
  const end = clauseEnd(side.start);
  if (places.some((place) => place !== side && place.start > side.start && place.start < end)) return text;
  // From the start of its clause when only a word or two open it ("…, was Südwestfalen …", "…, worin in Dortmund …"),
  // else from a relative word a word or two before it ("… that the Sauerland lacks").
  let clauseStart = side.start;
  while (clauseStart > 0 && words[clauseStart - 1]!.clause === words[side.start]!.clause) clauseStart--;
  const near = (i: number) => i >= clauseStart && i < side.start && side.start - i <= maxWordsOpeningPart;
  const relative = [side.start - 1, side.start - 2].find((i) => near(i) && lexicon.relativePronouns.matchAt(words, i) > 0);
  const from = clauseStart > 0 && near(clauseStart) ? clauseStart : (relative ?? side.start);
  const kept = normal.slice(0, words[from]!.from).replace(/[\s,;:–—-]+$/u, '');
  const rest = end === words.length ? (normal.slice(words[end - 1]!.to).match(/[?!.]/u)?.[0] ?? '') : ` ${normal.slice(words[end]!.from)}`;
  return kept.length === 0 ? text : `${kept}${rest}`.trim();
}

/**
 * True when the message describes a need that providers could meet (lexicon.yml `need`). Places and the words that
 * introduce them are read past ("Wer in Dortmund kann uns helfen?" asks like "Wer kann uns helfen?").
 */
export function describesNeed(text: string): boolean {
  const words = withoutPlaceNames(wordsOf(text));
  const need = projectLexicon().need;
  if (need.notWhenOpening.opens(words) > 0) return false;
  return (
    hasOutsideKnowing(need.words, words) ||
    hasOutsideKnowing(need.plans, words) ||
    need.exists.has(words) ||
    need.ownCompany.has(words) ||
    plansForOwnThing(words)
  );
}

/** A clause of the message opens with a self-introduction ("Wir sind …", "We are …"; lexicon.yml `selfIntroductions`). */
export function introducesSelf(text: string): boolean {
  const words = wordsOf(text);
  const opens = (i: number) => i === 0 || words[i - 1]!.clause !== words[i]!.clause;
  return words.some((_, i) => opens(i) && projectLexicon().selfIntroductions.matchAt(words, i) > 0);
}

/** The message names the cooperation's field: digitalisation, data, software, automation (lexicon.yml `need.field`). */
export function namesTheField(text: string): boolean {
  return projectLexicon().need.field.has(wordsOf(text));
}

/**
 * A thing of the user's own that should or must change: a possessive, then within `need.ownPlanWithin` words of its
 * clause a verb of `need.ownPlanVerbs` ("Unser Vertrieb soll …", "our warehouse has to …"). A modal before the
 * possessive asks a question instead ("Müssen unsere Mitarbeiter …?").
 */
function plansForOwnThing(words: readonly Word[]): boolean {
  const lexicon = projectLexicon();
  const { ownPlanVerbs, ownPlanWithin } = lexicon.need;
  return lexicon.possessives.positions(words).some((i) => {
    for (let j = i + 1; j <= i + ownPlanWithin && j < words.length && words[j]!.clause === words[i]!.clause; j++) {
      if (ownPlanVerbs.matchAt(words, j) > 0) return true;
    }
    return false;
  });
}

/** The message opens by asking about someone else's need ("Sucht die Wirtschaftsförderung …?", `need.notWhenOpening`). */
export function asksAboutOthersNeed(text: string): boolean {
  return projectLexicon().need.notWhenOpening.opens(withoutPlaceNames(wordsOf(text))) > 0;
}

/**
 * The message opens asking for a time or a reason ("Wann findet … statt?", "Why should …?"; lexicon.yml
 * `askingWhenOrWhy`): a date or the cooperation's reasons, not providers.
 */
export function asksWhenOrWhy(text: string): boolean {
  return projectLexicon().askingWhenOrWhy.opens(wordsOf(text)) > 0;
}

/** Words after a need or plan within which a verb of knowing makes it a question ("wir möchten gern wissen"). */
const knowingWithin = 2;

/** Whether `words` hold an entry of `list` that a verb of knowing follows (`knowing`) or that none follows (`!knowing`). */
function hasEntry(list: WordList, words: readonly Word[], knowing: boolean): boolean {
  const verbs = projectLexicon().need.knowing;
  for (let i = 0; i < words.length; i++) {
    const length = list.matchAt(words, i);
    if (length === 0) continue;
    const end = i + length;
    let knows = false;
    for (let j = end; j < Math.min(words.length, end + knowingWithin + 1) && words[j]!.clause === words[i]!.clause; j++) {
      if (verbs.matchAt(words, j) > 0) knows = true;
    }
    if (knows === knowing) return true;
  }
  return false;
}

/** An entry of `list` in `words` that is not followed by a verb of knowing (lexicon.yml `need.knowing`). */
function hasOutsideKnowing(list: WordList, words: readonly Word[]): boolean {
  return hasEntry(list, words, false);
}

/** True when the user wants to know something ("wir möchten wissen, ob …", "we would like to find out …"). */
export function asksToKnow(text: string): boolean {
  const words = wordsOf(text);
  const need = projectLexicon().need;
  return hasEntry(need.words, words, true) || hasEntry(need.plans, words, true);
}

/**
 * True when the message makes the cooperation itself its subject (lexicon.yml `aboutTheCooperation`). After an
 * indefinite article the word means any collaboration ("für eine Zusammenarbeit", "a partnership with"), not this one.
 */
export function asksAboutTheCooperation(text: string): boolean {
  const words = wordsOf(text);
  const lexicon = projectLexicon();
  const anyOne = (position: number) => position > 0 && lexicon.indefiniteArticles.matchAt(words, position - 1) > 0;
  return lexicon.aboutTheCooperation.positions(words).some((position) => !anyOne(position));
}

/** `words` without the places they name, each with the prepositions and articles before it ("in der Region Siegen"). */
function withoutPlaceNames(words: readonly Word[]): Word[] {
  const lexicon = projectLexicon();
  const dropped = new Set<number>();
  for (const mention of lexicon.places(words)) {
    let first = mention.start;
    while (first > 0 && lexicon.placeArticles.matchAt(words, first - 1) === 1) first--;
    if (first > 0 && lexicon.placePrepositions.matchAt(words, first - 1) === 1) first--;
    for (let i = first; i < mention.end; i++) dropped.add(i);
  }
  return words.filter((_, i) => !dropped.has(i));
}

/** "nur Hochschulen" / "only start-ups": narrowing of the last provider list (lexicon.yml `kindFilter`), or undefined. */
export function detectKindFilter(text: string): ProviderKind | undefined {
  const words = wordsOf(text);
  const filter = projectLexicon().kindFilter;
  const length = filter.opens.opens(words);
  if (length === 0 || length === words.length) return undefined;
  const rest = words.slice(length);
  return filter.kinds.find((group) => group.words.has(rest))?.kind;
}

/**
 * The last sentence or clause that asks the question, when the message puts some context before it ("Ich schreibe
 * eine Hausarbeit: Welche Träger stehen hinter der Agentur?", "I'm a reporter – who can I call?"); else undefined.
 * Sentences, colons, semicolons and dashes separate the parts; the last part is the question when it ends in "?" or
 * starts like one. A question with something after it ("Who signed it? Please list their salaries too.") is not asked
 * alone: what follows says what the answer must hold; only what the user then says of themselves ("… I read about it in
 * the paper.", `aboutTheAsker`) is context like what comes before. Not asked alone either: a part shorter than three words, and one that points
 * back to the context ("Wer kann das für uns in Soest umsetzen?", "Wo geht das?"): alone it asks something else, unless
 * the context asks a question inside a sentence (after a comma, a word of lexicon.yml `indirectQuestionStarts`: "Ich
 * brauche die Angabe, wer die Vereinbarung unterzeichnet hat. Können Sie mir das bestätigen?"): then that is asked.
 */
export function questionPart(text: string): string | undefined {
  const parts = text
    .split(/(?<=[.!?:;])\s+|\s+[–—-]\s+/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length < 2) return undefined;
  // What the user says of themselves after the question ("… Ich habe davon in der Zeitung gelesen.") is context too:
  // the question before it is asked.
  let end = parts.length;
  while (end > 1 && (aboutTheAsker(parts[end - 1]!) || objection(parts[end - 1]!))) end--;
  const last = parts[end - 1]!;
  const asking = last.endsWith('?') || startsLikeQuestion(last) ? last : undefined;
  if (!asking || asking.split(/\s+/).length < 3) return undefined;
  if (!pointsBack(asking)) return asking;
  // "Ich brauche die Angabe, welche Organisationen … geschlossen haben. Können Sie mir das bestätigen?": the question
  // points back to the one the context asks inside a sentence.
  return parts.slice(0, end - 1).reverse().map(indirectQuestion).find((question) => question !== undefined);
}

/**
 * Whether a part of a message only says something of the user (it opens with a word for the user, lexicon.yml `self`:
 * "Ich habe davon gelesen.", "We are new here."), asking nothing and wanting nothing (no "?", no question start, no
 * need verb: "Ich brauche auch die Gehälter." says what the answer must hold).
 */
function aboutTheAsker(part: string): boolean {
  const words = wordsOf(part);
  const lexicon = projectLexicon();
  return !part.endsWith('?') && !startsLikeQuestion(part) && lexicon.self.matchAt(words, 0) > 0 && !lexicon.needVerbs.has(words);
}

/**
 * Whether a part of a message objects to what it asks (a particle of lexicon.yml `objections`: "Die Stadt ist
 * schließlich groß.", "Arnsberg is bigger, after all."), asking nothing and wanting nothing (as in `aboutTheAsker`): it says
 * why the user asks, not what the answer must hold.
 */
function objection(part: string): boolean {
  const words = wordsOf(part);
  const lexicon = projectLexicon();
  return !part.endsWith('?') && !startsLikeQuestion(part) && lexicon.objections.has(words) && !lexicon.needVerbs.has(words);
}

/**
 * The last question `part` asks inside a sentence: from a question word after a comma ("…, welche beiden Organisationen
 * … haben.") or right after a verb of knowing (lexicon.yml `need.knowing`: "I need to know where the agency is based.").
 */
function indirectQuestion(part: string): string | undefined {
  const words = wordsOf(part);
  const lexicon = projectLexicon();
  const afterKnowing = (i: number) => [1, 2].some((n) => i >= n && lexicon.need.knowing.matchAt(words, i - n) === n);
  for (let i = words.length - 1; i > 0; i--) {
    if (lexicon.indirectQuestionStarts.matchAt(words, i) === 0) continue;
    if (words[i]!.clause === words[i - 1]!.clause && !afterKnowing(i)) continue;
    const question = part.slice(words[i]!.from).replace(/[.!]+$/, '').trim();
    return question.split(/\s+/).length >= 3 && !pointsBack(question) ? question : undefined;
  }
  return undefined;
}

/** Whether `text` starts like a question (lexicon.yml `questionStarts`: "Welche Träger stehen hinter der Agentur"). */
function startsLikeQuestion(text: string): boolean {
  return projectLexicon().questionStarts.opens(wordsOf(text)) > 0;
}

/**
 * Whether a word of `text` stands for something said before (lexicon.yml `pointsBack`): "Wer kann das für uns in Soest
 * umsetzen?", "Wo geht das?", "Who can do that?".
 */
function pointsBack(text: string): boolean {
  const normal = text.normalize('NFC');
  const words = wordsOf(normal);
  const lists = projectLexicon().pointsBack;
  return words.some((word, i) => {
    if (lists.words.matchAt(words, i) > 0) return true;
    const last = i === words.length - 1;
    if (lists.atEnd.matchAt(words, i) === 1 && last) return true;
    if (lists.beforeWord.matchAt(words, i) === 1 && (last || words[i + 1]!.clause === word.clause)) return true;
    if (lists.lowerCase.matchAt(words, i) === 1) {
      const typed = normal.slice(word.from, word.to);
      return typed.slice(1) === typed.slice(1).toLowerCase() && normal[word.to] !== '-';
    }
    return false;
  });
}

/** Whether the message asks something (a question mark, or a question word first), rather than states a need. */
export function asksQuestion(text: string): boolean {
  return text.includes('?') || startsLikeQuestion(text);
}

/** A few words without a question ("Lagerlogistik-Optimierung", "ERP-Einführung Mittelstand"): typed as into a search box. */
export function isKeywordQuery(text: string): boolean {
  return text.trim().split(/\s+/).length <= 4 && !asksQuestion(text);
}
