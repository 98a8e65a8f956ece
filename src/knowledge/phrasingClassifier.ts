/**
 * A second opinion on which FAQ entry a question asks for, learned from the entries' own phrasings.
 *
 * The lexical search (`knowledgeIndex.ts`) asks "which entry explains the words of this question?". This asks "which
 * entry's phrasings does this question resemble?": a softmax (multinomial logistic) regression per language over the
 * letter n-grams of each entry's title, `questions` lines and answer sentences, trained when the index is built.
 * Letter n-grams see the parts of compounds and most typos without a dictionary, and the regression learns which
 * n-grams tell entries apart instead of weighing every shared word alike.
 *
 * It only ever has to choose among a few candidates (the search asks about the entries its words found), so it is
 * trained that way too: each phrasing against the entries most like it by shared rare n-grams (a sampled softmax with
 * hard negatives). Training then costs phrasings × n-grams × candidates, not × all entries.
 *
 * Deterministic: the same knowledge folder always gives the same weights (fixed example order, no randomness).
 */
import { splitWords } from './analyzer.js';
import { foldUmlauts } from './umlauts.js';
import { queryCacheSize, RecentCache } from './recentCache.js';
import type { FaqEntry, Language } from './schema.js';

export interface ClassifierSettings {
  gramLengths: readonly number[];
  negatives: number;
  epochs: number;
  learningRate: number;
  l2: number;
  answerSentences: boolean;
}

/** Training settings (chosen with the probes and the dev split of `npm run eval`). */
export const classifierDefaults: Readonly<ClassifierSettings> = {
  /** Letter n-gram lengths, taken from each word with a space before and after it. */
  gramLengths: [3, 4],
  /** Entries each phrasing is trained against besides its own: those sharing the most rare n-grams with it. */
  negatives: 8,
  /** Passes over the phrasings. */
  epochs: 12,
  /** Step size of the first pass; it falls linearly to a tenth by the last. */
  learningRate: 1.2,
  /** Pull of every weight towards 0 per step, so that no single n-gram decides alone. */
  l2: 1e-4,
  /** Train on the sentences of each entry's answer too: they teach the entry's words. */
  answerSentences: true,
};

/** Phrasings handled between two chances for `trainInSlices` to pause (well under a millisecond of work). */
const sliceExamples = 32;

/** Sparse feature vector: n-gram numbers and their values (length-normalised counts). */
interface Features {
  ids: Int32Array;
  values: Float32Array;
}

/**
 * One language's trained model. A weight exists per (n-gram, entry) pair that training met; they are stored per
 * n-gram, in compressed rows: n-gram g has the entries `entry[i]` with the weights `weight[i]` for
 * `rowStart[g] ≤ i < rowStart[g + 1]`. About 6 bytes per weight, a fifth of the hash table training needs.
 */
interface LanguageModel {
  /** FAQ ids of the language; an entry's number is its place here. */
  entryIds: string[];
  entryNumber: Map<string, number>;
  rowStart: Int32Array;
  entry: Uint16Array;
  weight: Float32Array;
}

export class PhrasingClassifier {
  /** N-gram text → number, shared by both languages. */
  private readonly grams = new Map<string, number>();
  private readonly models = new Map<Language, LanguageModel>();
  /** Per word of recent questions: its learnt n-grams (see `knownGrams`). */
  private readonly wordGrams = new RecentCache<string, Int32Array>(queryCacheSize);
  /** Per n-gram number: how often the text `features` reads has it (0 between calls; grows with the n-grams). */
  private gramCounts = new Int32Array(0);

  private constructor(private readonly settings: ClassifierSettings) {}

  /** Trains on the phrasings of `faqs` at once. */
  static train(faqs: readonly FaqEntry[], settings: ClassifierSettings = classifierDefaults): PhrasingClassifier {
    const classifier = new PhrasingClassifier(settings);
    for (const _ of classifier.training(faqs));
    return classifier;
  }

  /**
   * Trains like `train`, in slices with `pause()` between them (by default the next turn of the event loop), so that a
   * server keeps answering requests while it trains. A slice lasts `sliceMs`, or longer after a long pause: under load
   * one turn of the event loop serves many requests, and fixed slices would leave the classifier untrained for minutes.
   * Each slice may take `loadShare` of the time the pause before it took, up to `maxSliceMs`.
   */
  static async trainInSlices(
    faqs: readonly FaqEntry[],
    settings: ClassifierSettings = classifierDefaults,
    pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
    sliceMs = 4,
    { loadShare = 1 / 3, maxSliceMs = 50 }: { loadShare?: number; maxSliceMs?: number } = {},
  ): Promise<PhrasingClassifier> {
    const classifier = new PhrasingClassifier(settings);
    let sliceStart = performance.now();
    let slice = sliceMs;
    for (const _ of classifier.training(faqs)) {
      if (performance.now() - sliceStart < slice) continue;
      const paused = performance.now();
      await pause();
      sliceStart = performance.now();
      slice = Math.max(sliceMs, Math.min(maxSliceMs, loadShare * (sliceStart - paused)));
    }
    return classifier;
  }

  /** The training, one language after the other, yielding after every few phrasings (`trainInSlices` pauses there). */
  private *training(faqs: readonly FaqEntry[]): Generator<void> {
    for (const lang of ['de', 'en'] as const) {
      const entries = faqs.filter((faq) => faq.lang === lang);
      if (entries.length < 2) continue;
      const examples: { features: Features; label: number }[] = [];
      for (const [label, entry] of entries.entries()) {
        const answer = this.settings.answerSentences ? sentences(entry.body) : [];
        for (const line of [entry.title, ...entry.questions, ...answer]) examples.push({ features: this.features(line, true), label });
        yield;
      }
      const model = yield* this.trainModel(entries.map((e) => e.id), examples);
      this.models.set(lang, model);
    }
  }

  /**
   * Probability per FAQ id that `text` asks for that entry rather than one of the other `candidates` (ids of `lang`;
   * others are ignored). Empty when the language has no model, fewer than two candidates are known, or the text shares
   * no learnt n-gram with the phrasings.
   */
  probabilities(text: string, lang: Language, candidates: readonly string[]): Map<string, number> {
    const out = new Map<string, number>();
    const model = this.models.get(lang);
    if (!model) return out;
    const entries = candidates.map((id) => model.entryNumber.get(id)).filter((n): n is number => n !== undefined);
    if (entries.length < 2) return out;
    const features = this.features(text, false);
    const scores = new Float64Array(model.entryIds.length);
    let weighed = false;
    for (let f = 0; f < features.ids.length; f++) {
      const gram = features.ids[f]!;
      if (gram + 1 >= model.rowStart.length) continue; // an n-gram first seen in the other language's phrasings
      const start = model.rowStart[gram]!;
      const end = model.rowStart[gram + 1]!;
      if (start === end) continue;
      weighed = true;
      // A row lists the entries with a weight for the n-gram, by entry number: for a few candidates, look each up;
      // for many, walk the row.
      if (entries.length * Math.log2(end - start + 1) < end - start) {
        for (const entry of entries) {
          const at = findInRow(model.entry, start, end, entry);
          if (at >= 0) scores[entry]! += model.weight[at]! * features.values[f]!;
        }
      } else {
        for (let i = start; i < end; i++) scores[model.entry[i]!]! += model.weight[i]! * features.values[f]!;
      }
    }
    // No n-gram of the text was learnt: no opinion, rather than equal odds that would read as "resembles none".
    if (!weighed) return out;
    const z = entries.map((entry) => scores[entry]!);
    softmaxInPlace(z);
    entries.forEach((entry, i) => out.set(model.entryIds[entry]!, z[i]!));
    return out;
  }

  private *trainModel(entryIds: string[], examples: { features: Features; label: number }[]): Generator<void, LanguageModel> {
    const classes = entryIds.length;
    // Pair keys are 32-bit integers and entry numbers 16-bit: far beyond any FAQ folder, but say so if it happens.
    if (classes > 0xffff || this.grams.size * classes >= 2 ** 31) {
      throw new Error(`phrasing classifier: ${classes} entries × ${this.grams.size} n-grams are more than it can number`);
    }
    /** (n-gram number × entries + entry number) → place in `weights`, while training. */
    const slotOf = new IntTable();
    const rivalsOf = this.rivalFinder(examples, classes);
    // Per example: its candidates (own entry first) and, per candidate, the weight slot of each of its n-grams.
    const prepared: { values: Float32Array; candidates: number; slots: Int32Array }[] = [];
    for (const { features, label } of examples) {
      const candidates = [label, ...rivalsOf(features, label)];
      const slots = new Int32Array(candidates.length * features.ids.length);
      candidates.forEach((entry, k) => {
        for (let f = 0; f < features.ids.length; f++) {
          slots[k * features.ids.length + f] = slotOf.numberOf(features.ids[f]! * classes + entry);
        }
      });
      prepared.push({ values: features.values, candidates: candidates.length, slots });
      if (prepared.length % sliceExamples === 0) yield;
    }
    const weights = new Float32Array(slotOf.size);
    yield;

    const { epochs, learningRate, l2 } = this.settings;
    // A fixed shuffle (multiplicative hashing of the position), so that one entry's phrasings do not come in a row.
    const order = examples.map((_, i) => i).sort((a, b) => ((a * 2654435761) % 4294967291) - ((b * 2654435761) % 4294967291));
    const z = new Float64Array(this.settings.negatives + 1);
    for (let epoch = 0; epoch < epochs; epoch++) {
      const rate = learningRate * (1 - (0.9 * epoch) / Math.max(1, epochs - 1));
      for (const [step, i] of order.entries()) {
        if (step % sliceExamples === 0) yield;
        const { values, candidates, slots } = prepared[i]!;
        const n = values.length;
        for (let k = 0; k < candidates; k++) {
          let sum = 0;
          for (let f = 0; f < n; f++) sum += weights[slots[k * n + f]!]! * values[f]!;
          z[k] = sum;
        }
        softmaxInPlace(z, candidates);
        for (let k = 0; k < candidates; k++) {
          const gradient = z[k]! - (k === 0 ? 1 : 0);
          for (let f = 0; f < n; f++) {
            const slot = slots[k * n + f]!;
            weights[slot] = weights[slot]! - rate * (gradient * values[f]! + l2 * weights[slot]!);
          }
        }
      }
    }
    return { entryIds, entryNumber: new Map(entryIds.map((id, n) => [id, n])), ...compressRows(slotOf, weights, classes, this.grams.size) };
  }

  /**
   * For a phrasing, the `negatives` other entries that share the most with it, each shared n-gram counted by its
   * rarity among the entries (idf): the entries a question like it could be confused with.
   */
  private rivalFinder(examples: { features: Features; label: number }[], classes: number) {
    const sets = new Map<number, Set<number>>();
    for (const { features, label } of examples) {
      for (const id of features.ids) {
        let set = sets.get(id);
        if (!set) sets.set(id, (set = new Set()));
        set.add(label);
      }
    }
    // N-grams in half the entries or more tell little apart ("der ", " wie") and cost the most: left out.
    const entriesOfGram = new Map<number, { entries: Int32Array; rarity: number }>();
    for (const [id, set] of sets) {
      if (set.size * 2 <= classes) entriesOfGram.set(id, { entries: Int32Array.from(set), rarity: Math.log(classes / set.size) });
    }
    const shared = new Float64Array(classes);
    return (features: Features, label: number): number[] => {
      shared.fill(0);
      for (let f = 0; f < features.ids.length; f++) {
        const gram = entriesOfGram.get(features.ids[f]!);
        if (!gram) continue;
        const value = gram.rarity * features.values[f]!;
        for (let e = 0; e < gram.entries.length; e++) shared[gram.entries[e]!]! += value;
      }
      const rivals: number[] = [];
      for (let entry = 0; entry < classes; entry++) if (entry !== label) rivals.push(entry);
      // Ties (no shared n-gram at all) keep the entries' order, so the result does not depend on the sort's whims.
      rivals.sort((a, b) => shared[b]! - shared[a]! || a - b);
      return rivals.slice(0, this.settings.negatives);
    };
  }

  /** Letter n-grams of the lower-cased, umlaut-folded words; unknown n-grams are numbered only while training. */
  private features(text: string, learn: boolean): Features {
    /** The n-grams of the text, in the order first found. */
    const found: number[] = [];
    const count = (id: number) => {
      if (id >= this.gramCounts.length) {
        const grown = new Int32Array(Math.max(2 * this.gramCounts.length, id + 1, 1024));
        grown.set(this.gramCounts);
        this.gramCounts = grown;
      }
      if (this.gramCounts[id]++ === 0) found.push(id);
    };
    for (const word of splitWords(text.toLowerCase())) {
      if (learn) this.forEachGram(word, true, count);
      else for (const id of this.knownGrams(word)) count(id);
    }
    const counts = this.gramCounts;
    let norm = 0;
    for (const id of found) norm += counts[id]! * counts[id]!;
    norm = Math.sqrt(norm) || 1;
    const ids = Int32Array.from(found);
    const values = new Float32Array(found.length);
    for (let at = 0; at < found.length; at++) {
      values[at] = counts[found[at]!]! / norm;
      counts[found[at]!] = 0;
    }
    return { ids, values };
  }

  /** Calls `visit` with the number of each n-gram of a lower-case word, in order; numbers new ones when `learn`. */
  private forEachGram(word: string, learn: boolean, visit: (id: number) => void): void {
    const padded = ` ${foldUmlauts(word)} `;
    for (const n of this.settings.gramLengths) {
      for (let i = 0; i + n <= padded.length; i++) {
        const gram = padded.slice(i, i + n);
        let id = this.grams.get(gram);
        if (id === undefined) {
          if (!learn) continue;
          id = this.grams.size;
          this.grams.set(gram, id);
        }
        visit(id);
      }
    }
  }

  /**
   * The numbers of a word's learnt n-grams, in order (repeats included), kept per word: questions repeat their words,
   * and a turn weighs its question and its question part. Asked only once the classifier is trained, when its
   * n-grams no longer change.
   */
  private knownGrams(word: string): Int32Array {
    return this.wordGrams.remember(word, () => {
      const ids: number[] = [];
      this.forEachGram(word, false, (id) => ids.push(id));
      return Int32Array.from(ids);
    });
  }
}

/** The sentences of an answer of more than 20 characters (shorter ones are mostly list items or a name). */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.length > 20);
}

/** Turns the first `length` scores of `z` into probabilities that sum to 1. */
function softmaxInPlace(z: Float64Array | number[], length = z.length): void {
  let max = -Infinity;
  for (let i = 0; i < length; i++) max = Math.max(max, z[i]!);
  let sum = 0;
  for (let i = 0; i < length; i++) sum += z[i] = Math.exp(z[i]! - max);
  for (let i = 0; i < length; i++) z[i]! /= sum;
}

/** The trained weights in compressed rows per n-gram, each row by entry number (see `LanguageModel`). */
function compressRows(slotOf: IntTable, weights: Float32Array, classes: number, grams: number) {
  const rowStart = new Int32Array(grams + 1);
  slotOf.forEach((key) => rowStart[Math.floor(key / classes) + 1]!++);
  for (let g = 0; g < grams; g++) rowStart[g + 1]! += rowStart[g]!;
  const next = rowStart.slice(0, grams);
  /** Per place in a row: entry × 2³² + the weight's slot, so that sorting a row sorts it by entry. */
  const packed = new Float64Array(slotOf.size);
  slotOf.forEach((key, slot) => (packed[next[Math.floor(key / classes)]!++] = (key % classes) * 2 ** 32 + slot));
  for (let g = 0; g < grams; g++) packed.subarray(rowStart[g]!, rowStart[g + 1]!).sort();
  const entry = new Uint16Array(slotOf.size);
  const weight = new Float32Array(slotOf.size);
  packed.forEach((value, at) => {
    entry[at] = Math.floor(value / 2 ** 32);
    weight[at] = weights[value % 2 ** 32]!;
  });
  return { rowStart, entry, weight };
}

/** Where `entry` is in the row `start` … `end − 1` of `entries` (sorted), or −1. */
function findInRow(entries: Uint16Array, start: number, end: number, entry: number): number {
  let low = start;
  let high = end;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (entries[middle]! < entry) low = middle + 1;
    else high = middle;
  }
  return low < end && entries[low] === entry ? low : -1;
}

/**
 * Non-negative integer keys → consecutive numbers 0, 1, 2, … in the order first seen: an open-addressing hash table on
 * typed arrays (training looks up a million keys; a `Map` would hold an object per entry).
 */
class IntTable {
  private keys = new Int32Array(1 << 12).fill(-1);
  private values = new Int32Array(1 << 12);
  size = 0;

  /** The number of `key`, given the next free one when new. */
  numberOf(key: number): number {
    const at = this.place(key);
    if (this.keys[at] === key) return this.values[at]!;
    this.keys[at] = key;
    this.values[at] = this.size;
    if (++this.size * 2 > this.keys.length) this.grow();
    return this.size - 1;
  }

  /** Calls `visit` with every key and its number. */
  forEach(visit: (key: number, value: number) => void): void {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== -1) visit(this.keys[i]!, this.values[i]!);
  }

  /** Where `key` is or would go (linear probing). */
  private place(key: number): number {
    const mask = this.keys.length - 1;
    let at = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (this.keys[at] !== -1 && this.keys[at] !== key) at = (at + 1) & mask;
    return at;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === -1) continue;
      const at = this.place(keys[i]!);
      this.keys[at] = keys[i]!;
      this.values[at] = values[i]!;
    }
  }
}
