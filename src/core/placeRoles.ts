/**
 * The role of each place a message names (knowledge/places.yml), read from the words around it
 * (knowledge/lexicon.yml): where the user comes from (origin), where they look (target), or where someone else the
 * user names is (other), by the first of these rules that applies:
 *
 * 1. between the words of a starting point ("von Dortmund aus"), or alone before a colon opening the message, a word for
 *    the user after it ("Arnsberg: Wir …"): origin; after a target preposition ("nach
 *    Südwestfalen", "moving to …"): target;
 * 1b. right before a word for a side ("auf der Dortmunder Seite", "the South Westphalia side"), with no word for the user
 *    before it in the clause: target;
 * 2. right after a word for whom the user looks, after the need verb ("… suchen einen Partner in Siegen", "a pilot
 *    customer for us in South Westphalia"), or after a wish right before the preposition ("… – gern aus Südwestfalen",
 *    "ideally in South Westphalia"): target;
 * 3. an inhabitants' form right after a word for the user ("uns Dortmundern", "als Dortmunder Team", "wir sind ein
 *    Dortmunder …"): origin; after a need verb ("suchen Dortmunder Start-ups"): target; otherwise origin;
 * 4. a word for the user before it in the same clause, and no need verb between ("unser Team in Dortmund", "our
 *    robotics start-up from Dortmund", "our PCs on site in Lennestadt"), or a clause that opens with a word for a
 *    firm ("Betrieb in Olpe, 80 Leute."): origin; not the user as the object of a need verb ("Wer hilft uns im
 *    Siegerland …"); a place of someone else the user names there ("our firm … shipments from suppliers in the
 *    Sauerland") is neither where the user is nor where they look; a possessive after a need verb owns only its noun
 *    ("für unseren Webshop ein Bezahlmodul aus Siegen": the next noun, and the place, are what is sought);
 * 5. after an origin preposition ("aus Dortmund", "from Siegen"): origin, unless a need verb comes first in the clause
 *    ("… möchte mit einem Händler aus Arnsberg …"): then target;
 * 6. after a word of residence in the clause ("sitzt in", "based in"), with no need verb before it in the clause, or
 *    followed by one ("haben gerade in Dortmund gegründet"), with no need verb before it in the message: origin;
 * 7. in a statement clause without a need verb, from a user who speaks of themselves ("Kleine Schreinerei im Sauerland, wir
 *    wollen …"): origin;
 * 8. otherwise: target.
 */
import type { Lexicon, PlaceMention, Word } from '../knowledge/lexicon.js';
import { clauseStartOf } from './clauses.js';

/** The role of one place named in the message (see the rules above). */
export function placeRole(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): 'origin' | 'target' | 'other' {
  const clause = words[mention.start]!.clause;
  let lastSelf = -1;
  let lastNeed = -1;
  let residence = false;
  for (let i = mention.start - 1; i >= 0 && words[i]!.clause === clause; i--) {
    // "hilft uns", "helps us": the user as the object of the help says nothing about where they are.
    // A possessive there is the user's own ("möchten unseren Außendienst in …"), so the user is still meant.
    const object = i > 0 && (lexicon.needVerbs.matchAt(words, i - 1) > 0 || lexicon.helpVerbs.matchAt(words, i - 1) > 0) &&
      lexicon.possessives.matchAt(words, i) === 0;
    if (lastSelf < 0 && !object && lexicon.self.matchAt(words, i) > 0) lastSelf = i;
    // "Our plant in Wenden": a need verb's form right after a possessive is a noun of the user's ("plant", "Planung").
    const owned = i > 0 && words[i - 1]!.clause === clause && lexicon.possessives.matchAt(words, i - 1) > 0;
    if (lastNeed < 0 && !owned && isNeedVerb(words, i, lexicon)) lastNeed = i;
    if (lexicon.residence.matchAt(words, i) > 0) residence = true;
  }
  // The word before the place, over articles ("aus dem Sauerland", "in the Märkischer Kreis", "im Raum Siegen").
  let before = mention.start - 1;
  while (before >= 0 && lexicon.placeArticles.matchAt(words, before) === 1 && words[before]!.clause === clause) before--;
  const previous = before >= 0 && words[before]!.clause === clause ? before : -1;
  if (startingPoint(words, mention, lexicon)) return 'origin';
  if (heading(words, mention, lexicon)) return 'origin';
  if (previous >= 0 && lexicon.targetPrepositions.matchAt(words, previous) > 0) return 'target';
  if (sideAsked(words, mention, lexicon, lastSelf, lastNeed)) return 'target';
  // "Standort: Freudenberg", "Firmensitz Olpe": the place is labelled as the user's address.
  if (previous >= 0 && previous === mention.start - 1 && lastNeed < 0 && lexicon.residenceLabels.matchAt(words, previous) > 0) return 'origin';
  if (previous >= 1 && beneficiaryBefore(words, previous, lexicon)) return 'other';
  if (previous >= 1 && wantedBefore(words, previous, lexicon, lastNeed)) return 'target';
  if (previous >= 2 && partnerBefore(words, previous, lexicon)) return 'target';
  if (previous >= 1 && askedWhoThere(words, previous, lexicon)) return 'target';
  if (previous >= 1 && wishedBefore(words, previous, lexicon)) return 'target';
  if (mention.demonym) {
    // "zusammen mit einer Dortmunder Hochschule", "bei einem Siegener Hersteller": whom the user works with is there.
    // The party may be the second noun of a pair ("mit Dortmunder Schulen oder Hochschulen").
    const wantedAt = (i: number) => words[i]?.clause === clause && lexicon.wanted.matchAt(words, i) > 0;
    const joinedAt = (i: number) => words[i]?.clause === clause && lexicon.listJoiners.matchAt(words, i) === 1;
    const partyAfter = wantedAt(mention.end) || (joinedAt(mention.end + 1) && wantedAt(mention.end + 2));
    if (partyAfter && previous >= 0 && lexicon.withWords.matchAt(words, previous) === 1) return 'target';
    const asWord = (i: number) => words[i]?.clause === clause && lexicon.asWords.matchAt(words, i) === 1;
    if (asWord(mention.start - 1) || asWord(mention.start - 2) || (previous >= 0 && lexicon.self.matchAt(words, previous) > 0)) return 'origin';
    // "Any South Westphalian manufacturers who …?", "Gibt es Dortmunder Start-ups, die …?": asked whether they exist.
    if (lastSelf < 0 && asksExistence(words, mention, lexicon)) return 'target';
    // "Welche Dortmunder Anbieter helfen bei …?", "Which Dortmund firms …?": a question word asking which party of that
    // place (lexicon.yml `indirectQuestionStarts`), with no word for the user before it, asks whom to find there.
    const askedWhich = previous >= 0 && previous === mention.start - 1 && lexicon.indirectQuestionStarts.matchAt(words, previous) === 1;
    if (lastSelf < 0 && partyAfter && askedWhich) return 'target';
    if (lastSelf >= 0 && lastSelf > lastNeed) return 'origin';
    return lastNeed >= 0 ? 'target' : 'origin';
  }
  // "… helfen, Leute aus Dortmund zu bekommen", "an Fachkräfte aus Dortmund kommen": the people the user wants to hire
  // are from there, not the user ("wir sind fünf Leute aus Dortmund" says what the user is).
  const staff = previous - 1;
  const staffFrom = previous >= 1 && words[staff]!.clause === clause && lexicon.originPrepositions.matchAt(words, previous) > 0 &&
    lexicon.staffNouns.matchAt(words, staff) > 0 && !staffOfUser(words, staff, lexicon);
  if (staffFrom) return 'target';
  if (lastSelf >= 0 && lastSelf > lastNeed && !(lastNeed >= 0 && ownsAnotherNoun(words, lastSelf, mention.start, lexicon))) {
    return previous >= 1 && otherPartyBefore(words, previous, lexicon) ? 'other' : 'origin';
  }
  if (lastNeed < 0 && opensWithCompany(words, clause, mention.start, lexicon)) return 'origin';
  if (previous >= 0 && lexicon.originPrepositions.matchAt(words, previous) > 0) return lastNeed >= 0 ? 'target' : 'origin';
  if ((residence || residenceAfter(words, mention, lexicon)) && lastNeed < 0) return 'origin';
  if (previous < 0 && addressOfFirm(words, mention, lexicon)) return 'origin';
  if (statedAsSituation(words, mention, lexicon)) return 'origin';
  return 'target';
}

/**
 * "auf der Dortmunder Seite", "the South Westphalia side" (lexicon.yml `sideNouns` right after the place): a side of the
 * cooperation asked about, where the user looks; not where a word for the user comes before it in the clause, with no
 * need verb after it ("wir auf der Dortmunder Seite …": the user is there).
 */
function sideAsked(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon, lastSelf: number, lastNeed: number): boolean {
  const next = words[mention.end];
  if (next === undefined || next.clause !== words[mention.start]!.clause || lexicon.sideNouns.matchAt(words, mention.end) === 0) return false;
  return !(lastSelf >= 0 && lastSelf > lastNeed);
}

/**
 * "Arnsberg: Wir möchten …", "Hörde: unser Team sucht …": a place alone before a colon that opens the message, followed by
 * a word for the user, heads the message as a letter's place line does: where the writer is.
 */
function heading(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): boolean {
  return mention.start === 0 && words[mention.end - 1]!.colonAfter && mention.end < words.length && lexicon.self.matchAt(words, mention.end) > 0;
}

/** "von Dortmund aus" (lexicon.yml `startingPoint`): the place is where the user acts from. */
export function startingPoint(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): boolean {
  const clause = words[mention.start]!.clause;
  let before = mention.start - 1;
  while (before >= 0 && lexicon.placeArticles.matchAt(words, before) === 1 && words[before]!.clause === clause) before--;
  return before >= 0 && words[before]!.clause === clause && lexicon.startingPoint.before.matchAt(words, before) === 1 &&
    words[mention.end]?.clause === clause && lexicon.startingPoint.after.matchAt(words, mention.end) === 1;
}

/**
 * "Kleine Schreinerei im Sauerland, wir möchten …", "… Familienbetrieb in Attendorn.": the place is in a statement (its sentence asks
 * nothing) with no need verb in its clause or before it in its sentence, in a message where the user speaks of themselves. Such a clause describes
 * the user's situation; a place looked in is asked about, also inside a sentence ("…, ob es im Sauerland … gibt"), or
 * sought ("suchen … im Sauerland").
 */
function statedAsSituation(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): boolean {
  if (words[mention.start]!.asked) return false;
  // "…, ob es in Südwestfalen … gibt", "whether South Westphalia …": a question inside the sentence.
  if (lexicon.indirectQuestionStarts.matchAt(words, clauseStartOf(words, mention.start)) > 0) return false;
  const facts = situationFacts(words, lexicon);
  const { clause, sentence } = words[mention.start]!;
  if (facts.needClauses.has(clause)) return false;
  // "Wir suchen eine Hochschule, gern Siegen.", "… Firmen, die im Sauerland ansässig sind": the sentence asked for it before.
  if ((facts.firstNeedInSentence.get(sentence) ?? Infinity) < mention.start) return false;
  // "Kontakt zur TU Dortmund wäre gut", "Die Hochschulen in Dortmund …": the clause names whom the user may look for.
  if (facts.wantedClauses.has(clause)) return false;
  return facts.speaksOfSelf;
}

/** What `statedAsSituation` asks of the whole message, read once per message (a message may name many places). */
interface SituationFacts {
  needClauses: Set<number>;
  wantedClauses: Set<number>;
  firstNeedInSentence: Map<number, number>;
  speaksOfSelf: boolean;
}

const situationFactsOf = new WeakMap<Lexicon, WeakMap<readonly Word[], SituationFacts>>();

function situationFacts(words: readonly Word[], lexicon: Lexicon): SituationFacts {
  let ofLexicon = situationFactsOf.get(lexicon);
  if (!ofLexicon) situationFactsOf.set(lexicon, (ofLexicon = new WeakMap()));
  let facts = ofLexicon.get(words);
  if (facts) return facts;
  facts = { needClauses: new Set(), wantedClauses: new Set(), firstNeedInSentence: new Map(), speaksOfSelf: false };
  for (let i = 0; i < words.length; i++) {
    const { clause, sentence } = words[i]!;
    if (isNeedVerb(words, i, lexicon)) {
      facts.needClauses.add(clause);
      if (!facts.firstNeedInSentence.has(sentence)) facts.firstNeedInSentence.set(sentence, i);
    }
    if (lexicon.wanted.matchAt(words, i) > 0) facts.wantedClauses.add(clause);
    if (lexicon.self.matchAt(words, i) > 0) facts.speaksOfSelf = true;
  }
  ofLexicon.set(words, facts);
  return facts;
}

/**
 * The place is a clause of its own ("Kreis Olpe", "Plettenberg") right after a clause that opens with what a firm is
 * ("Armaturenhersteller, Kreis Olpe.", "Metallwarenfabrik, Plettenberg."): the firm's address, so where the user is.
 */
function addressOfFirm(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): boolean {
  const clause = words[mention.start]!.clause;
  if (words[mention.end]?.clause === clause) return false;
  let first = mention.start;
  while (first > 0 && words[first - 1]!.clause === clause) first--;
  return first > 0 && opensWithCompany(words, words[first - 1]!.clause, first, lexicon);
}

/** The people at `position` are the user ("wir sind fünf Leute", "unsere Leute"): a self-introduction or a possessive before them in the clause. */
function staffOfUser(words: readonly Word[], position: number, lexicon: Lexicon): boolean {
  const clause = words[position]!.clause;
  for (let i = position - 1; i >= 0 && words[i]!.clause === clause; i--) {
    if (lexicon.selfIntroductions.matchAt(words, i) > 0) return true;
    if (i >= position - 2 && lexicon.possessives.matchAt(words, i) > 0) return true;
  }
  return false;
}

/**
 * The place's clause opens with a question whether someone exists ("Any …", "Gibt es …", "Are there …"), and the place
 * follows it at once or after one word ("Gibt es auch Dortmunder …"; not "Kennt ihr … mit uns Dortmundern?").
 */
function asksExistence(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): boolean {
  const first = clauseStartOf(words, mention.start);
  const length = lexicon.askingExistence.matchAt(words, first);
  return length > 0 && mention.start - (first + length) <= 1;
}


/** The place's clause opens with a question word asking where ("Wo im Sauerland …?", "Where in South Westphalia …?"). */
export function asksWhere(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): boolean {
  let first = mention.start;
  while (first > 0 && words[first - 1]!.clause === words[mention.start]!.clause) first--;
  return lexicon.askingWhere.matchAt(words, first) > 0;
}

/**
 * A word of residence right after the place, in its clause, and no need verb before it in the message ("haben in
 * Dortmund gegründet"; not "Wir suchen Firmen, die im Sauerland ansässig sind": where the firms sought are).
 */
function residenceAfter(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): boolean {
  const next = words[mention.end];
  if (next === undefined || next.clause !== words[mention.start]!.clause) return false;
  if (lexicon.needVerbs.positions(words).some((need) => need < mention.start)) return false;
  return lexicon.residenceAfter.matchAt(words, mention.end) > 0;
}

/**
 * A need verb at `i`, unless the same word, opening its clause alone or after an article, names a firm: English
 * "plant" is also German's "plant" (plans), and "Plant in Hemer looking for …" introduces the user's plant.
 */
export function isNeedVerb(words: readonly Word[], i: number, lexicon: Lexicon): boolean {
  if (lexicon.needVerbs.matchAt(words, i) === 0) return false;
  const clause = words[i]!.clause;
  let first = i;
  while (first > 0 && words[first - 1]!.clause === clause) first--;
  if (first < i && lexicon.placeArticles.matchAt(words, first) === 1) first++;
  return !(first === i && lexicon.companyNouns.matchAt(words, i) === 1);
}

/** Words a firm's name may have before its noun when it opens a clause ("Steel construction firm from Kreuztal"). */
const MAX_WORDS_BEFORE_FIRM_NOUN = 3;

/**
 * The clause opens with a word for a firm before `end` ("Betrieb in Olpe", "Ein Zulieferer …"), alone or after an
 * article; or with a few describing words before that noun when "from"/"aus" joins it to the place, as English names a
 * trade in several words ("Steel construction firm from Kreuztal"). With "in" such a phrase more often names firms
 * looked for ("Plastics companies in the Sauerland?").
 * Describing words are no words for the user, for helping, offering or needing, and none that starts a question ("Who helps
 * firms from Olpe", "Wie setzen Unternehmen im Sauerland …": firms the user asks about).
 */
export function opensWithCompany(words: readonly Word[], clause: number, end: number, lexicon: Lexicon): boolean {
  let first = end;
  while (first > 0 && words[first - 1]!.clause === clause) first--;
  if (first < end && lexicon.placeArticles.matchAt(words, first) === 1) first++;
  if (first < end && lexicon.companyNouns.matchAt(words, first) > 0) return true;
  const noun = end - 2;
  if (noun <= first || noun - first > MAX_WORDS_BEFORE_FIRM_NOUN) return false;
  if (lexicon.originPrepositions.matchAt(words, end - 1) !== 1 || lexicon.companyNouns.matchAt(words, noun) !== 1) return false;
  for (let i = first; i < noun; i++) {
    if ([lexicon.self, lexicon.helpVerbs, lexicon.questionStarts, lexicon.offerVerbs, lexicon.needVerbs].some((list) => list.matchAt(words, i) > 0)) return false;
  }
  return true;
}

/**
 * "einen Partner in Siegen", "a company in South Westphalia": the place follows a word for whom the user looks, after a
 * need verb ("Softwarefirma aus Dortmund möchte …" describes the user).
 */
function wantedBefore(words: readonly Word[], preposition: number, lexicon: Lexicon, lastNeed: number): boolean {
  if (lexicon.placePrepositions.matchAt(words, preposition) !== 1) return false;
  // The noun may be a compound's last word or a phrase: look at the few words before the preposition.
  for (let i = preposition - 1; i >= Math.max(0, preposition - 3); i--) {
    if (words[i]!.clause !== words[preposition]!.clause) return false;
    const length = lexicon.wanted.matchAt(words, i);
    if (length > 0 && i + length === preposition) return lastNeed >= 0 && i > lastNeed && !ownedBy(words, i, lexicon);
  }
  return false;
}

/**
 * "einen Datenpartner für einen Mittelständler in Olpe", "a partner for a manufacturer in Olpe": the place follows a
 * party named after "für"/"for" (lexicon.yml `beneficiaryPrepositions`, describing words between) behind another party
 * the clause names, so it is where the one the help is for is, not where the user looks.
 */
function beneficiaryBefore(words: readonly Word[], preposition: number, lexicon: Lexicon): boolean {
  const party = wantedBeforePreposition(words, preposition, lexicon);
  // "für unseren Betrieb in Attendorn": the user's own firm, which the rules below read as where the user is.
  if (party === undefined || ownedBy(words, party.noun, lexicon)) return false;
  const clause = words[preposition]!.clause;
  for (let i = party.noun - 1; i >= Math.max(0, party.noun - 4) && words[i]!.clause === clause; i--) {
    if (lexicon.beneficiaryPrepositions.matchAt(words, i) !== 1) continue;
    // The party sought comes after the need verb ("looking for a partner for …"), whose own "for" is none of these.
    let sought = 0;
    for (let k = i - 1; k >= 0 && words[k]!.clause === clause; k--) {
      if (isNeedVerb(words, k, lexicon)) {
        sought = k + lexicon.needVerbs.matchAt(words, k);
        break;
      }
    }
    for (let j = i - 1; j >= sought && words[j]!.clause === clause; j--) if (lexicon.wanted.matchAt(words, j) > 0) return true;
    return false;
  }
  return false;
}

/**
 * "mit Studierenden aus Dortmund", "with a university in Siegen": the place follows whom the user works with (a word of
 * `withWords`, then the kind sought, only articles between), so it is where that party is, with or without a need
 * verb ("mit unseren Partnern in Dortmund" has a possessive between: the user's own partners say nothing).
 */
function partnerBefore(words: readonly Word[], preposition: number, lexicon: Lexicon): boolean {
  const isPreposition = lexicon.placePrepositions.matchAt(words, preposition) === 1 || lexicon.originPrepositions.matchAt(words, preposition) === 1;
  const party = isPreposition ? wantedBeforePreposition(words, preposition, lexicon) : undefined;
  return party !== undefined && party.before >= 0 && lexicon.withWords.matchAt(words, party.before) === 1 && !workplaceOfUser(words, party.before, lexicon);
}

/**
 * The kind sought or someone wanted right before a place's preposition (a compound's last word or a phrase of at most
 * three words): where it starts (`noun`) and the word before it, over articles (`before`, -1 when none in the clause).
 */
function wantedBeforePreposition(words: readonly Word[], preposition: number, lexicon: Lexicon): { noun: number; before: number } | undefined {
  const clause = words[preposition]!.clause;
  for (let i = preposition - 1; i >= Math.max(0, preposition - 3); i--) {
    if (words[i]!.clause !== clause) return undefined;
    const length = lexicon.wanted.matchAt(words, i);
    if (length === 0 || i + length !== preposition) continue;
    let before = i - 1;
    while (before >= 0 && words[before]!.clause === clause && lexicon.placeArticles.matchAt(words, before) === 1) before--;
    return { noun: i, before: before >= 0 && words[before]!.clause === clause ? before : -1 };
  }
  return undefined;
}

/**
 * "Wer aus Dortmund könnte das begleiten?", "Who in Dortmund can help?", "Welche Firma in Siegen …?": a question word
 * for whom the user looks for (at most one noun between) right before the place's preposition.
 */
function askedWhoThere(words: readonly Word[], preposition: number, lexicon: Lexicon): boolean {
  const isPreposition = lexicon.placePrepositions.matchAt(words, preposition) === 1 || lexicon.originPrepositions.matchAt(words, preposition) === 1;
  if (!isPreposition) return false;
  const clause = words[preposition]!.clause;
  return [preposition - 1, preposition - 2].some((i) => i >= 0 && words[i]!.clause === clause && lexicon.askingWhoThere.matchAt(words, i) === 1);
}

/** "gern aus Südwestfalen", "ideally in South Westphalia": a wish right before the place's preposition. */
function wishedBefore(words: readonly Word[], preposition: number, lexicon: Lexicon): boolean {
  const isPreposition = lexicon.placePrepositions.matchAt(words, preposition) === 1 || lexicon.originPrepositions.matchAt(words, preposition) === 1;
  if (!isPreposition) return false;
  const clause = words[preposition]!.clause;
  return [preposition - 1, preposition - 2].some((i) => i >= 0 && words[i]!.clause === clause && lexicon.preferenceWords.matchAt(words, i) === preposition - i);
}

/**
 * "… shipments from suppliers in the Sauerland", "mit Partnern im Sauerland": the place follows someone other than the
 * user, named after a preposition ("from suppliers", "mit Partnern"), so it says where that party is, not where the
 * user is, though a word for the user came before ("Our Dortmund firm …"). Not the user's own ("our suppliers in …"),
 * nor what the user is ("Wir sind ein IT-Dienstleister in Dortmund": no preposition before the noun).
 */
function otherPartyBefore(words: readonly Word[], preposition: number, lexicon: Lexicon): boolean {
  if (lexicon.placePrepositions.matchAt(words, preposition) !== 1) return false;
  const party = wantedBeforePreposition(words, preposition, lexicon);
  if (party === undefined || party.before < 0) return false;
  const afterPreposition = lexicon.placePrepositions.matchAt(words, party.before) === 1 || lexicon.withWords.matchAt(words, party.before) === 1;
  return afterPreposition && !ownedBy(words, party.noun, lexicon) && !workplaceOfUser(words, party.before, lexicon);
}

/**
 * "Ich bin Personalleiterin bei einem Hersteller in …", "I'm the IT lead at a foundry in …": the preposition at
 * `preposition` names where the user works, after a self-introduction in its clause with no need verb between.
 */
function workplaceOfUser(words: readonly Word[], preposition: number, lexicon: Lexicon): boolean {
  if (lexicon.workplacePrepositions.matchAt(words, preposition) !== 1) return false;
  const clause = words[preposition]!.clause;
  for (let i = preposition - 1; i >= 0 && words[i]!.clause === clause; i--) {
    if (isNeedVerb(words, i, lexicon)) return false;
    if (lexicon.selfIntroductions.matchAt(words, i) > 0) return true;
  }
  return false;
}

/**
 * "brauchen für unser ERP eine Zusatzsoftware aus Siegen": the word for the user at `self` is a possessive, and an
 * indefinite article between it and the place opens another noun, which the place follows: the possessive describes
 * only its own noun (lexicon.yml `possessives`), so it says nothing of where the user is. Read only after a need verb
 * (the noun then is what is sought): "Unsere Firma ist ein Zulieferer in Olpe" says where the user is.
 */
function ownsAnotherNoun(words: readonly Word[], self: number, place: number, lexicon: Lexicon): boolean {
  if (lexicon.possessives.matchAt(words, self) === 0) return false;
  for (let i = self + 1; i < place; i++) if (lexicon.indefiniteArticles.matchAt(words, i) > 0) return true;
  return false;
}

/** "our robotics start-up", "unser Start-up": the noun is the user's own, not whom they look for. */
function ownedBy(words: readonly Word[], noun: number, lexicon: Lexicon): boolean {
  for (let i = noun - 1; i >= Math.max(0, noun - 2); i--) if (lexicon.self.matchAt(words, i) > 0) return true;
  return false;
}
