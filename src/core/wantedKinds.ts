/** The kinds of provider a message asks for by name (knowledge/lexicon.yml `wantedKinds`). */
import type { Lexicon, Word } from '../knowledge/lexicon.js';
import { clauseStartOf } from './clauses.js';
import type { RegionReading } from './regionReading.js';
import { isSelfDescription } from './selfDescription.js';
import { ownBusinessSpans } from './ownBusiness.js';

export interface WantedKinds {
  kinds: Set<string>;
  /** A kind named for itself (lexicon.yml `overTopics`): its providers come before others with the topic named. */
  overTopics: boolean;
  /** Firms to work with (pilot customers, manufacturers; see lexicon.yml `firms`), and no more specific kind. */
  firms: boolean;
  /** …read only from a site of the user's own ("eine Niederlassung in Olpe", lexicon.yml `ownSite`), no other party named. */
  ownSite: boolean;
  /** Where the first word for a site of the user's own stands (with `ownSite`): what the user needs there is said after it. */
  ownSiteAt?: number;
  /**
   * A kind is sought in so many words: named by the question word ("Welche Hochschulen …?") or in a clause with a verb
   * of needing or recommending ("Kann man hier Studierende finden?", "Can you recommend an agency …?").
   */
  sought: boolean;
  /** …named by the question word itself ("Welche Hochschulen …?", "Which universities …?"). */
  named: boolean;
  /**
   * Where a kind of provider to work with is named by a word of its own ("ein IT-Unternehmen", "eine Hochschule"), or
   * firms by what they offer ("ein Unternehmen für IT-Sicherheit"): the request says whom it wants, not only firms.
   * Not those who support the user (the kinds of lexicon.yml `supportedBy`: chambers, agencies, networks), whose help
   * fits what the user is.
   */
  providersAt: number[];
  /**
   * The kinds preferred for a partner sought with no kind named by a firm of the field ("Wir sind ein Cloud-Hoster und
   * suchen Partner für Vor-Ort-Support"; lexicon.yml `partnerNouns`): among providers that fit equally, a company
   * before a research project. Empty when none is sought.
   */
  partnerKinds: ReadonlySet<string>;
}

/**
 * The provider kinds the message asks for by name ("eine Hochschule", "Pilotkunden"). What users say about themselves
 * does not count: a word before the need verb of its clause ("Dortmunder Start-up sucht …"), or after a word for the
 * user with no need verb between ("Wir sind ein Start-up und suchen …").
 */
export function wantedKinds(
  words: readonly Word[],
  lexicon: Lexicon,
  topicBefore: (position: number) => boolean = () => false,
  regions?: RegionReading,
  topicIn: (from: number, to: number) => boolean = () => false,
): WantedKinds {
  const needs = lexicon.needVerbs.positions(words);
  // "ein Dortmunder Unternehmen" after a Dortmund origin: the noun right after where the user is from is the user.
  const originEnds = new Set((regions?.originSpans ?? []).map(([, end]) => end));
  // "Können Unternehmen aus Dortmund …?" after a Dortmund origin: the noun right before "aus"/"from" and where the user
  // is from is the user's kind.
  const originStarts = new Set((regions?.originSpans ?? []).map(([start]) => start));
  const fromOrigin = (position: number) => {
    const preposition = position + 1;
    if (preposition >= words.length || words[preposition]!.clause !== words[position]!.clause) return false;
    if (lexicon.originPrepositions.matchAt(words, preposition) !== 1) return false;
    let place = preposition + 1;
    while (place < words.length && lexicon.placeArticles.matchAt(words, place) === 1) place++;
    return originStarts.has(place);
  };
  const placeWords = new Set(lexicon.places(words).flatMap((m) => Array.from({ length: m.end - m.start }, (_, k) => m.start + k)));
  const firstWord = afterGreeting(words, lexicon);
  const out = new Set<string>();
  let firms = false;
  // Firms read from words for another party, not only from a site of the user's own.
  let firmsSought = false;
  let ownSiteAt: number | undefined;
  let specific = false;
  const providersAt: number[] = [];
  const supporting = (kinds: readonly string[]) => kinds.every((kind) => lexicon.supporterKinds.has(kind));
  let overTopics = false;
  let sought = false;
  let namedByQuestion = false;
  for (const group of lexicon.wantedKinds) {
    for (const position of group.words.positions(words)) {
      const clause = words[position]!.clause;
      // "Dortmunder Start-up sucht …": before the need verb of its clause; not before a participle ("Agentur gesucht").
      // Not in a question whose need verb has the user as subject ("Is there a university we could partner with?").
      const clauseStart = clauseStartOf(words, position);
      const asked = lexicon.questionStarts.matchAt(words, clauseStart) > 0;
      const userBetween = (need: number) => asked && words.slice(position + 1, need).some((_, k) => lexicon.self.matchAt(words, position + 1 + k) > 0);
      const beforeNeed =
        needs.some((need) => need > position && words[need]!.clause === clause && lexicon.soughtParticiples.matchAt(words, need) === 0 && !userBetween(need)) &&
        !needs.some((need) => need < position && words[need]!.clause === clause) &&
        !(asked && askedByName(words, clauseStart, position, lexicon, placeWords)) &&
        !(asked && subjectBefore(words, clauseStart, position, lexicon));
      // "Dortmunder Softwarehaus, wir suchen …": the message's first clause (after a greeting: "Hi, Dortmund-based
      // software house here."), before the first need and asking nothing, introduces the user.
      const introduction =
        clause === words[firstWord]?.clause && needs.length > 0 && words[needs[0]!]!.clause > clause && lexicon.questionStarts.matchAt(words, firstWord) === 0;
      // "… Firma aus Arnsberg.", "Betrieb in Olpe, 80 Leute.": a clause that opens with the noun and has no need verb
      // introduces the user.
      let opening = clauseStart;
      if (opening < position && lexicon.placeArticles.matchAt(words, opening) === 1) opening++;
      const statement = opening === position && !needs.some((need) => words[need]!.clause === clause);
      // A site of the user's own ("Wir sind eine Dortmunder Firma und eröffnen eine Niederlassung in …", lexicon.yml
      // `ownSite`) is the user's wherever it is named: what the user says about itself names it too.
      const ownWords = beforeNeed || introduction || statement || originEnds.has(position) || fromOrigin(position) || isSelfDescription(words, position, lexicon, placeWords);
      if (ownWords && !group.ownSite) continue;
      // "…, dass es auch in Dortmund Unternehmen gibt, die selbst Lösungen suchen": firms that look for something
      // themselves, in a clause that neither asks for them nor follows a need verb, are told about, not sought.
      const askedFor =
        needs.some((need) => need < position && words[need]!.clause === clause) ||
        lexicon.questionStarts.matchAt(words, clauseStart) > 0 ||
        lexicon.askingExistence.matchAt(words, clauseStart) > 0;
      if (group.firms && !askedFor && relativeVerbAfter(words, position, lexicon, (k) => lexicon.needVerbs.matchAt(words, k))) continue;
      // "Sucht jemand in Dortmund Pilotkunden für …?": firms someone else seeks; the user offers to be one.
      if (group.firms && soughtBySomeoneElse(words, position, lexicon)) continue;
      // "die Touren zu den Kunden besser planen": firms that goods go to are no partners sought.
      if (group.firms && deliveredTo(words, position, lexicon)) continue;
      // "Welche Förderung gibt es für Firmen in …?", "training for SMEs": firms something is meant for are its audience.
      if (group.firms && meantFor(words, position, lexicon)) continue;
      // "Partner für Wartungseinsätze bei Kunden": firms in what a partner is sought for are where the partner works.
      if (group.firms && inPartnersWork(words, position, lexicon)) continue;
      // "Welche Unternehmen in Südwestfalen bieten Automatisierung an?": firms that offer something are its providers.
      const offering = group.firms && offersAfter(words, position, lexicon);
      // "Wer unterstützt Start-ups dort?": whom the helper helps is the user; the user asks for the helper's kind.
      const helped = position > 0 && words[position - 1]!.clause === clause && lexicon.helpVerbs.matchAt(words, position - 1) > 0;
      // "Which organisation helps companies with …": the firms helped are the user, not firms sought.
      if (helped && group.firms) continue;
      if (helped && group.supportedBy.length > 0) {
        group.supportedBy.forEach((kind) => out.add(kind));
        specific = true;
        continue;
      }
      group.kinds.forEach((kind) => out.add(kind));
      if (group.overTopics) overTopics = true;
      // Firms named by the question word are often asked about ("Welche Unternehmen sind … geworden?"), not sought.
      const named = asked && !group.firms && askedByName(words, clauseStart, position, lexicon, placeWords);
      // "Gibt es in Dortmund Hochschulen, die …?", "Are there institutes …?": a clause asking whether a kind exists seeks
      // it too. Firms asked for so ("Is there a company that …?") are whoever offers the thing, not firms to broker.
      const existence = !group.firms && lexicon.askingExistence.matchAt(words, clauseStart) > 0;
      if (named || existence || needs.some((need) => words[need]!.clause === clause)) sought = true;
      if (named) namedByQuestion = true;
      // "an IT security company", "eine Logistik-Firma": a firm named by its topic is a provider of that topic.
      const trade = group.firms && tradeAfter(words, position, lexicon, topicIn, placeWords);
      if (group.firms && !topicBefore(position) && !offering && !trade && !askedForTopic(words, position, lexicon, topicIn)) {
        firms = true;
        if (!group.ownSite) firmsSought = true;
        else ownSiteAt ??= position;
      }
      else {
        specific = true;
        if (!supporting(group.kinds)) providersAt.push(position);
      }
    }
  }
  // A firm of the field ("Wir sind ein Cloud-Hoster und suchen Partner …", a topic of the directory where users name
  // their own business) that seeks partners seeks firms to do business with; a user with a problem seeks whoever
  // solves it ("Wir suchen eine Software oder einen Partner, der …").
  const ownTrade = ownBusinessSpans(words, lexicon, firstWord).some(([from, to]) => topicIn(from, to));
  // "Wir suchen einen Partner …", "Gibt es dort Partner, die …?": a partner sought whose trade is not named
  // ("Software-Partner", "einen Partner für KI": the providers of that topic, of any kind); not the user ("wir als
  // Partner"), a verb ("we'd like to partner with"), nor a partner in what something else is sought for ("Beratung für
  // ein Projekt mit einem Partner").
  const partnerSought = lexicon.partnerNouns.words.positions(words).some((position) => {
    const clause = words[position]!.clause;
    const clauseStart = clauseStartOf(words, position);
    const asking = lexicon.questionStarts.matchAt(words, clauseStart) > 0 || lexicon.askingExistence.matchAt(words, clauseStart) > 0;
    const need = needs.filter((n) => n < position && words[n]!.clause === clause).pop();
    // "looking for partners": a "for" right after a verb of seeking (lexicon.yml `seekingBeforeAudience`) is the verb's.
    const purposeBefore =
      need !== undefined &&
      words
        .slice(need + 1, position)
        .some((_, k) => lexicon.tradePrepositions.matchAt(words, need + 1 + k) > 0 && !(k === 0 && lexicon.seekingBeforeAudience.matchAt(words, need) > 0));
    return (
      lexicon.needVerbs.matchAt(words, position) === 0 &&
      !isSelfDescription(words, position, lexicon, placeWords) &&
      !topicBefore(position) &&
      !tradeAfter(words, position, lexicon, topicIn, placeWords) &&
      !purposeBefore &&
      (asking || need !== undefined)
    );
  });
  // "an IT security partner", "ein ERP-Anbieter": whom the user looks for named by its topic is a provider of it.
  const topicPartner = lexicon.wantedNouns
    .positions(words)
    .some((position) => topicBefore(position) && !isSelfDescription(words, position, lexicon, placeWords) && needs.some((need) => need < position));
  // "a software company as a partner" names what kind of firm: its providers, not the broker.
  const firmsRead = firms && !specific && !topicPartner;
  return { kinds: out, firms: firmsRead, ownSite: firmsRead && !firmsSought, ...(firmsRead && !firmsSought ? { ownSiteAt } : {}), overTopics, sought, named: namedByQuestion, providersAt, partnerKinds: partnerSought && ownTrade ? lexicon.partnerNouns.kinds : new Set() };
}

/** The first word after the clauses of a greeting that opens the message ("Hi,", "Guten Tag!"; lexicon.yml `letterFormulas`). */
function afterGreeting(words: readonly Word[], lexicon: Lexicon): number {
  let at = 0;
  for (;;) {
    const length = at < words.length ? lexicon.letterFormulas.salutations.matchAt(words, at) : 0;
    if (length === 0 || at + length >= words.length || words[at + length]!.clause === words[at]!.clause) return at;
    at += length;
  }
}

/**
 * The question word that opens the clause names the noun at `position` ("Welche Hochschulen in Dortmund kommen …
 * in Frage?", "Which universities …"), places between read past: the noun is what the question asks for, even before
 * a verb of needing.
 */
function askedByName(words: readonly Word[], clauseStart: number, position: number, lexicon: Lexicon, placeWords: ReadonlySet<number>): boolean {
  const length = lexicon.askingWhoThere.matchAt(words, clauseStart);
  if (length === 0) return false;
  for (let i = clauseStart + length; i < position; i++) if (!placeWords.has(i)) return false;
  return true;
}

/**
 * In a question, someone else is the subject before the noun at `position` ("Kann man über euch Studierende finden?",
 * "Können wir hier Hochschulen finden?"; lexicon.yml `questionSubjects`): the noun is the verb's object, what is sought.
 */
function subjectBefore(words: readonly Word[], clauseStart: number, position: number, lexicon: Lexicon): boolean {
  for (let i = clauseStart + 1; i < position; i++) if (lexicon.questionSubjects.matchAt(words, i) > 0) return true;
  return false;
}

/**
 * A question whether something exists asks for a topic before the firm at `position` ("Is there funding … for a
 * Dortmund company that … with a local manufacturer?", "Gibt es Förderprogramme, …, wenn es … mit einem Betrieb …"):
 * the topic is what is asked for, and the firm is part of the user's plan.
 */
function askedForTopic(words: readonly Word[], position: number, lexicon: Lexicon, topicIn: (from: number, to: number) => boolean): boolean {
  for (let start = 0; start < position; start++) {
    if (start > 0 && words[start - 1]!.clause === words[start]!.clause) continue;
    const length = lexicon.askingExistence.matchAt(words, start);
    if (length > 0 && start + length < position) return topicIn(start + length, position);
  }
  return false;
}

/**
 * A firm named by its trade after it: "ein Hersteller von Sensorik", "ein Unternehmen in Südwestfalen für
 * IT-Sicherheit", "a company for ERP consulting" (lexicon.yml `tradePrepositions`, a place between skipped, a topic of
 * the directory right after, with no article or possessive: "Industriepartner für einen Förderantrag" names a
 * purpose, "für unsere Software" the user's own). Not for customers: "Pilotkunden für KI-Lösungen" names what the
 * user sells them (`clientNouns`).
 */
function tradeAfter(
  words: readonly Word[],
  position: number,
  lexicon: Lexicon,
  topicIn: (from: number, to: number) => boolean,
  placeWords: ReadonlySet<number>,
): boolean {
  if (lexicon.clientNouns.matchAt(words, position) > 0) return false;
  const clause = words[position]!.clause;
  const inClause = (i: number) => i < words.length && words[i]!.clause === clause;
  let at = position + 1;
  const placeWord = (i: number) =>
    placeWords.has(i) || lexicon.placePrepositions.matchAt(words, i) === 1 || lexicon.placeArticles.matchAt(words, i) === 1;
  while (inClause(at) && at <= position + 4 && placeWord(at) && lexicon.tradePrepositions.matchAt(words, at) === 0) at++;
  const length = inClause(at) ? lexicon.tradePrepositions.matchAt(words, at) : 0;
  if (length === 0) return false;
  const first = at + length;
  if (!inClause(first)) return false;
  const determiner = (i: number) =>
    lexicon.placeArticles.matchAt(words, i) === 1 || lexicon.indefiniteArticles.matchAt(words, i) > 0 || lexicon.possessives.matchAt(words, i) > 0;
  if (determiner(first)) return false;
  let end = first;
  while (end < first + 3 && inClause(end)) end++;
  return topicIn(first, end);
}

/**
 * A partner (lexicon.yml `partnerNouns`) comes before `position` in its clause, with a word of what it is for between
 * (`tradePrepositions`: "Partner in Südwestfalen für Wartungseinsätze bei Kunden", "a partner for installations at
 * customers").
 */
function inPartnersWork(words: readonly Word[], position: number, lexicon: Lexicon): boolean {
  const clause = words[position]!.clause;
  let purpose = false;
  for (let i = position - 1; i >= 0 && words[i]!.clause === clause; i--) {
    if (lexicon.partnerNouns.words.matchAt(words, i) > 0) return purpose;
    if (lexicon.tradePrepositions.matchAt(words, i) > 0) purpose = true;
  }
  return false;
}

/** Words between a need verb and the someone else who seeks ("Sucht vielleicht jemand …", "anyone in Dortmund looking"). */
const SOMEONE_WITHIN = 3;

/**
 * The need verb before `position` in its clause has someone other than the user as its subject, next to it (lexicon.yml
 * `someoneElse`: "Sucht vielleicht jemand … Testpartner?", "Is anyone in Dortmund looking for pilot users?"). A need
 * of several words ("Hat jemand Kontakt zu …?") asks the someone for a contact the user seeks.
 */
function soughtBySomeoneElse(words: readonly Word[], position: number, lexicon: Lexicon): boolean {
  const clause = words[position]!.clause;
  let need = -1;
  for (let i = position - 1; i >= 0 && words[i]!.clause === clause; i--) {
    if (lexicon.needVerbs.matchAt(words, i) > 0) {
      need = i;
      break;
    }
  }
  if (need < 0 || lexicon.needVerbs.matchAt(words, need) > 1) return false;
  for (let i = Math.max(0, need - SOMEONE_WITHIN); i <= need + SOMEONE_WITHIN && i < position; i++) {
    if (i !== need && words[i]!.clause === clause && lexicon.someoneElse.matchAt(words, i) > 0) return true;
  }
  return false;
}

/**
 * Goods or trips on their way end right before `position` (lexicon.yml `deliveryWords`: "Touren zu den Kunden"), an
 * article or possessive between.
 */
function deliveredTo(words: readonly Word[], position: number, lexicon: Lexicon): boolean {
  const clause = words[position]!.clause;
  for (let i = position - 1; i >= Math.max(0, position - 6) && words[i]!.clause === clause; i--) {
    const length = lexicon.deliveryWords.matchAt(words, i);
    if (length === 0) continue;
    let between = i + length;
    while (between < position && (lexicon.placeArticles.matchAt(words, between) === 1 || lexicon.possessives.matchAt(words, between) > 0)) between++;
    if (between === position) return true;
  }
  return false;
}

/**
 * The noun at `position` follows a word of whom something is meant for (lexicon.yml `audience`: "für", "for"), articles
 * between, and no verb of seeking right before that word ("looking for companies" seeks them).
 */
function meantFor(words: readonly Word[], position: number, lexicon: Lexicon): boolean {
  const clause = words[position]!.clause;
  let before = position - 1;
  while (before >= 0 && words[before]!.clause === clause && (lexicon.placeArticles.matchAt(words, before) === 1 || lexicon.indefiniteArticles.matchAt(words, before) > 0)) before--;
  if (before < 0 || words[before]!.clause !== clause || lexicon.audience.matchAt(words, before) !== 1) return false;
  return !(before > 0 && words[before - 1]!.clause === clause && lexicon.seekingBeforeAudience.matchAt(words, before - 1) > 0);
}

/**
 * A verb of offering follows the noun at `position` in its clause, within a few words, or a verb of offering or
 * helping in a relative clause right after it ("ein Unternehmen in Südwestfalen, das Lagertechnik anbietet", "…, die
 * uns bei ERP helfen können", "companies, that offer …"): ending the clause, or before a modal that ends it (German
 * puts the verb last), or right after the relative pronoun; not a new sentence ("… Kunden. Das Produkt bietet Echtzeitdaten für
 * Ihre Planung."), nor firms after "bei"/"at" (lexicon.yml `withWords`), where the user offers something.
 */
function offersAfter(words: readonly Word[], position: number, lexicon: Lexicon): boolean {
  const clause = words[position]!.clause;
  // "Kurse bei Betrieben im Sauerland geben": firms after "bei" are where the user offers something.
  let before = position - 1;
  while (before >= 0 && words[before]!.clause === clause && (lexicon.placeArticles.matchAt(words, before) === 1 || lexicon.indefiniteArticles.matchAt(words, before) > 0)) before--;
  if (before >= 0 && words[before]!.clause === clause && lexicon.withWords.matchAt(words, before) === 1) return false;
  for (let i = position + 1; i < Math.min(words.length, position + 6) && words[i]!.clause === clause; i++) {
    if (lexicon.offerVerbs.matchAt(words, i) > 0 || lexicon.doVerbs.matchAt(words, i) > 0) return true;
  }
  // Offering or helping the user: "…, das uns bei der IT-Sicherheit unterstützt", "…, die uns helfen können".
  return relativeVerbAfter(words, position, lexicon, (k) => Math.max(lexicon.offerVerbs.matchAt(words, k), lexicon.helpVerbs.matchAt(words, k)));
}

/**
 * A relative clause right after the noun at `position` ("…, das Lagertechnik anbietet") whose verb `verbAt` matches
 * (its length in words, 0 if none): the verb ends the clause, or comes before a modal that does ("helfen können"), or
 * follows the relative pronoun at once ("that offer").
 */
function relativeVerbAfter(words: readonly Word[], position: number, lexicon: Lexicon, verbAt: (k: number) => number): boolean {
  const clause = words[position]!.clause;
  let pronoun = position + 1;
  while (pronoun < words.length && words[pronoun]!.clause === clause) pronoun++;
  if (pronoun >= words.length || words[pronoun]!.clause !== clause + 1 || pronoun >= position + 6) return false;
  if (lexicon.relativePronouns.matchAt(words, pronoun) !== 1) return false;
  const relative = words[pronoun]!.clause;
  let end = pronoun;
  while (end < words.length && words[end]!.clause === relative) end++;
  if (verbAt(pronoun + 1) > 0) return true;
  const last = lexicon.modalVerbs.matchAt(words, end - 1) === 1 ? end - 1 : end;
  for (let k = Math.max(pronoun + 1, last - 2); k < last; k++) if (verbAt(k) > 0 && k + verbAt(k) === last) return true;
  return false;
}
