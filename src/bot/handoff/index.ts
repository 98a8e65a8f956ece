/**
 * The handoff's channel side, composed: the desk (deliveries to users and the staff channel), the bot hooks, and the
 * transcript recorder for every channel adapter.
 *
 * @example
 * const handoffChannel = createHandoffChannel({ config, handoff, proactive, logger });
 * const bot = new AssistantBot({ …, hooks: handoffChannel.hooks });
 * adapter.use(handoffChannel.transcriptRecorder);
 */
import type { Config } from '../../config.js';
import { conversationKey } from '../../handoff/address.js';
import type { Handoff } from '../../handoff/index.js';
import type { Logger } from '../../logger.js';
import { isBotMentioned, isGroupConversation } from '../activity.js';
import type { BotHooks } from '../hooks.js';
import { createHandoffHooks } from './handoffHooks.js';
import { HandoffDesk, type ProactiveSender } from './handoffDesk.js';
import { StaffChannelResolver } from './staffChannel.js';
import { TranscriptRecorder } from './transcriptRecorder.js';

export { HandoffDesk, type ProactiveSender };

export interface HandoffChannel {
  desk: HandoffDesk;
  hooks: BotHooks;
  /** Add to every channel adapter (`adapter.use(...)`): records transcripts and conversation addresses. */
  transcriptRecorder: TranscriptRecorder;
}

export interface HandoffChannelDependencies {
  config: Config;
  handoff: Handoff;
  proactive: ProactiveSender;
  logger: Logger;
}

export function createHandoffChannel({ config, handoff, proactive, logger }: HandoffChannelDependencies): HandoffChannel {
  const staffChannel = new StaffChannelResolver(config, handoff.staffChannels);
  const desk = new HandoffDesk({ service: handoff.service, staffChannel, proactive, handoffEvents: config.HANDOFF_EVENTS, logger });
  return {
    desk,
    hooks: createHandoffHooks(desk, staffChannel, logger),
    transcriptRecorder: new TranscriptRecorder(
      handoff.transcripts,
      async (activity) =>
        staffChannel.isStaffConversation(activity) ||
        // In channels and group chats only what was meant for the bot, or belongs to an open ticket.
        (isGroupConversation(activity) &&
          !isBotMentioned(activity) &&
          (activity.value === undefined || activity.value === null) &&
          !(await handoff.service.openTicketFor(conversationKey(activity)))),
      async (key) => (await handoff.service.openTicketFor(key)) !== undefined,
    ),
  };
}
