/**
 * Teams conventions for conversations, checked end to end: the real app receives Teams-shaped activities on
 * /api/messages and answers through a local fake Bot Connector (see test/helpers/fakeConnector.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTeamsApp } from '../helpers/teamsApp.js';
import {
  anna,
  ben,
  botId,
  generalChannelId,
  groupChatId,
  personalChatId,
  postActivity,
  staffChannelId,
  teamsMembersAdded,
  teamsMessage,
} from './teamsActivities.js';

const teams = useTeamsApp();

const send = (activity: Parameters<typeof postActivity>[1]) => teams.send(activity);

describe('personal chat', () => {
  it('answers every message without an @mention, as a reply to it', async () => {
    const message = teamsMessage({ serviceUrl: teams.connector.serviceUrl, where: 'personal', text: 'Wann wurde die Kooperation unterzeichnet?' });
    await send(message);
    const [reply] = teams.connector.messages();
    expect(reply).toBeDefined();
    expect(reply!.conversationId).toBe(personalChatId);
    expect(reply!.body.text).toContain('Arnsberg');
    expect(reply!.body.replyToId).toBe(message.id);
  });
});

describe('team channel', () => {
  it('stays silent when the bot is not @mentioned', async () => {
    await send(teamsMessage({ serviceUrl: teams.connector.serviceUrl, where: 'channel', text: 'Wann wurde die Kooperation unterzeichnet?' }));
    expect(teams.connector.messages()).toEqual([]);
  });

  it('answers an @mention in the thread of the message, with the mention stripped before searching', async () => {
    const message = teamsMessage({
      serviceUrl: teams.connector.serviceUrl,
      where: 'channel',
      text: 'Wann wurde die Kooperation unterzeichnet?',
      mentionBot: true,
    });
    expect(message.text).toBe('<at>Brückenschlag</at> Wann wurde die Kooperation unterzeichnet?');
    await send(message);
    const replies = teams.connector.messages();
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    // botbuilder posts to /v3/conversations/{channel;messageid=root}/activities/{message id}: a reply in the thread.
    expect(reply!.kind).toBe('reply');
    expect(reply!.conversationId).toBe(`${staffChannelId};messageid=${message.id}`);
    expect(reply!.activityId).toBe(message.id);
    expect(reply!.body.replyToId).toBe(message.id);
    expect(reply!.body.text).toContain('Arnsberg');
    expect(reply!.body.text).not.toContain('<at>');
  });

  it('understands a command picked from the command menu after the mention ("@Brückenschlag Hilfe")', async () => {
    // "Hilfe" is only recognised as the help command when it is the whole message, i.e. after the mention is gone.
    await send(teamsMessage({ serviceUrl: teams.connector.serviceUrl, where: 'channel', text: 'Hilfe', mentionBot: true }));
    const [reply] = teams.connector.messages();
    expect(reply!.body.text).toMatch(/^So kann ich helfen/);
  });

  it('answers an @mention inside an existing thread in that thread', async () => {
    const rootId = '1699999999999';
    const message = teamsMessage({
      serviceUrl: teams.connector.serviceUrl,
      where: 'channel',
      text: 'Wo wurde die Kooperationsvereinbarung unterzeichnet?',
      mentionBot: true,
      threadRootId: rootId,
    });
    await send(message);
    const [reply] = teams.connector.messages();
    expect(reply!.conversationId).toBe(`${staffChannelId};messageid=${rootId}`);
    expect(reply!.body.text).toContain('Arnsberg');
  });

  it('treats a message that only mentions the bot as empty and asks for a question', async () => {
    await send(teamsMessage({ serviceUrl: teams.connector.serviceUrl, where: 'channel', text: '', mentionBot: true }));
    const [reply] = teams.connector.messages();
    expect(reply!.body.text).toMatch(/keinen Text/);
  });
});

describe('group chat', () => {
  it('stays silent without an @mention and answers with one', async () => {
    await send(teamsMessage({ serviceUrl: teams.connector.serviceUrl, where: 'groupChat', text: 'Wann wurde die Kooperation unterzeichnet?' }));
    expect(teams.connector.messages()).toEqual([]);

    await send(
      teamsMessage({ serviceUrl: teams.connector.serviceUrl, where: 'groupChat', text: 'Wann wurde die Kooperation unterzeichnet?', mentionBot: true }),
    );
    const [reply] = teams.connector.messages();
    expect(reply!.conversationId).toBe(groupChatId);
    expect(reply!.body.text).toContain('Arnsberg');
  });

  it('does not react to an @mention of somebody else', async () => {
    const message = teamsMessage({ serviceUrl: teams.connector.serviceUrl, where: 'groupChat', text: '<at>Ben Muster</at> kannst du helfen?' });
    message.entities = [{ type: 'mention', text: '<at>Ben Muster</at>', mentioned: { id: ben.id, name: ben.name } }];
    await send(message);
    expect(teams.connector.messages()).toEqual([]);
  });
});

describe('installation', () => {
  it('greets a team once when the app is installed, in the General channel', async () => {
    const install = teamsMembersAdded({ serviceUrl: teams.connector.serviceUrl, where: 'team', members: [{ id: botId }] });
    await send(install);
    const greetings = teams.connector.messages();
    expect(greetings).toHaveLength(1);
    expect(greetings[0]!.conversationId).toBe(generalChannelId);
    expect(greetings[0]!.body.text).toMatch(/@Brückenschlag/);

    // The same event again (Teams retries, re-installs) does not greet a second time.
    await send(teamsMembersAdded({ serviceUrl: teams.connector.serviceUrl, where: 'team', members: [{ id: botId }] }));
    expect(teams.connector.messages()).toHaveLength(1);
  });

  it('sends nothing when a person joins a team the app is in', async () => {
    await send(teamsMembersAdded({ serviceUrl: teams.connector.serviceUrl, where: 'team', members: [{ id: ben.id, name: ben.name }] }));
    expect(teams.connector.calls).toEqual([]);
  });

  it('greets a group chat once when added, not once per member', async () => {
    const conversationId = '19:new-groupchat@thread.v2';
    await send(
      teamsMembersAdded({
        serviceUrl: teams.connector.serviceUrl,
        where: 'groupChat',
        conversationId,
        members: [{ id: botId }, { id: anna.id }, { id: ben.id }],
      }),
    );
    await send(teamsMembersAdded({ serviceUrl: teams.connector.serviceUrl, where: 'groupChat', conversationId, members: [{ id: '29:1carla' }] }));
    const greetings = teams.connector.messages();
    expect(greetings).toHaveLength(1);
    expect(greetings[0]!.conversationId).toBe(conversationId);
    expect(greetings[0]!.body.text).toMatch(/@Brückenschlag/);
  });

  it('sends nothing when a person is added to a group chat the app was never greeted in', async () => {
    await send(
      teamsMembersAdded({ serviceUrl: teams.connector.serviceUrl, where: 'groupChat', conversationId: '19:other-chat@thread.v2', members: [{ id: ben.id }] }),
    );
    expect(teams.connector.calls).toEqual([]);
  });

  it('welcomes a user once in a personal chat when the app is installed for them', async () => {
    const conversationId = 'a:1personal-chat-new-user';
    await send(teamsMembersAdded({ serviceUrl: teams.connector.serviceUrl, where: 'personal', conversationId, members: [{ id: botId }] }));
    await send(teamsMembersAdded({ serviceUrl: teams.connector.serviceUrl, where: 'personal', conversationId, members: [{ id: botId }] }));
    const welcomes = teams.connector.messages();
    expect(welcomes).toHaveLength(1);
    expect(welcomes[0]!.conversationId).toBe(conversationId);
    expect(welcomes[0]!.body.text).toMatch(/Brückenschlag-Assistent/);
  });
});
