/**
 * Where the user is and where they look, read from the places a message names (knowledge/places.yml) and the words
 * around them (knowledge/lexicon.yml). Each place named is where the user comes from (origin) or where they look
 * (target), by the first of these rules that applies:
 *
 * 1. after a target preposition ("nach Südwestfalen", "moving to …"): target;
 * 2. right after a word for whom the user looks, after the need verb ("… suchen einen Partner in Siegen", "a pilot
 *    customer for us in South Westphalia"): target;
 * 3. an inhabitants' form right after a word for the user ("uns Dortmundern", "als Dortmunder Team", "wir sind ein
 *    Dortmunder …"): origin; after a need verb ("suchen Dortmunder Start-ups"): target; otherwise origin;
 * 4. a word for the user before it in the same clause, and no need verb between ("unser Team in Dortmund", "our
 *    robotics start-up from Dortmund", "our PCs on site in Lennestadt"), or a clause that opens with a word for a
 *    firm ("Betrieb in Olpe, 80 Leute."): origin; not the user as the object of a need verb ("Wer hilft uns im
 *    Siegerland …"); a place of someone else the user names there ("our firm … shipments from suppliers in the
 *    Sauerland") is neither where the user is nor where they look;
 * 5. after an origin preposition ("aus Dortmund", "from Siegen"): origin, unless a need verb comes first in the clause
 *    ("… möchte mit einem Händler aus Arnsberg …"): then target;
 * 6. after a word of residence in the clause ("sitzt in", "based in"), with no need verb before it in the clause, or
 *    followed by one ("haben gerade in Dortmund gegründet"), with no need verb before it in the message: origin;
 * 7. otherwise: target.
 *
 * A part named right after its region ("Dortmund-Hörde", "Dortmund's Nordstadt") plays the region's role.
 *
 * When that leaves both regions looked in and none as origin, the one whose places clearly describe the user is the
 * origin (`describesUser`: an introduction, "our Dortmund institute", "a Dortmund company", "als … aus Dortmund",
 * against a place after a preposition); failing that, the one named before the first need verb ("Dortmund institute
 * looking for …", "Dortmund engineering office here. We're looking for … in South Westphalia"); failing that, the one
 * not named in a clause asking where ("In Dortmund gibt es kaum Flächen. Wo im Sauerland …?").
 *
 * When every place named is where the user is, in both regions, the one named as home (an inhabitants' form, "aus …")
 * is the origin and the other a site of theirs, looked in ("Dortmunder Firma mit neuem Standort in Arnsberg").
 *
 * The side looked in is the one named as target; when both or neither are, the side the user does not come from.
 */
import type { Lexicon, PlaceMention, Word } from '../knowledge/lexicon.js';
import type { Region } from '../knowledge/schema.js';

export interface RegionReading {
  /** The side whose providers to show. */
  target: Region;
  /** Where the user comes from, when the message (or the conversation) says it. */
  origin?: Region;
  /** True when the message itself names the side it looks in. */
  targetNamed: boolean;
  /** True when the message itself says where the user comes from. */
  originNamed: boolean;
  /** The districts the user looks in ("im Sauerland", "in Siegen"); empty for a whole region or none named. */
  targetDistricts: string[];
  /** The places named as where the user looks, as typed ("Sauerland"). */
  targetPlaces: string[];
  /**
   * Places that say nothing about which provider fits, as word positions [start, end): where the user comes from, where
   * someone else the user names is, and a whole region named as where they look. A town or district looked in stays: profiles there name it.
   */
  placeSpans: [number, number][];
  /** The places named as where the user is, as word positions [start, end) ("ein Dortmunder Unternehmen"). */
  originSpans: [number, number][];
  /** A clause opens with what the user's firm is and where ("Druckerei in Olpe: …"): the message speaks of it. */
  firmIntroduced: boolean;
}

/**
 * `text` without the places it names: where the user is and looks is what the region filter and the area order take
 * care of; as words in the provider search they would match every profile that names its region ("Südwestfalen").
 */
export function withoutPlaces(text: string, words: readonly Word[], reading: RegionReading): string {
  const normalised = text.normalize('NFC');
  let out = '';
  let at = 0;
  for (const [start, end] of reading.placeSpans) {
    out += normalised.slice(at, words[start]!.from);
    at = words[end - 1]!.to;
  }
  return out + normalised.slice(at);
}

/** The role of one place named in the message (see the rules above). */
function role(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): 'origin' | 'target' | 'other' {
  const clause = words[mention.start]!.clause;
  let lastSelf = -1;
  let lastNeed = -1;
  let residence = false;
  for (let i = mention.start - 1; i >= 0 && words[i]!.clause === clause; i--) {
    // "hilft uns", "helps us": the user as the object of the help says nothing about where they are.
    const object = i > 0 && (lexicon.needVerbs.matchAt(words, i - 1) > 0 || lexicon.helpVerbs.matchAt(words, i - 1) > 0);
    if (lastSelf < 0 && !object && lexicon.self.matchAt(words, i) > 0) lastSelf = i;
    // "Our plant in Wenden": a need verb's form right after a possessive is a noun of the user's ("plant", "Planung").
    const owned = i > 0 && words[i - 1]!.clause === clause && lexicon.possessives.matchAt(words, i - 1) > 0;
    if (lastNeed < 0 && !owned && lexicon.needVerbs.matchAt(words, i) > 0) lastNeed = i;
    if (lexicon.residence.matchAt(words, i) > 0) residence = true;
  }
  // The word before the place, over articles ("aus dem Sauerland", "in the Märkischer Kreis", "im Raum Siegen").
  let before = mention.start - 1;
  while (before >= 0 && lexicon.placeArticles.matchAt(words, before) === 1 && words[before]!.clause === clause) before--;
  const previous = before >= 0 && words[before]!.clause === clause ? before : -1;
  if (previous >= 0 && lexicon.targetPrepositions.matchAt(words, previous) > 0) return 'target';
  // "gern aus Dortmund": the preference says where the one sought should come from.
  const preferred = previous >= 1 && words[previous - 1]!.clause === clause && lexicon.preferredOrigin.matchAt(words, previous - 1) === 1;
  if (preferred && lexicon.originPrepositions.matchAt(words, previous) > 0) return 'target';
  if (previous >= 1 && wantedBefore(words, previous, lexicon, lastNeed)) return 'target';
  if (previous >= 1 && askedWhoThere(words, previous, lexicon)) return 'target';
  if (mention.demonym) {
    // "zusammen mit einer Dortmunder Hochschule", "bei einem Siegener Hersteller": whom the user works with is there.
    const partyAfter = words[mention.end]?.clause === clause && lexicon.wanted.matchAt(words, mention.end) > 0;
    if (partyAfter && previous >= 0 && lexicon.withWords.matchAt(words, previous) === 1) return 'target';
    const asWord = (i: number) => words[i]?.clause === clause && lexicon.asWords.matchAt(words, i) === 1;
    if (asWord(mention.start - 1) || asWord(mention.start - 2) || (previous >= 0 && lexicon.self.matchAt(words, previous) > 0)) return 'origin';
    // "Any South Westphalian manufacturers who …?", "Gibt es Dortmunder Start-ups, die …?": asked whether they exist.
    if (lastSelf < 0 && asksExistence(words, mention, lexicon)) return 'target';
    if (lastSelf >= 0 && lastSelf > lastNeed) return 'origin';
    return lastNeed >= 0 ? 'target' : 'origin';
  }
  // "… helfen, Leute aus Dortmund zu bekommen", "an Fachkräfte aus Dortmund kommen": the people the user wants to hire
  // are from there, not the user ("wir sind fünf Leute aus Dortmund" says what the user is).
  const staff = previous - 1;
  const staffFrom = previous >= 1 && words[staff]!.clause === clause && lexicon.originPrepositions.matchAt(words, previous) > 0 &&
    lexicon.staffNouns.matchAt(words, staff) > 0 && !staffOfUser(words, staff, lexicon);
  if (staffFrom) return 'target';
  if (lastSelf >= 0 && lastSelf > lastNeed) return previous >= 1 && otherPartyBefore(words, previous, lexicon) ? 'other' : 'origin';
  if (lastNeed < 0 && opensWithCompany(words, clause, mention.start, lexicon)) return 'origin';
  if (previous >= 0 && lexicon.originPrepositions.matchAt(words, previous) > 0) return lastNeed >= 0 ? 'target' : 'origin';
  if ((residence || residenceAfter(words, mention, lexicon)) && lastNeed < 0) return 'origin';
  return 'target';
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

/** The first word of the clause of `position`. */
function clauseStartOf(words: readonly Word[], position: number): number {
  let first = position;
  while (first > 0 && words[first - 1]!.clause === words[position]!.clause) first--;
  return first;
}

/** The place's clause opens with a question word asking where ("Wo im Sauerland …?", "Where in South Westphalia …?"). */
function asksWhere(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): boolean {
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

/** The clause opens with a word for a firm, alone or after an article, before `end` ("Betrieb in Olpe", "Ein Zulieferer …"). */
function opensWithCompany(words: readonly Word[], clause: number, end: number, lexicon: Lexicon): boolean {
  let first = end;
  while (first > 0 && words[first - 1]!.clause === clause) first--;
  if (first < end && lexicon.placeArticles.matchAt(words, first) === 1) first++;
  return first < end && lexicon.companyNouns.matchAt(words, first) > 0;
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
 * "Wer aus Dortmund könnte das begleiten?", "Who in Dortmund can help?", "Welche Firma in Siegen …?": a question word
 * for whom the user looks for (at most one noun between) right before the place's preposition.
 */
function askedWhoThere(words: readonly Word[], preposition: number, lexicon: Lexicon): boolean {
  const isPreposition = lexicon.placePrepositions.matchAt(words, preposition) === 1 || lexicon.originPrepositions.matchAt(words, preposition) === 1;
  if (!isPreposition) return false;
  const clause = words[preposition]!.clause;
  return [preposition - 1, preposition - 2].some((i) => i >= 0 && words[i]!.clause === clause && lexicon.askingWhoThere.matchAt(words, i) === 1);
}

/**
 * "… shipments from suppliers in the Sauerland", "mit Partnern im Sauerland": the place follows someone other than the
 * user, named after a preposition ("from suppliers", "mit Partnern"), so it says where that party is, not where the
 * user is, though a word for the user came before ("Our Dortmund firm …"). Not the user's own ("our suppliers in …"),
 * nor what the user is ("Wir sind ein IT-Dienstleister in Dortmund": no preposition before the noun).
 */
function otherPartyBefore(words: readonly Word[], preposition: number, lexicon: Lexicon): boolean {
  if (lexicon.placePrepositions.matchAt(words, preposition) !== 1) return false;
  const clause = words[preposition]!.clause;
  for (let i = preposition - 1; i >= Math.max(0, preposition - 3); i--) {
    if (words[i]!.clause !== clause) return false;
    const length = lexicon.wanted.matchAt(words, i);
    if (length === 0 || i + length !== preposition) continue;
    let before = i - 1;
    while (before >= 0 && words[before]!.clause === clause && lexicon.placeArticles.matchAt(words, before) === 1) before--;
    const afterPreposition =
      before >= 0 && words[before]!.clause === clause &&
      (lexicon.placePrepositions.matchAt(words, before) === 1 || lexicon.withWords.matchAt(words, before) === 1);
    return afterPreposition && !ownedBy(words, i, lexicon);
  }
  return false;
}

/** "our robotics start-up", "unser Start-up": the noun is the user's own, not whom they look for. */
function ownedBy(words: readonly Word[], noun: number, lexicon: Lexicon): boolean {
  for (let i = noun - 1; i >= Math.max(0, noun - 2); i--) if (lexicon.self.matchAt(words, i) > 0) return true;
  return false;
}

/**
 * The place is named as the user's home: an inhabitants' form for the user ("Wir sind ein Dortmunder Maschinenbauer",
 * "I'm a Dortmund founder",
 * "Dortmunder Firma mit Standort in …" opening the message; not "Können auch Dortmunder Betriebe …?"), after a word
 * of residence ("Sitz: Iserlohn"), or after "aus"/"from" not following someone else ("gerne von jemandem aus
 * Dortmund" is whom they want, "I'm a founder from Dortmund" the user).
 */
function namesHome(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): boolean {
  const clause = words[mention.start]!.clause;
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
  if (before < 0 || words[before]!.clause !== clause || lexicon.originPrepositions.matchAt(words, before) === 0) return false;
  for (let i = before - 1; i >= Math.max(0, before - 3) && words[i]!.clause === clause; i--) {
    const length = lexicon.wanted.matchAt(words, i);
    if (length > 0 && i + length === before) return isSelfDescription(words, i, lexicon, new Set());
  }
  return true;
}

/**
 * "Fachhochschule Südwestfalen", "Südwestfalen Agentur": a region named right next to a word for a kind of provider,
 * with no preposition between, is part of that provider's name, which the provider search needs.
 */
function partOfName(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): boolean {
  const clause = words[mention.start]!.clause;
  const before = mention.start - 1;
  if (before >= 0 && words[before]!.clause === clause && lexicon.wanted.matchAt(words, before) === 1) return true;
  return words[mention.end]?.clause === clause && lexicon.wanted.matchAt(words, mention.end) > 0;
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
function describedAsUser(words: readonly Word[], mentions: readonly PlaceMention[], lexicon: Lexicon): Region | undefined {
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

/** Reads where the user is and looks; `remembered` is the origin the conversation knows from before. */
export function readRegions(words: readonly Word[], lexicon: Lexicon, remembered?: Region): RegionReading {
  const mentions = lexicon.places(words);
  const bothRegions = new Set(mentions.map((m) => m.region)).size === 2;
  const firstNeed = lexicon.needVerbs.positions(words)[0] ?? -1;
  const origins = new Set<Region>();
  const targets = new Set<Region>();
  const districts = new Set<string>();
  let wholeRegion = false;
  const roles = mentions.map((mention) => role(words, mention, lexicon));
  // "Dortmund-Hörde", "Dortmund's Nordstadt": a part named right after its region plays the region's role.
  for (let i = 1; i < mentions.length; i++) {
    const [before, part] = [mentions[i - 1]!, mentions[i]!];
    if (part.region === before.region && part.start - before.end <= 1 && words[part.start]!.clause === words[before.start]!.clause) roles[i] = roles[i - 1]!;
  }
  // Both regions read as looked in: the one the message uses to describe the user is where they are.
  if (bothRegions && !roles.includes('origin')) {
    const home = describedAsUser(words, mentions, lexicon);
    if (home) mentions.forEach((m, i) => m.region === home && (roles[i] = 'origin'));
  }
  if (bothRegions && firstNeed >= 0 && !roles.includes('origin')) {
    const early = mentions.findIndex((m) => m.start < firstNeed);
    if (early >= 0 && mentions.some((m, i) => i !== early && m.region !== mentions[early]!.region && m.start > firstNeed)) roles[early] = 'origin';
  }
  // "In Dortmund gibt es kaum Flächen. Wo im Sauerland könnten wir Partner finden?": both regions looked in, one of them
  // in a clause asking where; that one is where the user looks, the other where they are.
  if (bothRegions && !roles.includes('origin')) {
    const asked = new Set(mentions.filter((m) => asksWhere(words, m, lexicon)).map((m) => m.region));
    if (asked.size === 1) mentions.forEach((m, i) => !asked.has(m.region) && roles[i] === 'target' && (roles[i] = 'origin'));
  }
  // "Dortmunder Firma mit neuem Standort in Arnsberg", "Wo kann ich im Siegerland …? Wir sind aus Dortmund": both
  // regions read as where the user is. The one named as home is where they come from; the other is a site of theirs,
  // where they look.
  if (bothRegions && !roles.includes('target')) {
    const home = new Set(mentions.filter((m, i) => roles[i] === 'origin' && namesHome(words, m, lexicon)).map((m) => m.region));
    if (home.size === 1) mentions.forEach((m, i) => roles[i] === 'origin' && !home.has(m.region) && (roles[i] = 'target'));
  }
  for (const [i, mention] of mentions.entries()) {
    if (roles[i] === 'origin') origins.add(mention.region);
    else if (roles[i] === 'target') {
      targets.add(mention.region);
      if (mention.districts.length === 0) wholeRegion = true;
    }
  }
  const other = (region: Region): Region => (region === 'dortmund' ? 'suedwestfalen' : 'dortmund');
  const single = (set: Set<Region>) => (set.size === 1 ? [...set][0] : undefined);
  let target: Region;
  let targetNamed = true;
  const namedTarget = single(targets);
  const namedOrigin = single(origins);
  if (namedTarget) target = namedTarget;
  else if (targets.size === 2 && namedOrigin) target = other(namedOrigin);
  else {
    targetNamed = false;
    const from = namedOrigin ?? remembered;
    target = from ? other(from) : 'dortmund';
  }
  const targetPlaces: string[] = [];
  mentions.forEach((mention, i) => {
    if (mention.region !== target || roles[i] !== 'target') return;
    mention.districts.forEach((d) => districts.add(d));
    targetPlaces.push(words.slice(mention.start, mention.end).map((w) => w.raw).join(' '));
  });
  const originNamed = namedOrigin !== undefined && namedOrigin !== target;
  const origin = originNamed ? namedOrigin : remembered !== target ? remembered : undefined;
  return {
    target,
    origin,
    targetNamed,
    originNamed,
    targetDistricts: wholeRegion || !targetNamed ? [] : [...districts],
    targetPlaces,
    originSpans: mentions.filter((m, i) => roles[i] === 'origin' && m.region === origin).map((m) => [m.start, m.end]),
    firmIntroduced: mentions.some(
      (m, i) => roles[i] === 'origin' && m.start < (firstNeed < 0 ? words.length : firstNeed) && opensWithCompany(words, words[m.start]!.clause, m.start, lexicon),
    ),
    placeSpans: mentions
      .filter((m, i) => roles[i] !== 'target' || (m.districts.length === 0 && !partOfName(words, m, lexicon)))
      .map((m) => [m.start, m.end]),
  };
}

export interface WantedKinds {
  kinds: Set<string>;
  /** A kind named for itself (lexicon.yml `overTopics`): its providers come before others with the topic named. */
  overTopics: boolean;
  /** Firms to work with (pilot customers, manufacturers; see lexicon.yml `firms`), and no more specific kind. */
  firms: boolean;
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
  const placeWords = new Set(lexicon.places(words).flatMap((m) => Array.from({ length: m.end - m.start }, (_, k) => m.start + k)));
  const out = new Set<string>();
  let firms = false;
  let specific = false;
  let overTopics = false;
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
        !needs.some((need) => need < position && words[need]!.clause === clause);
      // "Dortmunder Softwarehaus, wir suchen …": the message's first clause, before the first need and asking
      // nothing, introduces the user.
      const introduction =
        clause === words[0]!.clause && needs.length > 0 && words[needs[0]!]!.clause > clause && lexicon.questionStarts.matchAt(words, 0) === 0;
      // "… Firma aus Arnsberg.", "Betrieb in Olpe, 80 Leute.": a clause that opens with the noun and has no need verb
      // introduces the user.
      let opening = clauseStart;
      if (opening < position && lexicon.placeArticles.matchAt(words, opening) === 1) opening++;
      const statement = opening === position && !needs.some((need) => words[need]!.clause === clause);
      if (beforeNeed || introduction || statement || originEnds.has(position) || isSelfDescription(words, position, lexicon, placeWords)) continue;
      // "die Touren zu den Kunden besser planen": firms that goods go to are no partners sought.
      if (group.firms && deliveredTo(words, position, lexicon)) continue;
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
      // "an IT security company", "eine Logistik-Firma": a firm named by its topic is a provider of that topic.
      if (group.firms && !topicBefore(position) && !offering && !askedForTopic(words, position, lexicon, topicIn)) firms = true;
      else specific = true;
    }
  }
  // "an IT security partner", "ein ERP-Anbieter": whom the user looks for named by its topic is a provider of it.
  const topicPartner = lexicon.wantedNouns
    .positions(words)
    .some((position) => topicBefore(position) && !isSelfDescription(words, position, lexicon, placeWords) && needs.some((need) => need < position));
  // "a software company as a partner" names what kind of firm: its providers, not the broker.
  return { kinds: out, firms: firms && !specific && !topicPartner, overTopics };
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

/** A verb of offering follows the noun at `position` in its clause, within a few words. */
function offersAfter(words: readonly Word[], position: number, lexicon: Lexicon): boolean {
  const clause = words[position]!.clause;
  for (let i = position + 1; i < Math.min(words.length, position + 6) && words[i]!.clause === clause; i++) {
    if (lexicon.offerVerbs.matchAt(words, i) > 0) return true;
  }
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
  // "Suche als Gründer …": a need verb opening its clause has the user as its unsaid subject.
  const opensClause = (i: number) => i === 0 || words[i - 1]!.clause !== clause;
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
function isSelfDescription(words: readonly Word[], position: number, lexicon: Lexicon, placeWords: ReadonlySet<number>): boolean {
  // "mit einer Hochschule", "mit einer Dortmunder Hochschule": two words before, a place between not counted.
  for (let i = position - 1, between = 0; i >= 0 && between < 2 && words[i]!.clause === words[position]!.clause; i--) {
    if (lexicon.withWords.matchAt(words, i) === 1) return false;
    if (!placeWords.has(i)) between++;
  }
  // "(finden) wir als Dortmunder Start-up …", "wir suchen als Maschinenbauer …": an "als" phrase right after the user
  // (or the user's need verb) says what the user is; after someone else it says what that one should be ("einen
  // Metallverarbeiter als Referenzkunden").
  for (let i = position - 1, between = 0; i >= 1 && between <= 2 && words[i]!.clause === words[position]!.clause; i--) {
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
    // "suchen wir Kunden": the user as the subject of a need verb before it looks for the noun, is not it.
    if (lexicon.self.matchAt(words, i) > 0) return !(i > 0 && lexicon.needVerbs.matchAt(words, i - 1) > 0);
  }
  return false;
}
