/**
 * The website channel as a `ProactiveChannel`: reaches every conversation reference created by this server's
 * Direct Line adapter (recognised by `DIRECT_LINE_SERVICE_URL`).
 */
import type { ProactiveChannel } from '../proactive.js';
import type { DirectLineAdapter } from './adapter.js';
import { isDirectLineReference } from './constants.js';

/**
 * @example
 * const proactive = new ProactiveMessenger([directLineProactiveChannel(directLine), botFrameworkChannel]);
 */
export function directLineProactiveChannel(adapter: DirectLineAdapter): ProactiveChannel {
  return {
    canReach: (reference) => isDirectLineReference(reference),
    continueConversation: (reference, logic) => adapter.continueConversationAsync('', reference, logic),
  };
}
