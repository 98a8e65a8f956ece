/**
 * Where the user is and where they look, read from the places a message names (knowledge/places.yml) and the words
 * around them (knowledge/lexicon.yml). Each place named is where the user comes from (origin) or where they look
 * (target), by the rules in placeRoles.ts.
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
import { otherRegion, type Region } from '../knowledge/schema.js';
import { describedAsUser, namesHome } from './bothRegionsNamed.js';
import { asksWhere, isNeedVerb, opensWithCompany, placeRole } from './placeRoles.js';

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
   * The provider search leaves them out: the region filter and the area order take care of where; as words they would
   * match every profile that names its region ("Südwestfalen").
   */
  placeSpans: [number, number][];
  /** The places named as where the user is, as word positions [start, end) ("ein Dortmunder Unternehmen"). */
  originSpans: [number, number][];
  /** A clause opens with what the user's firm is and where ("Druckerei in Olpe: …"): the message speaks of it. */
  firmIntroduced: boolean;
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

/** Reads where the user is and looks; `remembered` is the origin the conversation knows from before. */
export function readRegions(words: readonly Word[], lexicon: Lexicon, remembered?: Region): RegionReading {
  const mentions = lexicon.places(words);
  const bothRegions = new Set(mentions.map((m) => m.region)).size === 2;
  const firstNeed = lexicon.needVerbs.positions(words).find((i) => isNeedVerb(words, i, lexicon)) ?? -1;
  const origins = new Set<Region>();
  const targets = new Set<Region>();
  const districts = new Set<string>();
  let wholeRegion = false;
  const roles = mentions.map((mention) => placeRole(words, mention, lexicon));
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
  const single = (set: Set<Region>) => (set.size === 1 ? [...set][0] : undefined);
  let target: Region;
  let targetNamed = true;
  const namedTarget = single(targets);
  const namedOrigin = single(origins);
  if (namedTarget) target = namedTarget;
  else if (targets.size === 2 && namedOrigin) target = otherRegion(namedOrigin);
  else {
    targetNamed = false;
    const from = namedOrigin ?? remembered;
    target = from ? otherRegion(from) : 'dortmund';
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
    placeSpans: [
      ...mentions.filter((m, i) => roles[i] !== 'target' || (m.districts.length === 0 && !partOfName(words, m, lexicon))).map((m): [number, number] => [m.start, m.end]),
      ...mentions.filter((_, i) => roles[i] === 'origin').flatMap((m) => residenceSpans(words, m, lexicon)),
      ...mentions.flatMap((m) => areaWordsBefore(words, m, lexicon)),
    ],
  };
}

/**
 * The words right before a place that make it an area ("im Raum Siegen", "in der Region Südwestfalen", lexicon.yml
 * `placeArticles`), as a span: a town looked in stays in the provider search, but "Raum" matched profiles that speak
 * of rooms.
 */
function areaWordsBefore(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): [number, number][] {
  const clause = words[mention.start]!.clause;
  let start = mention.start;
  while (start > 0 && words[start - 1]!.clause === clause && lexicon.placeArticles.matchAt(words, start - 1) === 1) start--;
  return start < mention.start ? [[start, mention.start]] : [];
}

/**
 * The words before a place in its clause that say it is where the user is ("Wir sitzen in Iserlohn", "based in Siegen",
 * lexicon.yml `residence`). Like the place, they say nothing about which provider fits; as words they match every
 * profile that says where it is located. Not the words after a place (`residenceAfter`): "gegründet" may be what a
 * question asks ("Wann wurde … in Dortmund gegründet?").
 */
function residenceSpans(words: readonly Word[], mention: PlaceMention, lexicon: Lexicon): [number, number][] {
  const clause = words[mention.start]!.clause;
  const spans: [number, number][] = [];
  for (let i = mention.start - 1; i >= 0 && words[i]!.clause === clause; i--) {
    const length = lexicon.residence.matchAt(words, i);
    // Founding ("Ich gründe in …") says what the user does, which founders' support fits: it stays.
    if (length > 0 && lexicon.residenceFounding.matchAt(words, i) === 0) spans.push([i, i + length]);
  }
  return spans;
}
