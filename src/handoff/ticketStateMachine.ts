/**
 * The life of a handoff ticket as a pure state machine: which action is allowed in which state, by whom, and what
 * it leads to. No I/O: the ticket store applies the result inside one SQLite transaction.
 *
 * ```
 * queued ──claim──▶ active ──resolve──▶ resolved
 *   │  └──resolve/return──┐   └──return──▶ returned
 *   └──cancel (user)──▶ cancelled
 * ```
 */
import { AppError } from '../errors.js';

export const ticketStates = ['queued', 'active', 'resolved', 'returned', 'cancelled'] as const;
export type TicketState = (typeof ticketStates)[number];

export const ticketActions = ['claim', 'resolve', 'return', 'cancel'] as const;
export type TicketAction = (typeof ticketActions)[number];

/** States in which the conversation belongs to the staff, not the bot. */
export const openStates: readonly TicketState[] = ['queued', 'active'];

export type ActorKind = 'user' | 'staff' | 'system';

/** Who did something: a staff member (`aad:<object id>` or `token:<name>`), the user, or the system. */
export interface Actor {
  kind: ActorKind;
  id: string;
  name: string;
}

export interface StaffMember {
  id: string;
  name: string;
}

interface TransitionRule {
  from: readonly TicketState[];
  to: TicketState;
  by: readonly ActorKind[];
}

/** The whole rule table: anything not listed here is rejected. */
export const transitionRules: Readonly<Record<TicketAction, TransitionRule>> = {
  claim: { from: ['queued'], to: 'active', by: ['staff'] },
  resolve: { from: ['queued', 'active'], to: 'resolved', by: ['staff'] },
  return: { from: ['queued', 'active'], to: 'returned', by: ['staff'] },
  cancel: { from: ['queued'], to: 'cancelled', by: ['user'] },
};

/** The part of a ticket the state machine looks at. */
export interface TicketStatus {
  state: TicketState;
  claimedBy?: StaffMember;
}

/** One line of a ticket's history: who did what, when. */
export interface TicketEvent {
  at: string;
  action: TicketAction | 'create';
  actor: Actor;
  from?: TicketState;
  to: TicketState;
  note?: string;
}

export interface TransitionResult {
  status: TicketStatus;
  event: TicketEvent;
}

export function isOpen(state: TicketState): boolean {
  return openStates.includes(state);
}

/** The actions `actor` may take on a ticket in `state` (for card buttons and the console). */
export function allowedActions(state: TicketState, actorKind: ActorKind): TicketAction[] {
  return ticketActions.filter((action) => {
    const rule = transitionRules[action];
    return rule.from.includes(state) && rule.by.includes(actorKind);
  });
}

/**
 * Applies `action` to a ticket, or throws `AppError('INVALID_TRANSITION')` saying why not.
 *
 * @example
 * const { status, event } = transition({ state: 'queued' }, 'claim', staffActor, new Date());
 * // status = { state: 'active', claimedBy: { id, name } }
 */
export function transition(current: TicketStatus, action: TicketAction, actor: Actor, at: Date, note?: string): TransitionResult {
  const rule = transitionRules[action];
  if (!rule.by.includes(actor.kind)) {
    throw new AppError('INVALID_TRANSITION', `A ${actor.kind} cannot ${action} a ticket.`);
  }
  if (!rule.from.includes(current.state)) {
    const by = current.state === 'active' && current.claimedBy ? ` by ${current.claimedBy.name}` : '';
    throw new AppError('INVALID_TRANSITION', `Cannot ${action} a ticket that is ${current.state}${by}.`);
  }
  const claimedBy = action === 'claim' ? { id: actor.id, name: actor.name } : current.claimedBy;
  return {
    status: { state: rule.to, claimedBy },
    event: { at: at.toISOString(), action, actor, from: current.state, to: rule.to, ...(note ? { note } : {}) },
  };
}

/** Why a message from `actor` may not be relayed on this ticket, or undefined when it may. */
export type MessageRefusal = 'notClaimed' | 'claimedByOther' | 'closed';

/**
 * Staff write to the user only in an active ticket they claimed; users reach staff while the ticket is open.
 */
export function messageRefusal(current: TicketStatus, actor: Actor): MessageRefusal | undefined {
  if (!isOpen(current.state)) return 'closed';
  if (actor.kind !== 'staff') return undefined;
  if (current.state !== 'active' || !current.claimedBy) return 'notClaimed';
  if (current.claimedBy.id !== actor.id) return 'claimedByOther';
  return undefined;
}
