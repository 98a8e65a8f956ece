/**
 * Card buttons in Teams: Action.Submit data comes back as `activity.value`, is validated by zod, and a card whose
 * state changes is replaced in place through the Bot Connector's PUT.
 */
import { TurnContext } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attach, unknownCard } from '../../src/cards/index.js';
import { kindName } from '../../src/texts.js';
import { useTeamsApp } from '../helpers/teamsApp.js';
import { postActivity, staffChannelId, teamsMessage } from './teamsActivities.js';

const teams = useTeamsApp();

const send = (activity: Parameters<typeof postActivity>[1]) => teams.send(activity);

/** The Adaptive Card bodies of every attachment the bot sent. */
function sentCards(): { body: { type: string; text?: string }[]; actions?: { type: string; data?: unknown }[] }[] {
  return teams.connector
    .messages()
    .flatMap((call) => call.body.attachments ?? [])
    .filter((attachment: { contentType: string }) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((attachment: { content: unknown }) => attachment.content as ReturnType<typeof sentCards>[number]);
}

describe('Action.Submit values', () => {
  it('narrows a provider list when a filterProviders button is pressed', async () => {
    await send(
      teamsMessage({
        serviceUrl: teams.connector.serviceUrl,
        where: 'personal',
        conversationId: 'a:1filter-chat',
        value: { action: 'filterProviders', query: 'Forschung zu künstlicher Intelligenz', region: 'dortmund', kind: 'forschung' },
        replyToId: '1700000000100',
      }),
    );
    const [intro] = teams.connector.messages();
    expect(intro!.body.text).toMatch(/Dortmund/);
    const providerCards = sentCards().filter((card) => card.body.length > 2);
    expect(providerCards.length).toBeGreaterThan(0);
    for (const card of providerCards) expect(card.body[1]!.text).toMatch(new RegExp(`^${kindName.de.forschung} · `));
  });

  it('shows the chosen answer when a showAnswer button is pressed', async () => {
    await send(
      teamsMessage({
        serviceUrl: teams.connector.serviceUrl,
        where: 'personal',
        conversationId: 'a:1show-answer-chat',
        value: { action: 'showAnswer', id: 'unterzeichnung-de' },
      }),
    );
    const [answer] = teams.connector.messages();
    expect(answer!.body.text).toContain('Arnsberg');
  });

  it('answers a button pressed on a card in a channel in its thread, without an @mention', async () => {
    const rootId = '1700000000200';
    await send(
      teamsMessage({
        serviceUrl: teams.connector.serviceUrl,
        where: 'channel',
        threadRootId: rootId,
        value: { action: 'showAnswer', id: 'unterzeichnung-de' },
        replyToId: '1700000000201',
      }),
    );
    const [answer] = teams.connector.messages();
    expect(answer!.conversationId).toBe(`${staffChannelId};messageid=${rootId}`);
    expect(answer!.body.text).toContain('Arnsberg');
  });

  it.each([
    ['an unknown action', { action: 'dropTables' }],
    ['a wrong type', { action: 'showAnswer', id: 42 }],
    ['a missing field', { action: 'filterProviders', region: 'dortmund' }],
    ['a region that does not exist', { action: 'filterProviders', query: 'KI', region: 'mars' }],
    ['a plain string', 'showAnswer'],
    ['an array', [{ action: 'human' }]],
  ])('ignores a submit with %s: no reply, no error, and the bot keeps working', async (_name, value) => {
    const conversationId = `a:1garbage-${Math.random().toString(36).slice(2)}`;
    await send(teamsMessage({ serviceUrl: teams.connector.serviceUrl, where: 'personal', conversationId, value }));
    expect(teams.connector.messages()).toEqual([]);

    await send(
      teamsMessage({ serviceUrl: teams.connector.serviceUrl, where: 'personal', conversationId, text: 'Wann wurde die Kooperation unterzeichnet?' }),
    );
    const [answer] = teams.connector.messages();
    expect(answer!.body.text).toContain('Arnsberg');
  });
});

describe('cards updated in place', () => {
  it('replaces a card sent earlier through PUT /v3/conversations/{id}/activities/{activityId}', async () => {
    const rootId = '1700000000300';
    const incoming = teamsMessage({ serviceUrl: teams.connector.serviceUrl, where: 'channel', threadRootId: rootId, text: 'x' });
    const reference = TurnContext.getConversationReference(incoming);
    let sentId: string | undefined;
    // A proactive turn as the handoff feature runs it: post a card into the thread, then replace it.
    await teams.running.app.adapter.continueConversationAsync('', reference, async (context) => {
      sentId = (await context.sendActivity({ attachments: [attach(unknownCard(undefined, 'de'))] }))?.id;
    });
    expect(sentId).toBeTruthy();
    await teams.running.app.adapter.continueConversationAsync('', reference, async (context) => {
      await context.updateActivity({ type: 'message', id: sentId!, attachments: [attach(unknownCard('**Erledigt**', 'de'))] });
    });

    const [update] = teams.connector.callsOf('update');
    expect(update).toBeDefined();
    expect(update!.method).toBe('PUT');
    expect(update!.conversationId).toBe(`${staffChannelId};messageid=${rootId}`);
    expect(update!.activityId).toBe(sentId);
    expect(update!.body.id).toBe(sentId);
    expect(update!.body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(update!.body.attachments[0].content)).toContain('**Erledigt**');
    // Replaced, not posted again: one message, one update.
    expect(teams.connector.messages()).toHaveLength(1);
  });
});
