/**
 * Turns the core's reply values into Bot Framework activities (text, suggested actions, Adaptive Cards).
 * The only place that decides how an answer looks in a chat.
 */
import { ActionTypes, ActivityTypes, AttachmentLayoutTypes, type Activity, type CardAction } from 'botbuilder';
import { handoffOfferCard } from '../cards/handoffCards.js';
import { attach, didYouMeanCard, providerCard, providerFilterCard, unknownCard } from '../cards/index.js';
import type { Reply } from '../core/types.js';
import type { Language, ProviderKind, Region } from '../knowledge/schema.js';
import { texts } from '../texts.js';

export type OutgoingActivity = Partial<Activity>;

function suggestions(titles: string[]): { actions: CardAction[]; to: string[] } {
  return { actions: titles.map((title) => ({ type: ActionTypes.ImBack, title, value: title })), to: [] };
}

function message(text: string, lang: Language, extra: OutgoingActivity = {}): OutgoingActivity {
  return { type: ActivityTypes.Message, text, textFormat: 'markdown', locale: lang === 'de' ? 'de-DE' : 'en-US', ...extra };
}

/** What rendering needs to know beyond the reply: names from the knowledge folder and the team's office hours. */
export interface RenderContext {
  /** The label of a topic id in a language. */
  topicLabel(id: string, lang: Language): string;
  /** The kinds of provider the directory has in a region (the filter buttons offer only these). */
  providerKinds(region: Region): ProviderKind[];
  /** The display names of provider ids. */
  providerNames(ids: string[]): string[];
  /** Whether the team is in now, and the office hours in words. */
  officeHours(lang: Language): { open: boolean; text: string };
  /** The privacy notice (PRIVACY_URL or PUBLIC_URL/privacy), linked from the welcome; unknown without either. */
  privacyUrl?: string;
}

/** The activities of a reply. */
export function renderReply(reply: Reply, view: RenderContext): OutgoingActivity[] {
  const t = texts(reply.lang);
  switch (reply.kind) {
    case 'welcome':
      return [
        message(view.privacyUrl ? `${t.welcome}\n\n${t.privacy.welcomeNote(view.privacyUrl)}` : t.welcome, reply.lang, {
          suggestedActions: suggestions(t.helpSuggestions),
        }),
      ];
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
      const filters = attach(providerFilterCard(reply.search, reply.lang, view.providerKinds(reply.search.region)));
      if (reply.matches.length === 0) {
        return [message(t.providersNone(reply.search.region), reply.lang, { attachments: [filters] })];
      }
      // Where no profile covers the need clearly, the text says why the partner is shown (`Reply.unexplained`): first,
      // or after a profile that covers a good part of the need.
      const partner = reply.unexplained ? (reply.matches.find((match) => match.brokers) ?? reply.matches[0]!) : undefined;
      const first = reply.matches[0]!;
      const intro = !partner
        ? t.providersIntro(reply.matches.length, reply.search.region)
        : partner === first
          ? t.providersBrokered(partner.provider.name, reply.search.region, reply.matches.length - 1)
          : t.providersPartlyCovered(first.provider.name, partner.provider.name, reply.search.region);
      const cards = reply.matches.map((match) =>
        attach(
          providerCard(
            match,
            match.provider.topics.map((id) => ({ id, label: view.topicLabel(id, reply.lang) })),
            reply.lang,
            reply.search.query,
          ),
        ),
      );
      return [
        message(intro, reply.lang, {
          attachments: cards,
          attachmentLayout: AttachmentLayoutTypes.Carousel,
        }),
        message('', reply.lang, { text: undefined, attachments: [filters] }),
      ];
    }
    case 'escalate': {
      const { open, text } = view.officeHours(reply.lang);
      const offer = { reason: reply.reason, topic: reply.topic, providerIds: reply.providerIds, providerNames: view.providerNames(reply.providerIds) };
      return [message('', reply.lang, { text: undefined, attachments: [attach(handoffOfferCard(offer, reply.lang, open, text))] })];
    }
  }
}
