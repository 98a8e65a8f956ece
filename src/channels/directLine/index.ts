/**
 * The website channel: this server's own Direct Line 3.0 endpoint for the official Web Chat.
 * HTTP routes live in `src/http/routes/directLine.ts`; conversations are kept by `src/store/conversationStore.ts`.
 */
export { createDirectLineAdapter, DirectLineAdapter, type ReceivedActivity, type TurnLogic } from './adapter.js';
export {
  DIRECT_LINE_BOT_ACCOUNT,
  DIRECT_LINE_CHANNEL_ID,
  DIRECT_LINE_SERVICE_URL,
  isDirectLineReference,
} from './constants.js';
export { directLineProactiveChannel } from './proactiveChannel.js';
export type { ActivityGroup } from './streams.js';
export { DirectLineTokens, legacySecretFile, type IssuedToken, type TokenGrant } from './tokens.js';
