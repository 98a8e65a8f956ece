/**
 * Where users say what their own business is ("Wir sind ein Dortmunder Robotik-Start-up und suchen …"): those words tell
 * what the user is, not what the user looks for.
 */
import type { Lexicon, Word } from '../knowledge/lexicon.js';
import { isNeedVerb } from './placeRoles.js';
import { userLaterInSentence } from './selfDescription.js';

/**
 * The spans [start, end) of words where the user introduces themselves (lexicon.yml `selfIntroductions`, or `asOpening`: from "wir
 * sind" / "we are" to the next need verb, a word of `introductionEnds` ("und", "and") or the end of its clause).
 */
export function introductionSpans(words: readonly Word[], lexicon: Lexicon): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < words.length; i++) {
    if (lexicon.selfIntroductions.matchAt(words, i) === 0 && !asOpening(words, i, lexicon) && !ownFirmDoing(words, i, lexicon)) continue;
    let end = i + 1;
    while (
      end < words.length &&
      words[end]!.clause === words[i]!.clause &&
      !isNeedVerb(words, end, lexicon) &&
      lexicon.introductionEnds.matchAt(words, end) === 0
    )
      end++;
    spans.push([i, end]);
    i = end - 1;
  }
  return spans;
}

/** Words a firm's noun may have between the possessive that opens its clause and the noun ("Unser junges Start-up"). */
const MAX_WORDS_BEFORE_OWN_FIRM = 1;

/**
 * "Unser Start-up entwickelt Drohnen …", "Our firm builds sensors …": a possessive opening its clause, a word for a firm
 * right after it, and a verb of offering after that, with no need verb before it: the clause says what the user's firm
 * does, as "Wir sind ein Start-up, das … entwickelt" does.
 */
function ownFirmDoing(words: readonly Word[], i: number, lexicon: Lexicon): boolean {
  const clause = words[i]!.clause;
  if ((i > 0 && words[i - 1]!.clause === clause) || lexicon.possessives.matchAt(words, i) === 0) return false;
  const firmAt = (k: number) => k < words.length && words[k]!.clause === clause && (lexicon.wanted.matchAt(words, k) > 0 || lexicon.companyNouns.matchAt(words, k) > 0);
  const last = i + 1 + MAX_WORDS_BEFORE_OWN_FIRM;
  let noun = i + 1;
  while (noun <= last && !firmAt(noun)) noun++;
  if (noun > last) return false;
  for (let k = noun + 1; k < words.length && words[k]!.clause === clause; k++) {
    if (isNeedVerb(words, k, lexicon)) return false;
    if (lexicon.offerVerbs.matchAt(words, k) > 0) return true;
  }
  return false;
}

/**
 * "Als Start-up aus Dortmund möchten wir …", "As a Dortmund start-up, we …": "als"/"as" opening its clause, with a word
 * for the user later in its sentence, introduces the user as well as "wir als" does.
 */
function asOpening(words: readonly Word[], i: number, lexicon: Lexicon): boolean {
  if (lexicon.asWords.matchAt(words, i) === 0 || (i > 0 && words[i - 1]!.clause === words[i]!.clause)) return false;
  return userLaterInSentence(words, i, lexicon);
}

/**
 * Where users name their own business, read more widely than `introductionSpans`: also the words that open the clause
 * of the first need verb before it ("Als Dortmunder Hosting-Firma suchen wir …", "Dortmunder IT-Dienstleister sucht
 * …"), and a first clause (after a greeting) that asks and needs nothing before a clause that needs something ("Hello,
 * small robotics firm here. Looking for …"). Not where the user speaks of something of theirs ("Unsere Lieferkette
 * ist ein Albtraum."): a word for the user or a possessive in those words tells a problem, not a trade.
 */
export function ownBusinessSpans(words: readonly Word[], lexicon: Lexicon, firstWord: number): [number, number][] {
  const spans = introductionSpans(words, lexicon);
  const need = words.findIndex((_, i) => isNeedVerb(words, i, lexicon));
  if (need < 0) return spans;
  const aboutOwn = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (lexicon.self.matchAt(words, i) > 0 || lexicon.possessives.matchAt(words, i) > 0) return true;
    return false;
  };
  const clauseStart = (i: number) => {
    while (i > 0 && words[i - 1]!.clause === words[i]!.clause) i--;
    return i;
  };
  // The words before the need verb are its subject ("Dortmunder IT-Dienstleister sucht"), unless the user follows it
  // ("Für ein zweites Rechenzentrum suchen wir": what for); after "als" they are the user ("Als Cloud-Anbieter suchen wir").
  const opening = clauseStart(need);
  const subject = lexicon.asWords.matchAt(words, opening) > 0 || !(need + 1 < words.length && lexicon.self.matchAt(words, need + 1) > 0);
  if (opening < need && subject && lexicon.questionStarts.matchAt(words, opening) === 0 && !aboutOwn(opening, need)) spans.push([opening, need]);
  if (firstWord < words.length && words[firstWord]!.clause < words[need]!.clause && lexicon.questionStarts.matchAt(words, firstWord) === 0) {
    let end = firstWord;
    while (end < words.length && words[end]!.clause === words[firstWord]!.clause) end++;
    if (!aboutOwn(firstWord, end)) spans.push([firstWord, end]);
  }
  return spans;
}
