/**
 * Which providers a provider list shows, and in what order: the ones the search found, re-ranked by what the message
 * says (a provider named, the part of the region looked in, the topics and kinds asked for), with the region's
 * cooperation partner first where it brokers the contact (docs/quality.md, "Which providers come first").
 */
import type { KnowledgeIndex } from '../knowledge/knowledgeIndex.js';
import { wordsOf, type Lexicon } from '../knowledge/lexicon.js';
import type { ProviderProfile, Region, Topic } from '../knowledge/schema.js';
import type { SearchHit } from '../knowledge/searchResult.js';
import type { RegionReading } from './regionReading.js';
import { decisionDefaults } from './rules.js';
import type { WantedKinds } from './wantedKinds.js';
import { kindsByName } from '../knowledge/providerNames.js';

/**
 * A provider of a kind the user asks for by name that explains enough of the message (`wantedKindCoverage`). `kindsOf`:
 * the provider's kinds, where a unit counts as of its parent's kind too (`kindsByName`); default: its own kind.
 */
export function isWantedKind(hit: SearchHit, kinds: ReadonlySet<string>, kindsOf?: (provider: ProviderProfile) => ReadonlySet<string>): boolean {
  if (hit.doc.type !== 'provider' || hit.coverage < decisionDefaults.wantedKindCoverage) return false;
  const doc = hit.doc;
  return kindsOf ? [...kindsOf(doc)].some((kind) => kinds.has(kind)) : kinds.has(doc.kind);
}

/** Per provider seated outside its region's districts, the districts its profile names (`ProviderOrder.districtsOf`). */
const namedDistricts = new WeakMap<ProviderProfile, string[]>();

/** Per list of providers, their kinds by name (`kindsByName`), computed once. */
const kindsOfProviders = new WeakMap<readonly ProviderProfile[], Map<string, ReadonlySet<string>>>();

/** A provider shown for where it is rather than for words it shares with the message: `why` names the places. */
function placeHit(doc: ProviderProfile, why: string[]): SearchHit {
  return { id: doc.id, type: 'provider', doc, score: 0, coverage: decisionDefaults.providerCoverage, vote: 0, why, matchedTopics: [], gaps: [], onlyNames: [] };
}

/** Per topic, the first topic (in topics.yml's order) it is linked to through shared terms, directly or in a chain. */
export function topicGroups(topics: readonly Topic[]): Map<string, string> {
  const group = new Map<string, string>();
  const root = (id: string): string => {
    const up = group.get(id) ?? id;
    return up === id ? id : root(up);
  };
  const firstWithTerm = new Map<string, string>();
  for (const topic of topics) {
    group.set(topic.id, topic.id);
    for (const term of topic.terms) {
      const first = firstWithTerm.get(term);
      if (first === undefined) firstWithTerm.set(term, topic.id);
      else if (root(first) !== root(topic.id)) group.set(root(topic.id), root(first));
    }
  }
  return new Map(topics.map((topic) => [topic.id, root(topic.id)]));
}

export class ProviderOrder {
  constructor(
    private readonly index: KnowledgeIndex,
    private readonly lexicon: Lexicon,
    /**
     * `shown`: providers in a list; `topicSlack`: how much less a provider with a named topic may explain and still come
     * first; `coverMoreSlack`: the same for coming first by covering more of the topics named.
     */
    private readonly limits: { shown: number; topicSlack: number; coverMoreSlack: number },
  ) {}

  /**
   * Providers in the part of the region the user names first ("im Sauerland": a provider there or one covering the whole
   * region); among them, providers with a topic the message names before those that only share other words (a
   * "Forschungspartner für Lagerautomatisierung" is better a logistics firm than an institute for marketing); and
   * among those, when the user asks for kinds by name ("mit einer Hochschule", "Pilotkunden"), providers of those
   * kinds. A provider the message names ("Kann uns die TU Dortmund helfen?") comes before all of them. Only the first
   * `limits.shown` are kept.
   */
  order(
    hits: SearchHit[],
    wanted: WantedKinds,
    regions: RegionReading,
    broker?: SearchHit,
    named: ReadonlySet<string> = new Set(),
    requested?: readonly string[],
  ): SearchHit[] {
    const kinds = wanted.kinds;
    const fits = (hit: SearchHit) => this.isWanted(hit, kinds);
    const inArea = (hit: SearchHit) => this.inArea(hit, regions);
    // A topic of the directory that the message names is the best evidence of fit ("Robotik in der Produktion"):
    // providers with that topic come before those that only share other words, unless they explain clearly less.
    const best = hits[0]?.coverage ?? 0;
    const namesTopic = (hit: SearchHit) =>
      hit.matchedTopics.some((topic) => !requested || requested.includes(topic)) && hit.coverage >= best - this.limits.topicSlack;
    // A kind named for itself ("eine Hochschule für ein KI-Projekt", lexicon.yml `overTopics`) outweighs the topic:
    // the user wants that kind of partner. Other kinds ("Pilotkunden", "Start-ups") are outweighed by the topic.
    const kindFirst = wanted.overTopics;
    // A partner sought with no kind named ("einen Partner für …"): of providers ranked alike, a firm comes first.
    const partnerKind = (hit: SearchHit) => wanted.partnerKinds.size === 0 || (hit.doc.type === 'provider' && wanted.partnerKinds.has(hit.doc.kind));
    const rank = (hit: SearchHit) =>
      (named.has(hit.id) ? 0 : 8) + (inArea(hit) ? 0 : 4) + (namesTopic(hit) ? 0 : kindFirst ? 1 : 2) + (fits(hit) ? 0 : kindFirst ? 2 : 1);
    // Of the providers with a named topic that explain nearly as much as the best (`coverMoreSlack`), those covering
    // more of the topics named come first: a need for security training is better met by a profile with both security
    // and training than by one with training alone.
    const groupsOf = (hit: SearchHit) =>
      new Set(hit.matchedTopics.filter((topic) => !requested || requested.includes(topic)).map((topic) => this.topicGroup(topic)));
    // A profile further below counts as covering one topic, like any with a topic named: it keeps its place in the
    // search's order among those, rather than falling behind every profile with one topic that explains a little more.
    const topicsCovered = (hit: SearchHit) => (!namesTopic(hit) ? 0 : hit.coverage >= best - this.limits.coverMoreSlack ? groupsOf(hit).size : Math.min(groupsOf(hit).size, 1));
    // Ranked alike, a partner of the kind sought comes before the one covering more topics.
    const ordered = hits
      .map((hit, i) => ({ hit, i, rank: rank(hit), topics: topicsCovered(hit), partner: partnerKind(hit) ? 0 : 1 }))
      .sort((a, b) => a.rank - b.rank || a.partner - b.partner || b.topics - a.topics || a.i - b.i);
    // The kind asked for in the part of the region named, though no word of the message is in its profile ("wer
    // unterstützt Gründer dort?" after "in Meschede"): the profiles of that kind located there come first.
    // So too a kind named for itself ("gibt es da Absolventen?": universities) that no profile found has: that kind's
    // profiles in the region looked in.
    const localWanted = regions.targetDistricts.length > 0 || (wanted.overTopics && regions.targetNamed);
    const local = localWanted && kinds.size > 0 && !hits.some((hit) => inArea(hit) && fits(hit))
      ? this.localProviders(regions, kinds).map((hit) => {
          const found = hits.find((h) => h.id === hit.id);
          return found ? { ...found, coverage: Math.max(found.coverage, hit.coverage), why: [...new Set([...hit.why, ...found.why])] } : hit;
        })
      : [];
    const localIds = new Set(local.map((hit) => hit.id));
    const shown = [...local.sort((a, b) => b.score - a.score), ...ordered.map((o) => o.hit).filter((hit) => !localIds.has(hit.id))];
    if (!broker) return shown.slice(0, this.limits.shown);
    const found = shown.find((hit) => hit.id === broker.id);
    const first = found ? { ...found, coverage: Math.max(found.coverage, broker.coverage), why: [...new Set([...broker.why, ...found.why])] } : broker;
    // A provider the message names is whom the user asks for: it stays before the broker ("… mit dem
    // Kompetenzzentrum Siegen zusammenarbeiten", though "Mittelstand" in its name reads as firms sought).
    const rest = shown.filter((hit) => hit.id !== broker.id);
    const namedFirst = rest.filter((hit) => named.has(hit.id));
    return [...namedFirst, first, ...rest.filter((hit) => !named.has(hit.id))].slice(0, this.limits.shown);
  }

  /** A provider of a kind asked for (`isWantedKind`), a unit counting as of its parent's kind too ("… der Universität Siegen"). */
  isWanted(hit: SearchHit, kinds: ReadonlySet<string>): boolean {
    if (isWantedKind(hit, kinds)) return true;
    // A unit matches the kind word through its parent's name ("Uni" → "… der Universität Siegen"): it counts as of its
    // parent's kind where it shares at least two other words with the message, words that are no kinds or places.
    return isWantedKind(hit, kinds, (provider) => this.kindsOf(provider)) && this.tellingWords(hit) >= 2;
  }

  /** The words a hit shares with the message that name no kind of provider and no place. */
  private tellingWords(hit: SearchHit): number {
    return hit.why.filter((reason) => {
      const typed = wordsOf(reason.split(' → ')[0]!);
      return this.lexicon.places(typed).length === 0 && !this.lexicon.wantedKinds.some((group) => group.words.matchAt(typed, 0) > 0);
    }).length;
  }

  /** The provider's kinds: its own and its parent's, named in its name (`kindsByName`). */
  private kindsOf(provider: ProviderProfile): ReadonlySet<string> {
    const providers = this.index.knowledge.providers;
    let byId = kindsOfProviders.get(providers);
    if (!byId) kindsOfProviders.set(providers, (byId = kindsByName(providers)));
    return byId.get(provider.id) ?? new Set([provider.kind]);
  }

  /**
   * The topic standing for `topic` when topics are counted: topics that share a term in topics.yml ("vorausschauende
   * Wartung" names both KI and IoT) are one, since a message naming one of them names the other with the same words.
   */
  private topicGroup(topic: string): string {
    this.groups ??= topicGroups(this.index.knowledge.topics);
    return this.groups.get(topic) ?? topic;
  }

  private groups?: Map<string, string>;

  /** The provider is in the part of the region the user names ("im Sauerland"), or covers the whole region; true when none is named. */
  inArea(hit: SearchHit, regions: RegionReading): boolean {
    if (regions.targetDistricts.length === 0 || hit.doc.type !== 'provider') return true;
    const districts = this.districtsOf(hit.doc);
    return districts === undefined || districts.some((d) => regions.targetDistricts.includes(d));
  }

  /**
   * The districts a provider works in: its city's (undefined for a whole region); for a city outside the region's
   * districts (a chamber seated in Hagen), the districts its profile names ("für … den Märkischen Kreis zuständig").
   */
  private districtsOf(doc: ProviderProfile): string[] | undefined {
    const districts = this.lexicon.districtsOfCity(doc.city);
    if (districts === undefined || districts.length > 0) return districts;
    let named = namedDistricts.get(doc);
    if (!named) {
      const text = [doc.summary_en, ...doc.offers, doc.body].join(' ');
      named = [...new Set(this.lexicon.places(wordsOf(text)).filter((m) => m.region === doc.region).flatMap((m) => m.districts))];
      namedDistricts.set(doc, named);
    }
    return named;
  }

  /**
   * Providers of `kinds` in the region looked in, as hits: located in the districts the user named (not covering the
   * whole region), or anywhere there when none is named.
   */
  private localProviders(regions: RegionReading, kinds: Set<string>): SearchHit[] {
    return this.index.knowledge.providers
      .filter((p) => p.region === regions.target && kinds.has(p.kind))
      .filter((p) => regions.targetDistricts.length === 0 || (this.districtsOf(p) ?? []).some((d) => regions.targetDistricts.includes(d)))
      .map((doc) => placeHit(doc, regions.targetPlaces));
  }

  /**
   * The cooperation's partner in `region` (places.yml) as a hit, matched by the places the user named: it brokers
   * contacts to the region's firms.
   */
  partnerHit(region: Region, places: string[]): SearchHit | undefined {
    const id = this.lexicon.partners[region];
    const doc = id ? this.index.get(id) : undefined;
    if (!doc || doc.type !== 'provider') return undefined;
    return placeHit(doc, places);
  }
}
