/**
 * The ticket state machine: every allowed transition, every rejected one, and who may write to the user.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import {
  allowedActions,
  messageRefusal,
  ticketActions,
  ticketStates,
  transition,
  type Actor,
  type TicketAction,
  type TicketState,
} from '../../src/handoff/ticketStateMachine.js';

const berta: Actor = { kind: 'staff', id: 'token:Berta', name: 'Berta' };
const carl: Actor = { kind: 'staff', id: 'aad:carl', name: 'Carl' };
const user: Actor = { kind: 'user', id: 'dl_user', name: 'Clara' };
const system: Actor = { kind: 'system', id: 'system', name: 'System' };
const at = new Date('2025-03-03T10:00:00.000Z');

/** The complete table: [state, action, actor kind] → resulting state (anything missing must be rejected). */
const allowed: [TicketState, TicketAction, Actor, TicketState][] = [
  ['queued', 'claim', berta, 'active'],
  ['queued', 'resolve', berta, 'resolved'],
  ['queued', 'return', berta, 'returned'],
  ['queued', 'cancel', user, 'cancelled'],
  ['active', 'resolve', berta, 'resolved'],
  ['active', 'return', berta, 'returned'],
];

describe('ticket transitions', () => {
  it.each(allowed)('%s --%s by %s--> %s', (from, action, actor, to) => {
    const { status, event } = transition({ state: from, claimedBy: from === 'active' ? berta : undefined }, action, actor, at, 'Notiz');
    expect(status.state).toBe(to);
    expect(event).toEqual({ at: at.toISOString(), action, actor, from, to, note: 'Notiz' });
  });

  it('records who claimed a ticket and keeps them through later transitions', () => {
    const claimed = transition({ state: 'queued' }, 'claim', carl, at);
    expect(claimed.status.claimedBy).toEqual({ id: carl.id, name: carl.name });
    const resolved = transition(claimed.status, 'resolve', berta, at);
    expect(resolved.status).toEqual({ state: 'resolved', claimedBy: { id: carl.id, name: carl.name } });
    expect(resolved.event.actor).toEqual(berta);
  });

  const everyCombination = ticketStates.flatMap((state) =>
    ticketActions.flatMap((action) => [berta, user, system].map((actor) => [state, action, actor] as const)),
  );
  const rejected = everyCombination.filter(
    ([state, action, actor]) => !allowed.some(([s, a, who]) => s === state && a === action && who.kind === actor.kind),
  );

  it('rejects all other combinations (there are some of each kind)', () => {
    expect(rejected.length).toBe(everyCombination.length - allowed.length);
    expect(rejected).toContainEqual(['resolved', 'claim', berta]);
    expect(rejected).toContainEqual(['active', 'claim', berta]);
    expect(rejected).toContainEqual(['active', 'cancel', user]);
    expect(rejected).toContainEqual(['queued', 'claim', user]);
  });

  it.each(rejected.map(([state, action, actor]) => [state, action, actor.kind, actor] as const))(
    '%s --%s by %s--> rejected with INVALID_TRANSITION',
    (state, action, _kind, actor) => {
      let error: unknown;
      try {
        transition({ state, claimedBy: state === 'active' ? berta : undefined }, action, actor, at);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INVALID_TRANSITION');
      expect((error as AppError).status).toBe(409);
    },
  );

  it('says who holds an active ticket when a second claim is refused', () => {
    expect(() => transition({ state: 'active', claimedBy: berta }, 'claim', carl, at)).toThrow('Cannot claim a ticket that is active by Berta.');
    expect(() => transition({ state: 'resolved' }, 'claim', carl, at)).toThrow('Cannot claim a ticket that is resolved.');
  });

  it('offers staff the buttons of each state and nothing on closed tickets', () => {
    expect(allowedActions('queued', 'staff')).toEqual(['claim', 'resolve', 'return']);
    expect(allowedActions('active', 'staff')).toEqual(['resolve', 'return']);
    expect(allowedActions('queued', 'user')).toEqual(['cancel']);
    for (const closed of ['resolved', 'returned', 'cancelled'] as const) {
      expect(allowedActions(closed, 'staff')).toEqual([]);
      expect(allowedActions(closed, 'user')).toEqual([]);
    }
  });
});

describe('who may write to the user', () => {
  it('lets only the staff member who claimed an active ticket write', () => {
    expect(messageRefusal({ state: 'active', claimedBy: berta }, berta)).toBeUndefined();
    expect(messageRefusal({ state: 'active', claimedBy: berta }, carl)).toBe('claimedByOther');
    expect(messageRefusal({ state: 'queued' }, berta)).toBe('notClaimed');
    expect(messageRefusal({ state: 'returned', claimedBy: berta }, berta)).toBe('closed');
  });

  it('relays the user while the ticket is open, not after', () => {
    expect(messageRefusal({ state: 'queued' }, user)).toBeUndefined();
    expect(messageRefusal({ state: 'active', claimedBy: berta }, user)).toBeUndefined();
    expect(messageRefusal({ state: 'resolved' }, user)).toBe('closed');
    expect(messageRefusal({ state: 'cancelled' }, user)).toBe('closed');
  });
});
