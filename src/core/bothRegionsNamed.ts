/**
 * When a message names places of both regions, which of them is the user's home: the one named as home
 * (`namesHome`), or the one whose places clearly describe the user (`describedAsUser`).
 */
import type { Lexicon, PlaceMention, Word } from '../knowledge/lexicon.js';
import type { Region } from '../knowledge/schema.js';
import { isSelfDescription } from './selfDescription.js';
import { startingPoint } from './placeRoles.js';

/**
 * The place is named as the user's home: an inhabitants' form for the user ("Wir sind ein Dortmunder Maschinenbauer",
 * "I'm a Dortmund founder",
 * "Dortmunder Firma mit Standort in …" opening the message; not "Können auch Dortmunder Betriebe …?"), right after a
 * possessive ("our Dortmund firm … an office in Siegen"), between "von" and "aus" ("von Dortmund aus"), after a word of residence ("Sitz: Iserlohn"), or after "aus"/"from" not following someone else ("gerne von jemandem aus
 * Dortmund" is whom they want, "I'm a founder from Dortmund" the user).
 */
export function namesHome(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): boolean {
  const clause = words[mention.start]!.clause;
  // "von Dortmund aus": where the user acts from.
  if (startingPoint(words, mention, lexicon)) return true;
  if (mention.demonym) {
    if (clause === words[0]!.clause && lexicon.questionStarts.matchAt(words, 0) === 0) return true;
    for (let i = mention.start - 1; i >= 0 && words[i]!.clause === clause; i--) {
      if (lexicon.needVerbs.matchAt(words, i) > 0) return false;
      if (lexicon.self.matchAt(words, i) > 0 || lexicon.asWords.matchAt(words, i) === 1) return true;
    }
    return false;
  }
  for (let i = mention.start - 1; i >= 0 && words[i]!.clause === clause; i--) if (lexicon.residence.matchAt(words, i) > 0) return true;
  let before = mention.start - 1;
  while (before >= 0 && words[before]!.clause === clause && lexicon.placeArticles.matchAt(words, before) === 1) before--;
  // "I'm a Dortmund founder", "we're a Dortmund start-up".
  const selfAt = (i: number) => i >= 0 && words[i]!.clause === clause && lexicon.self.matchAt(words, i) > 0;
  // (A contraction is two words: "i", "m".)
  if (before < mention.start - 1 && (selfAt(before) || selfAt(before - 1))) return true;
  // "Our Dortmund software firm is opening an office in Siegen", "unser Dortmunder Team": the user's own, by its place.
  if (before >= 0 && before === mention.start - 1 && words[before]!.clause === clause && lexicon.possessives.matchAt(words, before) > 0) return true;
  if (before < 0 || words[before]!.clause !== clause || lexicon.originPrepositions.matchAt(words, before) === 0) return false;
  for (let i = before - 1; i >= Math.max(0, before - 3) && words[i]!.clause === clause; i--) {
    const length = lexicon.wanted.matchAt(words, i);
    if (length > 0 && i + length === before) return isSelfDescription(words, i, lexicon, new Set());
  }
  return true;
}

/**
 * How much one place named describes the user rather than where they look: the message's first clause introducing the
 * user before a later one, naming no place of the other region ("Dortmund fintech here – any Südwestfalen companies
 * …?"), a possessive right before it ("our Dortmund research institute"), one party named by its place ("a Dortmund
 * logistics company"; not a class, "Dortmund firms"), or "aus"/"from" before it, not after whom the user looks for
 * ("Firmen aus dem Siegerland"), count for the user; another preposition before it ("partners in South
 * Westphalia", "nach Südwestfalen") counts for where they look.
 */
function describesUser(words: readonly Word[], mention: PlaceMention, mentions: readonly PlaceMention[], lexicon: Lexicon): number {
  const clause = words[mention.start]!.clause;
  let score = 0;
  const introduction =
    clause === words[0]!.clause &&
    words[words.length - 1]!.clause !== clause &&
    !mentions.some((m) => m.region !== mention.region && words[m.start]!.clause === clause) &&
    lexicon.questionStarts.matchAt(words, 0) === 0 &&
    !lexicon.needVerbs.positions(words).some((need) => words[need]!.clause === clause);
  if (introduction) score += 2;
  let before = mention.start - 1;
  while (before >= 0 && words[before]!.clause === clause && lexicon.placeArticles.matchAt(words, before) === 1) before--;
  const previous = before >= 0 && words[before]!.clause === clause ? before : -1;
  if (previous >= 0 && lexicon.possessives.matchAt(words, previous) > 0) score += 2;
  // "aus Dortmund" is where the user is from, "Unternehmen aus dem Siegerland" or "Leute aus Dortmund" where those
  // sought are.
  const someoneBefore = (preposition: number) =>
    [1, 2].some((k) => {
      const i = preposition - k;
      return (
        i >= 0 &&
        words[i]!.clause === clause &&
        (lexicon.companyNouns.matchAt(words, i) > 0 || lexicon.wanted.matchAt(words, i) > 0 || lexicon.staffNouns.matchAt(words, i) > 0)
      );
    });
  // "als Mittelständler aus Meschede", "wir als Team aus Dortmund": what the user is, and where from.
  const userBefore = (preposition: number) =>
    [1, 2].some((k) => preposition - k >= 0 && words[preposition - k]!.clause === clause && isSelfDescription(words, preposition - k, lexicon, new Set()));
  if (previous >= 0 && lexicon.originPrepositions.matchAt(words, previous) > 0) score += userBefore(previous) ? 2 : someoneBefore(previous) ? -1 : 1;
  else if (previous >= 0 && (lexicon.placeBeforeName.matchAt(words, previous) > 0 || lexicon.targetPrepositions.matchAt(words, previous) > 0)) score -= 1;
  const firmAfter = [0, 1, 2].some((k) => {
    const i = mention.end + k;
    return words[i]?.clause === clause && (lexicon.companyNouns.matchAt(words, i) > 0 || lexicon.wanted.matchAt(words, i) > 0);
  });
  // One party, not a class: "a Dortmund company", "eine Dortmunder Firma", "als Dortmunder Team" (not "Dortmund firms").
  // Not after "mit"/"with": "mit einer Dortmunder Hochschule" is whom the user works with.
  const withBefore = mention.start > 1 && words[mention.start - 2]!.clause === clause && lexicon.withWords.matchAt(words, mention.start - 2) > 0;
  const oneParty = mention.start > 0 && words[mention.start - 1]!.clause === clause && !withBefore &&
    (lexicon.indefiniteArticles.matchAt(words, mention.start - 1) > 0 || lexicon.asWords.matchAt(words, mention.start - 1) > 0);
  if (oneParty && (mention.demonym || firmAfter)) score += 1;
  return score;
}

/**
 * When both regions are read as looked in, the region whose places clearly describe the user more (`describesUser`);
 * undefined when neither does.
 */
export function describedAsUser(words: readonly Word[], mentions: readonly PlaceMention[], lexicon: Lexicon): Region | undefined {
  const best = new Map<Region, number>();
  for (const mention of mentions) best.set(mention.region, Math.max(best.get(mention.region) ?? -Infinity, describesUser(words, mention, mentions, lexicon)));
  if (best.size < 2) return undefined;
  const [[a, x], [b, y]] = [...best.entries()] as [Region, number][];
  // Clear evidence only: a strong description of the user (an introduction, "our …"), or a description of the user
  // against a place after a preposition ("a Dortmund company … providers in South Westphalia"). "The Olpe agency and
  // the Dortmund folks" names two parties, neither of them the user.
  const clear = (user: number, other: number) => user > other && (user >= 2 || (user > 0 && other < 0));
  if (clear(x, y)) return a;
  if (clear(y, x)) return b;
  return undefined;
}
