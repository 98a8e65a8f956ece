/**
 * Follow-up questions: a short message that leans on the previous answer ("und in Dortmund?", "was hat er dazu
 * gesagt?", "and the other side?") is read together with the question that answer was given to. The words that make a
 * follow-up are in knowledge/lexicon.yml (`followUp`); a longer message is a full question and starts fresh.
 */
import type { Lexicon } from '../knowledge/lexicon.js';
import { wordsOf } from '../knowledge/lexicon.js';
import type { Region } from '../knowledge/schema.js';

/** Longest question kept as the conversation's topic. */
const maxTopicChars = 300;

/**
 * The questions to ask instead of `text`, most specific first; none when `text` is no follow-up (or nothing was
 * answered before):
 * - "the other side" of a two-party answer: the previous question with the two regions swapped;
 * - an elliptic start that names a place ("und Dortmund?", "what about Siegen?"): the previous question with its
 *   places replaced by that one;
 * - an elliptic start ("und …?", "and …?") or a pronoun for what was just named: `text` with the previous question.
 */
export function readFollowUp(text: string, lexicon: Lexicon, lastTopic: string | undefined): string[] {
  if (!lastTopic) return [];
  const words = wordsOf(text);
  const { starts, pointers, otherSide, maxWords } = lexicon.followUp;
  if (words.length === 0 || words.length > maxWords) return [];
  if (otherSide.has(words)) return [swapRegions(lastTopic, lexicon)];
  const elliptic = starts.matchAt(words, 0) > 0;
  if (!elliptic && !pointers.has(words)) return [];
  const withTopic = `${text} ${lastTopic}`.slice(0, maxTopicChars);
  const named = lexicon.places(words)[0];
  if (!elliptic || !named) return [withTopic];
  const place = text.normalize('NFC').slice(words[named.start]!.from, words[named.end - 1]!.to);
  const moved = replacePlaces(lastTopic, lexicon, () => place);
  return moved === undefined ? [withTopic] : [moved, withTopic];
}

/** `question` with Dortmund and Südwestfalen swapped ("Welche Stärken bringt Dortmund ein?" → "… Südwestfalen …"). */
export function swapRegions(question: string, lexicon: Lexicon): string {
  const other = (region: Region): Region => (region === 'dortmund' ? 'suedwestfalen' : 'dortmund');
  return replacePlaces(question, lexicon, (region) => lexicon.regionName(other(region))) ?? question;
}

/** `question` with each place replaced by `by(its region)` (kept where that is undefined); undefined if none was. */
function replacePlaces(question: string, lexicon: Lexicon, by: (region: Region) => string | undefined): string | undefined {
  const normalised = question.normalize('NFC');
  const words = wordsOf(normalised);
  let out = '';
  let at = 0;
  for (const mention of lexicon.places(words)) {
    const replacement = by(mention.region);
    if (replacement === undefined) continue;
    out += normalised.slice(at, words[mention.start]!.from) + replacement;
    at = words[mention.end - 1]!.to;
  }
  return at === 0 ? undefined : out + normalised.slice(at);
}
