/**
 * The handoff domain, composed on the shared database: tickets, transcripts, the staff channel's stored address, the
 * service that takes commands, and the staff authenticator. The channel side is `src/bot/handoff/`; the HTTP side
 * `src/http/routes/staff.ts`.
 *
 * @example
 * const handoff = createHandoff({ config, db, providerName, logger });
 * const ticket = await handoff.service.act(7, 'claim', staff);
 */
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Database } from '../store/database.js';
import { HandoffService } from './handoffService.js';
import { createStaffAuthenticator, type StaffAuthenticator } from './staffAuth.js';
import { StaffChannelStore } from './staffChannelStore.js';
import { TicketStore } from './ticketStore.js';
import { TranscriptStore } from './transcriptStore.js';

export interface Handoff {
  service: HandoffService;
  transcripts: TranscriptStore;
  staffChannels: StaffChannelStore;
  /** Who calls the staff API (SSO token or staff API token). */
  authenticate: StaffAuthenticator;
}

export interface HandoffDependencies {
  config: Config;
  db: Database;
  /** The display name of a provider id. */
  providerName: (id: string) => string;
  logger: Logger;
  now?: () => Date;
}

export function createHandoff(deps: HandoffDependencies): Handoff {
  const transcripts = new TranscriptStore(deps.db);
  const service = new HandoffService({
    officeHours: deps.config.OFFICE_HOURS,
    tickets: new TicketStore(deps.db),
    transcripts,
    notices: deps.db,
    providerName: deps.providerName,
    logger: deps.logger,
    now: deps.now,
  });
  return {
    service,
    transcripts,
    staffChannels: new StaffChannelStore(deps.db),
    authenticate: createStaffAuthenticator(deps.config),
  };
}
