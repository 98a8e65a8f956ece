/**
 * Which providers a provider list shows, and in what order: the ones the search found, re-ranked by what the message
 * says (a provider named, the part of the region looked in, the topics and kinds asked for), with the region's
 * cooperation partner first where it brokers the contact (docs/quality.md, "Which providers come first").
 */
import type { KnowledgeIndex } from '../knowledge/knowledgeIndex.js';
import type { Lexicon } from '../knowledge/lexicon.js';
import type { ProviderProfile, Region } from '../knowledge/schema.js';
import type { SearchHit } from '../knowledge/searchResult.js';
import type { RegionReading } from './regionReading.js';
import { decisionDefaults } from './rules.js';
import type { WantedKinds } from './wantedKinds.js';

/** A provider of a kind the user asks for by name that explains enough of the message (`wantedKindCoverage`). */
export function isWantedKind(hit: SearchHit, kinds: Set<string>): boolean {
  return hit.doc.type === 'provider' && kinds.has(hit.doc.kind) && hit.coverage >= decisionDefaults.wantedKindCoverage;
}

/** A provider shown for where it is rather than for words it shares with the message: `why` names the places. */
function placeHit(doc: ProviderProfile, why: string[]): SearchHit {
  return { id: doc.id, type: 'provider', doc, score: 0, coverage: decisionDefaults.providerCoverage, vote: 0, why, matchedTopics: [], gaps: [], onlyNames: [] };
}

export class ProviderOrder {
  constructor(
    private readonly index: KnowledgeIndex,
    private readonly lexicon: Lexicon,
    /** `shown`: providers in a list; `topicSlack`: how much less a provider with a named topic may explain and still come first. */
    private readonly limits: { shown: number; topicSlack: number },
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
    const fits = (hit: SearchHit) => isWantedKind(hit, kinds);
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
      2 * ((named.has(hit.id) ? 0 : 8) + (inArea(hit) ? 0 : 4) + (namesTopic(hit) ? 0 : kindFirst ? 1 : 2) + (fits(hit) ? 0 : kindFirst ? 2 : 1)) +
      (partnerKind(hit) ? 0 : 1);
    const ordered = hits.map((hit, i) => ({ hit, i, rank: rank(hit) })).sort((a, b) => a.rank - b.rank || a.i - b.i);
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
    return [first, ...shown.filter((hit) => hit.id !== broker.id)].slice(0, this.limits.shown);
  }

  /** The provider is in the part of the region the user names ("im Sauerland"), or covers the whole region; true when none is named. */
  inArea(hit: SearchHit, regions: RegionReading): boolean {
    if (regions.targetDistricts.length === 0 || hit.doc.type !== 'provider') return true;
    const districts = this.lexicon.districtsOfCity(hit.doc.city);
    return districts === undefined || districts.some((d) => regions.targetDistricts.includes(d));
  }

  /**
   * Providers of `kinds` in the region looked in, as hits: located in the districts the user named (not covering the
   * whole region), or anywhere there when none is named.
   */
  private localProviders(regions: RegionReading, kinds: Set<string>): SearchHit[] {
    return this.index.knowledge.providers
      .filter((p) => p.region === regions.target && kinds.has(p.kind))
      .filter((p) => regions.targetDistricts.length === 0 || (this.lexicon.districtsOfCity(p.city) ?? []).some((d) => regions.targetDistricts.includes(d)))
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
