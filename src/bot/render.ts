/**
 * Turns the core's reply values into Bot Framework activities (text, suggested actions, Adaptive Cards).
 * The only place that decides how an answer looks in a chat.
 */
import { ActionTypes, ActivityTypes, AttachmentLayoutTypes, type Activity, type CardAction } from 'botbuilder';
import { attach, didYouMeanCard, providerCard, providerFilterCard, unknownCard } from '../cards/index.js';
import type { Reply } from '../core/types.js';
import type { KnowledgeIndex } from '../knowledge/searchIndex.js';
import type { Language } from '../knowledge/schema.js';
import { texts } from '../texts.js';

export type OutgoingActivity = Partial<Activity>;

function suggestions(titles: string[]): { actions: CardAction[]; to: string[] } {
  return { actions: titles.map((title) => ({ type: ActionTypes.ImBack, title, value: title })), to: [] };
}

function message(text: string, lang: Language, extra: OutgoingActivity = {}): OutgoingActivity {
  return { type: ActivityTypes.Message, text, textFormat: 'markdown', locale: lang === 'de' ? 'de-DE' : 'en-US', ...extra };
}

/** Activities for every reply except `escalate`, which the handoff service renders. */
export function renderReply(reply: Exclude<Reply, { kind: 'escalate' }>, index: KnowledgeIndex): OutgoingActivity[] {
  const t = texts(reply.lang);
  switch (reply.kind) {
    case 'welcome':
      return [message(t.welcome, reply.lang, { suggestedActions: suggestions(t.helpSuggestions) })];
    case 'help':
      return [message(t.help, reply.lang, { suggestedActions: suggestions(t.helpSuggestions) })];
    case 'thanks':
      return [message(t.thanks, reply.lang)];
    case 'askForNeed':
      return [message(t.askForNeed, reply.lang, { suggestedActions: suggestions(t.needExamples) })];
    case 'empty':
      return [message(t.emptyMessage, reply.lang)];
    case 'tooLong':
      return [message(t.tooLong(reply.max), reply.lang)];
    case 'answer': {
      const text = `${reply.entry.body}\n\n_${t.answerSource(reply.entry.title)}_`;
      const related = reply.related.map((r) => r.title);
      return [message(text, reply.lang, related.length > 0 ? { suggestedActions: suggestions(related) } : {})];
    }
    case 'didYouMean':
      return [message('', reply.lang, { text: undefined, attachments: [attach(didYouMeanCard(reply.candidates, reply.lang))] })];
    case 'unknown':
      return [message('', reply.lang, { text: undefined, attachments: [attach(unknownCard(reply.contact?.body, reply.lang))] })];
    case 'providers': {
      const kinds = [...new Set(index.knowledge.providers.filter((p) => p.region === reply.search.region).map((p) => p.kind))];
      const filters = attach(providerFilterCard(reply.search, reply.lang, kinds));
      if (reply.matches.length === 0) {
        return [message(t.providersNone(reply.search.region), reply.lang, { attachments: [filters] })];
      }
      const cards = reply.matches.map((match) =>
        attach(
          providerCard(
            match,
            match.provider.topics.map((id) => ({ id, label: index.topic(id)?.[reply.lang] ?? id })),
            reply.lang,
            reply.search.query,
          ),
        ),
      );
      return [
        message(t.providersIntro(reply.matches.length, reply.search.region), reply.lang, {
          attachments: cards,
          attachmentLayout: AttachmentLayoutTypes.Carousel,
        }),
        message('', reply.lang, { text: undefined, attachments: [filters] }),
      ];
    }
  }
}
