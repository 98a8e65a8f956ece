/**
 * The provider cards a bot sent to the fake Bot Connector, as a user reads them: the provider's name (the card's first
 * text) and the reason shown after "Warum passend:" / "Why it fits:".
 */
import { texts } from '../../src/texts.js';
import type { FakeConnector } from './fakeConnector.js';

export interface SentProviderCard {
  name: string;
  reason: string;
}

type CardElement = Record<string, unknown>;
type Inline = { text: string };

/** The provider cards among the messages the connector recorded, in the order sent. */
export function providerCardsSent(connector: FakeConnector, language: 'de' | 'en'): SentProviderCard[] {
  const why = texts(language).providerWhy;
  return connector
    .messages()
    .flatMap((call) => ((call.body as { attachments?: { content: { body: CardElement[] } }[] }).attachments ?? []))
    .map((attachment) => attachment.content.body)
    // Provider cards carry their reasons in a rich text block; other cards (did-you-mean, handoff) have none.
    .filter((body) => body.some((element) => element.type === 'RichTextBlock'))
    .map((body) => {
      const reasonBlock = body.find((element) => element.type === 'RichTextBlock' && (element.inlines as Inline[])[0]?.text.startsWith(why));
      const reason = ((reasonBlock?.inlines as Inline[] | undefined) ?? []).slice(1).map((run) => run.text).join('');
      return { name: String(body[0]?.text ?? ''), reason };
    });
}
