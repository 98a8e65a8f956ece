/**
 * The handoff feature, composed: stores on the shared database, the service, the bot hooks, the transcript
 * middleware for every channel adapter and the staff authenticator. The HTTP side is `src/http/routes/staff.ts`.
 *
 * @example
 * const handoff = createHandoff({ config, db, index, logger, proactive: () => messenger });
 * const bot = new AssistantBot({ …, hooks: handoff.hooks });
 * adapter.use(handoff.transcriptMiddleware);
 * const staff = staffRoutes(handoff, { logger, dataDir });  // routes.push(staff.register); on close: staff.close()
 */
import { isBotMentioned, isGroupConversation, type BotHooks } from '../bot/assistantBot.js';
import type { Config } from '../config.js';
import type { KnowledgeIndex } from '../knowledge/searchIndex.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/database.js';
import { HandoffService, type ProactiveSender } from './handoffService.js';
import { createHandoffHooks } from './hooks.js';
import { createStaffAuthenticator, type StaffAuthenticator } from './staffAuth.js';
import { StaffChannelRegistry } from './staffChannel.js';
import { TicketStore } from './ticketStore.js';
import { TranscriptRecorder } from './transcriptMiddleware.js';
import { TranscriptStore, conversationKey } from './transcriptStore.js';

export interface HandoffFeature {
  service: HandoffService;
  hooks: BotHooks;
  /** Add to every channel adapter (`adapter.use(...)`): records transcripts and conversation references. */
  transcriptMiddleware: TranscriptRecorder;
  /** Who calls the staff API (SSO token or staff API token). */
  authenticate: StaffAuthenticator;
}

export interface HandoffDependencies {
  config: Config;
  db: Db;
  index: KnowledgeIndex;
  logger: Logger;
  /** The app's proactive messenger; a getter so that it may be built after the bot. */
  proactive: () => ProactiveSender;
  now?: () => Date;
}

export function createHandoff(deps: HandoffDependencies): HandoffFeature {
  const transcripts = new TranscriptStore(deps.db);
  const tickets = new TicketStore(deps.db);
  const staffChannel = new StaffChannelRegistry(deps.db, deps.config.STAFF_CHANNEL_ID);
  const service = new HandoffService({
    config: deps.config,
    tickets,
    transcripts,
    staffChannel,
    proactive: deps.proactive,
    index: deps.index,
    logger: deps.logger,
    now: deps.now,
  });
  return {
    service,
    hooks: createHandoffHooks(service, staffChannel, deps.logger),
    transcriptMiddleware: new TranscriptRecorder(
      transcripts,
      (activity) =>
        staffChannel.isStaffConversation(activity) ||
        // In channels and group chats only what was meant for the bot, or belongs to an open ticket.
        (isGroupConversation(activity) &&
          !isBotMentioned(activity) &&
          (activity.value === undefined || activity.value === null) &&
          !tickets.openForConversation(conversationKey(activity))),
    ),
    authenticate: createStaffAuthenticator(deps.config),
  };
}
