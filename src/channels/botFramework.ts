/**
 * The Bot Framework channel (Teams, Emulator, Azure Bot Service): a CloudAdapter authenticated from the validated
 * config. Without MicrosoftAppId it accepts unauthenticated local traffic, which is what the Emulator and tests use.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConversationReference,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Config } from '../config.js';
import { REQUEST_ID_KEY } from '../bot/activity.js';
import type { Logger } from '../logger.js';
import type { ProactiveChannel } from './proactive.js';
import { ReusedClientsAuthentication } from './reusedClients.js';
import { texts } from '../texts.js';
import { languageOrGerman } from '../knowledge/locale.js';

/** CloudAdapter with a public entry that takes a parsed activity, so that the HTTP layer owns request parsing. */
export class BotFrameworkAdapter extends CloudAdapter {
  /**
   * Runs one incoming activity; maps authentication failures to 401 instead of leaking their messages.
   */
  async processIncoming(authHeader: string, activity: Activity, logic: BotLogic): Promise<ProcessResult> {
    try {
      const invokeResponse: InvokeResponse | undefined = await this.processActivity(authHeader, activity, logic);
      return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
    } catch (error) {
      if (error instanceof AuthenticationError || (error as { statusCode?: number }).statusCode === 401) {
        return { status: 401 };
      }
      throw error;
    }
  }
}

/**
 * The Bot Framework channel as a proactive channel: everything that is not served by this server's own
 * Direct Line endpoint (see `DIRECT_LINE_SERVICE_URL`) goes through the Bot Connector at the reference's serviceUrl.
 */
export function botFrameworkProactiveChannel(
  adapter: BotFrameworkAdapter,
  appId: string | undefined,
  isOwnedElsewhere: (reference: Partial<ConversationReference>) => boolean,
): ProactiveChannel {
  return {
    canReach: (reference) => Boolean(reference.serviceUrl) && !isOwnedElsewhere(reference),
    continueConversation: async (reference, logic) => {
      // The adapter would hand a failed send to onTurnError and resolve; callers (handoff) must know it failed.
      let failure: unknown;
      await adapter.continueConversationAsync(appId ?? '', reference, async (context) => {
        try {
          await logic(context);
        } catch (error) {
          failure = error;
        }
      });
      if (failure !== undefined) throw failure;
    },
  };
}

export function createBotFrameworkAdapter(config: Config, logger: Logger): BotFrameworkAdapter {
  if (!config.MicrosoftAppId) {
    logger.warn('MicrosoftAppId is not set: /api/messages accepts unauthenticated requests (local use only)');
  }
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
  const adapter = new BotFrameworkAdapter(new ReusedClientsAuthentication(auth));
  adapter.onTurnError = turnErrorHandler(logger);
  return adapter;
}

/**
 * What every adapter does when a turn throws: log the error with the request id, and tell the user something
 * polite in their language — never the error itself.
 *
 * @example
 * adapter.onTurnError = turnErrorHandler(logger);
 */
export function turnErrorHandler(logger: Logger): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    logger.error({ err: error, requestId: context.turnState.get(REQUEST_ID_KEY), channel: context.activity.channelId }, 'turn failed');
    if (context.activity.type === 'message') {
      const lang = languageOrGerman(context.activity.locale);
      await context.sendActivity(texts(lang).turnError).catch((sendError: unknown) => {
        logger.error({ err: sendError }, 'could not tell the user about the failed turn');
      });
    }
  };
}

export type BotLogic = (context: TurnContext) => Promise<void>;

export interface ProcessResult {
  status: number;
  body?: unknown;
}
