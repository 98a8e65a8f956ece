/**
 * Follow-up questions: a short message that leans on the previous answer ("und in Dortmund?", "was hat er dazu
 * gesagt?", "and the other side?") is read together with the question that answer was given to. The words that make a
 * follow-up are in knowledge/lexicon.yml (`followUp`); a longer message is a full question and starts fresh.
 */
import { contentWords, stem } from '../knowledge/analyzer.js';
import type { Lexicon } from '../knowledge/lexicon.js';
import { typedCapitalised, wordsOf, type PlaceMention, type Word } from '../knowledge/lexicon.js';
import { otherRegion, type ProviderKind, type Region } from '../knowledge/schema.js';
import type { ConversationMemory } from './types.js';

/** Longest question kept as the conversation's topic. */
const maxTopicChars = 300;

/**
 * A question to ask instead of a follow-up. `otherParty`: the last question itself, asked of another person or
 * organisation ("und bei der Südwestfalen Agentur?" after who heads the Wirtschaftsförderung Dortmund).
 */
export interface FollowUpReading {
  text: string;
  otherParty?: boolean;
  /** With `otherParty`: the person or organisation put in, as typed or as the folder writes them. */
  party?: string;
  /**
   * The last question with the two regions swapped ("und die andere Seite?"): the message's own words only say so,
   * they ask nothing of their own.
   */
  regionsSwapped?: boolean;
  /** The last question asked of another place ("und in Siegen?"): after a provider list, the search moved. */
  placeMoved?: boolean;
}

/**
 * The questions to ask instead of `text`, most specific first; none when `text` is no follow-up (or nothing was
 * answered before):
 * - "the other side" of a two-party answer: the previous question with the two regions swapped; without a place, with
 *   the one person it names replaced by the person of the other side (`personOf` without a region);
 * - an elliptic start that names another organisation ("und bei der Südwestfalen Agentur?"): the previous question
 *   with the one organisation it names (`organisations`: where a message names one) replaced by that one;
 * - an elliptic start that names a whole region after an answer about one person ("what about the Südwestfalen side?"
 *   after Thomas Westphal's quote): the question that answer answers, of the person of that region (`personOf`);
 * - an elliptic start that names a place ("und Dortmund?", "what about Siegen?"): the previous question with its
 *   places replaced by that one; where it says where the user is (`ownPlaces`: "aus Olpe"), the other places only;
 *   where it names no place but one person, that person replaced by the person of the place's region (`personOf`);
 * - an elliptic start that names someone else ("und Westphal?", "and Thomas Westphal?"): the previous question with
 *   the one name it holds (`names`: the folder's proper names) replaced by that one;
 * - a pronoun for who or what was just named ("Was hat er gesagt?"): `text` with a pronoun for a person replaced by
 *   the one person the last answer names (`person`, see `EntrySubjects.personIn`), then with the places and names of
 *   the previous question, then with the whole previous question;
 * - an elliptic start ("und …?", "and …?"): `text` with the previous question.
 */
/** What the core knows beyond the lexicon that a follow-up reading needs; each part has a neutral default. */
export interface FollowUpContext {
  /** The folder's proper names (see `nameSpans`). */
  names?: ReadonlySet<string>;
  /** The one person the last answer names (`EntrySubjects.personIn`). */
  person?: string;
  /** The question the last answer answers (its title: "What did Thomas Westphal say about the cooperation?"). */
  answered?: string;
  /** Where a message names an organisation ("bei der Südwestfalen Agentur"). */
  organisations?: (words: readonly Word[]) => Span[];
  /** Where a message says where the user is ("aus Olpe"). */
  ownPlaces?: (words: readonly Word[]) => Span[];
  /** The person of a region's side, other than `besides` (without a region: of the other side). */
  personOf?: (region: Region | undefined, besides: string) => string | undefined;
  /** Whether the last reply was a provider list: its question says what the user needs, not only where or whom. */
  afterProviders?: boolean;
  /** Whether a message names a topic of the directory ("Fördermittel", "IT security"). */
  namesTopic?: (text: string) => boolean;
}

export function readFollowUp(
  text: string,
  lexicon: Lexicon,
  memory: Pick<ConversationMemory, 'lastTopic'>,
  context: FollowUpContext = {},
): FollowUpReading[] {
  return readings(text, lexicon, memory, context).map((reading) => (typeof reading === 'string' ? { text: reading } : reading));
}

function readings(
  text: string,
  lexicon: Lexicon,
  memory: Pick<ConversationMemory, 'lastTopic'>,
  { names = new Set(), person, answered, organisations = () => [], ownPlaces = () => [], personOf = () => undefined, afterProviders = false, namesTopic = () => false }: FollowUpContext,
): (string | FollowUpReading)[] {
  const { lastTopic } = memory;
  if (!lastTopic) return [];
  const typedText = text.normalize('NFC');
  const words = wordsOf(typedText);
  const { leansOn, otherSide } = lexicon.followUp;
  const opening = openingAfterInterjections(words, lexicon);
  const elliptic = ellipticStart(typedText, words, opening, lexicon) > 0;
  const aboutIt = opensAboutIt(typedText, words, opening, lexicon);
  if (words.length === 0 || !(aboutIt || leansOnLastTopic(words, elliptic, lastTopic, lexicon))) return [];
  if (otherSide.has(words)) {
    const swapped = swapRegions(lastTopic, lexicon);
    if (swapped !== lastTopic) return [{ text: swapped, regionsSwapped: true }];
    // No place to swap, but one person ("Was hat Winterberg gesagt?"): the same question of the other side's person.
    const topic = lastTopic.normalize('NFC');
    const topicWords = wordsOf(topic);
    const [named, ...moreNamed] = nameSpans(topicWords, names, lexicon);
    const other = named && moreNamed.length === 0 ? personOf(undefined, topic.slice(topicWords[named.start]!.from, topicWords[named.end - 1]!.to)) : undefined;
    if (other !== undefined) return [{ text: replaceSpan(topic, topicWords, named!, other), otherParty: true, party: other }];
    // Nor a person in the question, but the answer was one person's ("Von wem stammt das Zitat …?" → Winterberg's quote):
    // the question that answer answers, of the other side's person.
    const answeredBy = person !== undefined && answered?.normalize('NFC').includes(person) ? personOf(undefined, person) : undefined;
    return answeredBy === undefined ? [swapped] : [{ text: answered!.normalize('NFC').replace(person!, answeredBy), otherParty: true, party: answeredBy }];
  }
  // A word that refers back ("dabei") in a message that does not open elliptically, and a longer message (it says its
  // own question and leans on the last one only for what it names), are read like a pronoun.
  // A longer message opening with a word for what was just asked ("geht das auch in …, also …?") is elliptic all the same.
  const pronoun = hasPointer(typedText, lexicon) || endsWithPointer(words, lexicon) || (!elliptic && leansOn.has(words)) || (words.length > lexicon.followUp.maxWords && !aboutIt);
  if (!elliptic && !pronoun) return [];
  const withTopic = withLastTopic(text, lastTopic);
  const typed = text.normalize('NFC');
  if (pronoun) {
    // A pronoun stands for the person the last answer named ("Did he say anything?" after who chairs the board: the
    // chairman the answer names), else for whom or what the last question named: the message's own question with
    // those names comes before the whole last question.
    // After a provider list, a message without a need of its own asks about the same need ("können wir dort auch
    // Praktikanten finden?"): the whole last question, which says the need and whom it asked for, comes first. A need
    // of its own ("kann mir dort jemand bei Fördermitteln helfen?") takes only the places and names; one that names no
    // topic ("und wer berät einen da?") asks for someone for the same need.
    const named = namesIn(lastTopic, names, lexicon);
    const sameNeed = afterProviders && (!lexicon.need.words.has(words) || !namesTopic(typed));
    const readings = !named ? [withTopic] : sameNeed ? [withTopic, `${typed} ${named}`] : [`${typed} ${named}`, withTopic];
    const asPerson = person === undefined ? undefined : withPerson(typed, words, person, lexicon);
    return asPerson === undefined ? readings : [asPerson, ...readings];
  }
  const topicWords = wordsOf(lastTopic.normalize('NFC'));
  const topic = lastTopic.normalize('NFC');
  // An organisation for another ("Wirtschaftsförderung Dortmund" → "Südwestfalen Agentur"), before places: the place in
  // an organisation's name is no place asked about.
  const [organisation, ...moreOrganisations] = organisations(words);
  const [previousOrganisation, ...morePreviousOrganisations] = organisations(topicWords);
  if (organisation && previousOrganisation && moreOrganisations.length === 0 && morePreviousOrganisations.length === 0) {
    const party = typed.slice(words[organisation.start]!.from, words[organisation.end - 1]!.to);
    return [{ text: replaceSpan(topic, topicWords, withItsPlace(previousOrganisation, topicWords, lexicon), party), otherParty: true, party }, withTopic];
  }
  const place = lexicon.places(words)[0];
  // The last answer is one person's and names them in its question ("What did Thomas Westphal say …?"), and the message
  // names a whole region ("what about the Südwestfalen side?"): that question of the person of the region's side.
  const otherSidePerson = place && place.districts.length === 0 && person !== undefined ? personOf(place.region, person) : undefined;
  const ofOtherSide =
    otherSidePerson !== undefined && answered?.normalize('NFC').includes(person!) ? [{ text: answered.normalize('NFC').replace(person!, otherSidePerson), otherParty: true, party: otherSidePerson }] : [];
  if (place) {
    // Where the last question says where the user is ("Maschinenbauer aus Olpe … in Dortmund"), the place looked in is
    // moved ("und in Siegen?"), the user staying where they are; where it names no other place, the message after it
    // says where to look ("Firma aus Arnsberg …" → "und in Dortmund?"). Otherwise the place of the same region is the one moved
    // ("Testbetriebe in Südwestfalen" → "… im Kreis Soest"); without one, every place is ("Was bringt Südwestfalen
    // ein?" → "und Dortmund?").
    const own = ownPlaces(topicWords);
    const isOwn = (mention: Span) => own.some((span) => mention.start >= span.start && mention.end <= span.end);
    const mentions = lexicon.places(topicWords);
    const looked = mentions.filter((mention) => !isOwn(mention));
    const sameRegion = mentions.some((mention) => mention.region === place.region);
    const moves = (mention: PlaceMention) =>
      own.length > 0 && looked.length > 0 ? !isOwn(mention) : !sameRegion || mention.region === place.region;
    const placeTyped = typed.slice(words[place.start]!.from, words[place.end - 1]!.to);
    const movedTo = (to: string) =>
      own.length > 0 && looked.length === 0
        ? `${topic} ${typed.slice(0, words[place.start]!.from)}${to}${typed.slice(words[place.end - 1]!.to)}`
        : replacePlaces(lastTopic, lexicon, () => to, moves);
    const moved = movedTo(placeTyped);
    // A town or district where the folder knows no one for it ("und in Meschede?"): its region's, before the last
    // question's own place.
    const widened = place.districts.length > 0 && moved !== undefined ? [movedTo(lexicon.regionName(place.region))!] : [];
    // A whole region for the other one ("und Südwestfalen?" after what Dortmund offers): first the question the last
    // answer answers, of that region, which the folder words as its entry for the other side does.
    const answeredMoved =
      moved !== undefined && answered !== undefined && place.districts.length === 0
        ? replacePlaces(answered, lexicon, () => placeTyped, (mention) => mention.region !== place.region)
        : undefined;
    // The last question asked of another place is a question of its own, like one of another party: the last answer
    // may answer it again ("und in Dortmund?" after who heads the agency: the entry naming both heads).
    const ofPlace = (text: string) => ({ text, otherParty: true, placeMoved: true });
    if (moved !== undefined) return [...ofOtherSide, ...(answeredMoved === undefined ? [] : [answeredMoved]), ofPlace(moved), ...widened.map(ofPlace), withTopic];
    // The last question names a person and no place ("Was hat Winterberg betont?" → "und der Kollege aus Dortmund?"):
    // the same question of the person of that place's region (`personOf`).
    const [named, ...moreNamed] = nameSpans(topicWords, names, lexicon);
    const other = named && moreNamed.length === 0 ? personOf(place.region, topic.slice(topicWords[named.start]!.from, topicWords[named.end - 1]!.to)) : undefined;
    return other === undefined ? [...ofOtherSide, withTopic] : [{ text: replaceSpan(topic, topicWords, named!, other), otherParty: true, party: other }, withTopic];
  }
  const [name, ...moreNames] = nameSpans(words, names, lexicon);
  const [previous, ...morePrevious] = nameSpans(topicWords, names, lexicon);
  if (!name || moreNames.length > 0 || !previous || morePrevious.length > 0) return [withTopic];
  // A name that is part of an organisation's name ("Agentur" of "Südwestfalen Agentur") is swapped only for another
  // organisation (above); another name ("und der Geschäftsführer?") asks about a role or person of that organisation.
  if (organisations(topicWords).some((span) => previous.start >= span.start && previous.end <= span.end)) return [withTopic];
  const party = typed.slice(words[name.start]!.from, words[name.end - 1]!.to);
  return [{ text: replaceSpan(topic, topicWords, withItsPlace(previous, topicWords, lexicon), party), otherParty: true, party }, withTopic];
}

/**
 * Whether `text` holds a word for who or what was just named (lexicon.yml `followUp.pointers`: "er", "dort", "they")
 * after its elliptic opening: one inside the opening is part of it ("is there anything like that …", "could it also
 * work …").
 */
export function hasPointer(text: string, lexicon: Lexicon): boolean {
  const typed = text.normalize('NFC');
  const words = wordsOf(typed);
  const opening = openingAfterInterjections(words, lexicon);
  return lexicon.followUp.pointers.has(words.slice(opening + ellipticStart(typed, words, opening, lexicon)));
}

/**
 * Whether a clause of `words` closes with a word that stands for what was just named (lexicon.yml
 * `followUp.endPointers`: "Was kostet der?", "Who runs that one?"); before a noun such a word is an article.
 */
export function endsWithPointer(words: readonly Word[], lexicon: Lexicon): boolean {
  return closesAClause(words, lexicon.followUp.endPointers);
}

/**
 * Whether `text` asks about what the last answer listed ("ist Olpe einer davon?", "Sind da auch Städte dabei?";
 * lexicon.yml `followUp.inLastAnswer`, `inLastAnswerAtEnd` where it closes a clause).
 */
export function asksAboutLastAnswer(text: string, lexicon: Lexicon): boolean {
  const words = wordsOf(text);
  return lexicon.followUp.inLastAnswer.has(words) || closesAClause(words, lexicon.followUp.inLastAnswerAtEnd);
}

/** Whether an entry of `list` closes a clause of `words` (the last words before a clause mark or the end). */
function closesAClause(words: readonly Word[], list: Lexicon['followUp']['endPointers']): boolean {
  return words.some((_, i) => {
    const length = list.matchAt(words, i);
    const next = words[i + length];
    return length > 0 && (next === undefined || next.clause !== words[i + length - 1]!.clause);
  });
}

/**
 * The length of the elliptic start at `at` ("und", "what about", lexicon.yml `followUp.starts`; "geht das auch",
 * `followUp.aboutIt`, also after "und"), 0 without one. `typed`: the NFC-normalised text `words` are of.
 */
function ellipticStart(typed: string, words: readonly Word[], at: number, lexicon: Lexicon): number {
  const start = lexicon.followUp.starts.matchAt(words, at);
  return start + aboutItLength(typed, words, at + start, lexicon);
}

/**
 * The length of an opening with a word for what was just asked at `at` (lexicon.yml `followUp.aboutIt`: "geht das
 * auch", "wäre das"), 0 without one. Closing on `followUp.endPointers` before a capitalised word, it is the article of
 * that noun ("Ist das Abkommen befristet?" names what it asks about): no such opening.
 */
function aboutItLength(typed: string, words: readonly Word[], at: number, lexicon: Lexicon): number {
  const length = lexicon.followUp.aboutIt.matchAt(words, at);
  const next = words[at + length];
  const article = length > 0 && next !== undefined && lexicon.followUp.endPointers.matchAt(words, at + length - 1) === 1 && typedCapitalised(typed, next);
  return article ? 0 : length;
}

/** Whether the elliptic start at `at` holds a word for what was just asked ("und geht das auch …", see `aboutItLength`). */
function opensAboutIt(typed: string, words: readonly Word[], at: number, lexicon: Lexicon): boolean {
  return aboutItLength(typed, words, at + lexicon.followUp.starts.matchAt(words, at), lexicon) > 0;
}

/** Where a message starts after an acknowledgement ("Ok. Und …", "I see, and …": lexicon.yml `followUp.interjections`). */
function openingAfterInterjections(words: readonly Word[], lexicon: Lexicon): number {
  let at = 0;
  for (let length = lexicon.followUp.interjections.matchAt(words, at); length > 0; length = lexicon.followUp.interjections.matchAt(words, at)) at += length;
  return at;
}

/**
 * Whether a message may lean on the last question at all: a short one may (whether it does is told by its start and
 * pronouns); a longer one only with a word that refers back to what was just said (lexicon.yml `followUp.leansOn`:
 * "dabei", "in that"), or when it opens elliptically and the last question names some of what it asks about ("Und
 * was ist die Rolle der Agentur …?" after a question about the Südwestfalen Agentur). A longer message that says all it
 * asks about on its own is a full new question.
 */
function leansOnLastTopic(words: readonly Word[], elliptic: boolean, lastTopic: string, lexicon: Lexicon): boolean {
  if (words.length <= lexicon.followUp.maxWords || lexicon.followUp.leansOn.has(words)) return true;
  if (!elliptic) return false;
  const said = stemsOf(lastTopic, lexicon);
  return [...stemsOf(words.map((word) => word.word).join(' '), lexicon)].some((term) => said.has(term));
}

/**
 * The words `text` asks about of its own, as `wordsOf` spells them: its content words after its elliptic start ("geht
 * das auch", "does that also work") that are no fillers ("genau"), question words ("wann") or pointers ("dort").
 */
export function ownWords(text: string, lexicon: Lexicon): Set<string> {
  const { starts, pointers, leansOn } = lexicon.followUp;
  const typed = text.normalize('NFC');
  const words = wordsOf(typed);
  const opening = openingAfterInterjections(words, lexicon);
  const rest = words[opening + ellipticStart(typed, words, opening, lexicon)];
  if (rest === undefined) return new Set();
  const fillers = new Set(lexicon.fillerWords);
  const said = wordsOf(contentWords(typed.slice(rest.from)).filter((word) => !fillers.has(word)).join(' '));
  const lists = [lexicon.questionStarts, starts, pointers, leansOn];
  return new Set(said.filter((word) => !lists.some((list) => list.matchAt([word], 0) === 1)).map((word) => word.word));
}

/** The stems (in both languages) of the content words of `text` that are not fillers ("genau", "konkret"). */
function stemsOf(text: string, lexicon: Lexicon): Set<string> {
  const fillers = new Set(lexicon.fillerWords);
  const words = contentWords(text).filter((word) => !fillers.has(word));
  return new Set(words.flatMap((word) => [`de:${stem(word, 'de')}`, `en:${stem(word, 'en')}`]));
}

/**
 * Whether `text` asks for more of the providers just listed ("und wer noch?", "who else?"): a short message with a
 * phrase of lexicon.yml `followUp.more`. The caller asks the last question again without the providers shown.
 */
export function asksForMore(text: string, lexicon: Lexicon): boolean {
  const words = wordsOf(text);
  return words.length > 0 && words.length <= lexicon.followUp.maxWords && lexicon.followUp.more.has(words);
}

/**
 * Whether `text` is only an elliptic start and question words ("und wann?", "and where?"): it asks the last question
 * again, about that, and says nothing that would point to another entry.
 */
export function onlyAsksAgain(text: string, lexicon: Lexicon): boolean {
  const words = wordsOf(text);
  const rest = words.slice(lexicon.followUp.starts.opens(words));
  return rest.every((_, i) => lexicon.questionStarts.matchAt(rest, i) > 0);
}

/**
 * The kind of provider a follow-up asks for instead ("gibt es da auch Start-ups?", "und Hochschulen?", "and
 * universities?", "geht das auch mit Studierenden?"): it opens elliptically (lexicon.yml `followUp.starts`,
 * `followUp.aboutIt`, `kindFilter.alsoOpens`) and then names a kind (`kindFilter.kinds`), no place; a short one with no
 * question word of its own, a longer one only with the kind right after the opening. Undefined otherwise. Meant right
 * after a provider list: the same need, that kind.
 */
export function kindAskedFor(text: string, lexicon: Lexicon): ProviderKind | undefined {
  const typed = text.normalize('NFC');
  const words = wordsOf(typed);
  if (words.length === 0 || lexicon.places(words).length > 0) return undefined;
  const start = ellipticStart(typed, words, 0, lexicon);
  const opening = start + lexicon.kindFilter.alsoOpens.opens(words.slice(start));
  if (opening === 0 || opening === words.length) return undefined;
  const rest = words.slice(opening);
  // The kind right after the opening is whom the message asks for, at any length: what follows says what they should
  // do ("any universities that could take this on as a student project?").
  const head = lexicon.kindFilter.kinds.find((group) => group.words.matchAt(rest, 0) > 0)?.kind;
  if (head !== undefined) return head;
  if (words.length > lexicon.followUp.maxWords) return undefined;
  // A question of its own about what the kind's word names ("und was macht die Wirtschaftsförderung?") is no request.
  if (rest.some((_, i) => lexicon.questionStarts.matchAt(rest, i) > 0)) return undefined;
  return lexicon.kindFilter.kinds.find((group) => group.words.has(rest))?.kind;
}

/** A run of words of a message, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * `span` with the place right after it that says where what it names is ("die Agentur in Olpe"; lexicon.yml
 * `placeBeforeName` between): put another party in, that place goes with the old one.
 */
function withItsPlace(span: Span, words: readonly Word[], lexicon: Lexicon): Span {
  const next = span.end < words.length && lexicon.placeBeforeName.matchAt(words, span.end) === 1 ? span.end + 1 : span.end;
  const place = lexicon.places(words).find((mention) => mention.start === next && words[mention.start]!.clause === words[span.end - 1]!.clause);
  return place && next > span.end ? { start: span.start, end: place.end } : span;
}

/** `text` (as `words`) with the words of `span` replaced by `by`. */
function replaceSpan(text: string, words: readonly Word[], span: Span, by: string): string {
  return text.slice(0, words[span.start]!.from) + by + text.slice(words[span.end - 1]!.to);
}

/** `text` (as `words`) with its first pronoun for a person replaced by `person`; undefined when it has none. */
function withPerson(text: string, words: readonly Word[], person: string, lexicon: Lexicon): string | undefined {
  const at = words.findIndex((_, i) => lexicon.followUp.people.matchAt(words, i) > 0);
  if (at < 0) return undefined;
  const end = at + lexicon.followUp.people.matchAt(words, at) - 1;
  return text.slice(0, words[at]!.from) + person + text.slice(words[end]!.to);
}

/** `text` read with the whole last question: the least specific reading of a follow-up, tried last. */
export function withLastTopic(text: string, lastTopic: string): string {
  return `${text} ${lastTopic}`.slice(0, maxTopicChars);
}

/** The places and proper names `question` holds, as typed, in their order ("Südwestfalen Agentur"); "" without. */
function namesIn(question: string, names: ReadonlySet<string>, lexicon: Lexicon): string {
  const typed = question.normalize('NFC');
  const words = wordsOf(typed);
  const spans = [...lexicon.places(words), ...nameSpans(words, names, lexicon)].sort((a, b) => a.start - b.start);
  const said = spans.map((span) => typed.slice(words[span.start]!.from, words[span.end - 1]!.to));
  return [...new Set(said)].join(' ');
}

/** The runs of consecutive proper names in `words` ("Hubertus Winterberg"), places left out. */
function nameSpans(words: readonly Word[], names: ReadonlySet<string>, lexicon: Lexicon): { start: number; end: number }[] {
  const inPlace = new Set(lexicon.places(words).flatMap((p) => Array.from({ length: p.end - p.start }, (_, k) => p.start + k)));
  const spans: { start: number; end: number }[] = [];
  words.forEach((word, i) => {
    if (!names.has(word.word) || inPlace.has(i)) return;
    const last = spans[spans.length - 1];
    if (last && last.end === i) last.end = i + 1;
    else spans.push({ start: i, end: i + 1 });
  });
  return spans;
}

/** `question` with Dortmund and Südwestfalen swapped ("Welche Stärken bringt Dortmund ein?" → "… Südwestfalen …"). */
export function swapRegions(question: string, lexicon: Lexicon): string {
  return replacePlaces(question, lexicon, (region) => lexicon.regionName(otherRegion(region))) ?? question;
}

/** `question` with each place (that `moves`) replaced by `by(its region)`; undefined when none is. */
function replacePlaces(question: string, lexicon: Lexicon, by: (region: Region) => string, moves: (mention: PlaceMention) => boolean = () => true): string | undefined {
  const normalised = question.normalize('NFC');
  const words = wordsOf(normalised);
  const mentions = lexicon.places(words).filter(moves);
  if (mentions.length === 0) return undefined;
  let out = '';
  let at = 0;
  for (const mention of mentions) {
    out += normalised.slice(at, words[mention.start]!.from) + by(mention.region);
    at = words[mention.end - 1]!.to;
  }
  return out + normalised.slice(at);
}
