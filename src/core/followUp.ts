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
 * The question to ask instead of `text`, or undefined when `text` is no follow-up (or nothing was answered before):
 * - "the other side" of a two-party answer: the previous question with the two regions swapped;
 * - an elliptic start ("und …?", "and …?") or a pronoun for what was just named: `text` with the previous question.
 */
export function readFollowUp(text: string, lexicon: Lexicon, lastTopic: string | undefined): string | undefined {
  if (!lastTopic) return undefined;
  const words = wordsOf(text);
  const { starts, pointers, otherSide, maxWords } = lexicon.followUp;
  if (words.length === 0 || words.length > maxWords) return undefined;
  if (otherSide.has(words)) return swapRegions(lastTopic, lexicon);
  if (starts.matchAt(words, 0) > 0 || pointers.has(words)) return `${text} ${lastTopic}`.slice(0, maxTopicChars);
  return undefined;
}

/** `question` with Dortmund and Südwestfalen swapped ("Welche Stärken bringt Dortmund ein?" → "… Südwestfalen …"). */
export function swapRegions(question: string, lexicon: Lexicon): string {
  const normalised = question.normalize('NFC');
  const words = wordsOf(normalised);
  const other = (region: Region): Region => (region === 'dortmund' ? 'suedwestfalen' : 'dortmund');
  let out = '';
  let at = 0;
  for (const mention of lexicon.places(words)) {
    out += normalised.slice(at, words[mention.start]!.from) + lexicon.regionName(other(mention.region));
    at = words[mention.end - 1]!.to;
  }
  return out + normalised.slice(at);
}
