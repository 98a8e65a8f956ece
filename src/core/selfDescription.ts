/** Whether a word for a party names the user themselves ("Wir sind ein Start-up", "wir als Dortmunder Team"). */
import type { Lexicon, Word } from '../knowledge/lexicon.js';

/**
 * "Als Start-up aus Dortmund möchten wir …", "As a Dortmund start-up, we …": a word for the user comes after `position`
 * in its sentence (the subject after the verb), so an "als" opening the clause there describes the user.
 */
export function userLaterInSentence(words: readonly Word[], position: number, lexicon: Lexicon): boolean {
  const sentence = words[position]!.sentence;
  for (let i = position + 1; i < words.length && words[i]!.sentence === sentence; i++) if (lexicon.self.matchAt(words, i) > 0) return true;
  return false;
}

/**
 * The word right before `position` is the user ("wir als …"), or the need verb the user is subject of ("wir suchen als
 * …", "Suche als …").
 */
function userBefore(words: readonly Word[], position: number, lexicon: Lexicon): boolean {
  const clause = words[position]!.clause;
  const isUser = (i: number) => i >= 0 && words[i]!.clause === clause && (lexicon.self.matchAt(words, i) > 0 || lexicon.ownCompany.matchAt(words, i) > 0);
  const previous = position - 1;
  if (isUser(previous)) return true;
  const opensClause = (i: number) => i === 0 || words[i - 1]!.clause !== clause;
  if (opensClause(position) && userLaterInSentence(words, position, lexicon)) return true;
  // "Suche als Gründer …": a need verb opening its clause has the user as its unsaid subject.
  return (
    previous >= 0 &&
    words[previous]!.clause === clause &&
    lexicon.needVerbs.matchAt(words, previous) > 0 &&
    (isUser(previous - 1) || opensClause(previous))
  );
}

/**
 * "Wir sind ein Start-up", "I am a founder", "unser Start-up": a word for the user before it in its clause with no need
 * verb between, or a possessive right before it ("für unsere Sensorik ein Testfeld" describes only the Sensorik), a
 * place name between not counted ("our Dortmund logistics firm", `placeWords`), or after "als" following the user ("wir
 * als Dortmunder Start-up"); not right after "bei"/"mit" ("… würden es gern bei einem Spediteur testen": whom the user
 * wants to work with).
 */
export function isSelfDescription(words: readonly Word[], position: number, lexicon: Lexicon, placeWords: ReadonlySet<number>): boolean {
  // "mit einer Hochschule", "mit einer Dortmunder Hochschule": two words before, a place between not counted.
  for (let i = position - 1, between = 0; i >= 0 && between < 2 && words[i]!.clause === words[position]!.clause; i--) {
    if (lexicon.withWords.matchAt(words, i) === 1) return false;
    if (!placeWords.has(i)) between++;
  }
  // "(finden) wir als Dortmunder Start-up …", "wir suchen als Maschinenbauer …": an "als" phrase right after the user
  // (or the user's need verb) says what the user is; after someone else it says what that one should be ("einen
  // Metallverarbeiter als Referenzkunden").
  for (let i = position - 1, between = 0; i >= 0 && between <= 2 && words[i]!.clause === words[position]!.clause; i--) {
    if (lexicon.asWords.matchAt(words, i) === 1) return userBefore(words, i, lexicon);
    // "als Dortmunder Start-up Kunden", "als Dortmunder Unternehmen einen Hersteller": the phrase after "als" ended
    // with the noun before.
    if (lexicon.wanted.matchAt(words, i) > 0 || lexicon.companyNouns.matchAt(words, i) > 0) break;
    if (!placeWords.has(i)) between++;
  }
  for (let i = position - 1; i >= 0 && words[i]!.clause === words[position]!.clause; i--) {
    if (lexicon.needVerbs.matchAt(words, i) > 0) return false;
    if (lexicon.possessives.matchAt(words, i) > 0) {
      let between = 0;
      for (let j = i + 1; j < position; j++) if (!placeWords.has(j)) between++;
      if (between <= 1) return true;
      continue;
    }
    // "suchen wir Kunden": the user as the subject of a need verb before it looks for the noun, is not it; nor in a
    // question with the need verb after it ("Kann ich hier Professoren finden?").
    if (lexicon.self.matchAt(words, i) > 0) return !(i > 0 && lexicon.needVerbs.matchAt(words, i - 1) > 0) && !askedForLater(words, position, lexicon);
  }
  return false;
}

/** The clause of `position` opens as a question and a need verb follows the word ("Können wir hier Hochschulen finden?"). */
function askedForLater(words: readonly Word[], position: number, lexicon: Lexicon): boolean {
  const clause = words[position]!.clause;
  let start = position;
  while (start > 0 && words[start - 1]!.clause === clause) start--;
  if (lexicon.questionStarts.matchAt(words, start) === 0) return false;
  for (let i = position + 1; i < words.length && words[i]!.clause === clause; i++) if (lexicon.needVerbs.matchAt(words, i) > 0) return true;
  return false;
}
