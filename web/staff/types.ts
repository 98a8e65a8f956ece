/**
 * The JSON the staff API sends (src/http/routes/staff.ts), as the console reads it.
 */
export type TicketState = 'queued' | 'active' | 'resolved' | 'returned' | 'cancelled';
export type Reason = 'asked' | 'unanswered' | 'introduction';

export interface StaffMember {
  id: string;
  name: string;
  /** May change the knowledge (GET /api/staff/me). */
  curator?: boolean;
}

export interface TicketSummary {
  id: number;
  state: TicketState;
  topic: string;
  reason: Reason;
  userName: string;
  channel: string;
  lang: 'de' | 'en';
  providers: { id: string; name: string }[];
  claimedBy: StaffMember | null;
  createdAt: string;
  updatedAt: string;
}

export interface TranscriptEntry {
  seq: number;
  role: 'user' | 'bot' | 'staff';
  author: string;
  text: string;
  at: string;
}

export interface TicketEvent {
  at: string;
  action: string;
  actor: { kind: string; id: string; name: string };
  from?: TicketState;
  to: TicketState;
  note?: string;
}

export interface TicketDetail extends TicketSummary {
  transcript: TranscriptEntry[];
  history: TicketEvent[];
}

export const openStates: readonly TicketState[] = ['queued', 'active'];
