/**
 * Identifiers of the website channel (this server's own Direct Line 3.0 endpoint).
 */
import type { ChannelAccount } from 'botbuilder';

/** Channel id of activities from the website widget, as on Azure's Web Chat channel. */
export const DIRECT_LINE_CHANNEL_ID = 'webchat';

/**
 * `serviceUrl` of every activity and conversation reference of this channel. It is not an http URL on purpose:
 * references carrying it belong to this server's Direct Line adapter and must never be sent to a Bot Connector
 * (`botFrameworkProactiveChannel` excludes them).
 */
export const DIRECT_LINE_SERVICE_URL = 'urn:brueckenschlag:directline';

/** The bot's account in website conversations. */
export const DIRECT_LINE_BOT_ACCOUNT: ChannelAccount = Object.freeze({
  id: 'brueckenschlag-assistant',
  name: 'Brückenschlag-Assistent',
  role: 'bot',
}) as ChannelAccount;

/** True when `reference` belongs to this server's Direct Line channel. */
export function isDirectLineReference(reference: { serviceUrl?: string }): boolean {
  return reference.serviceUrl === DIRECT_LINE_SERVICE_URL;
}
