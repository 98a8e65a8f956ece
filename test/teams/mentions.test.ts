/**
 * Mention handling of Teams messages: who is addressed, and what text is left once the bot's @mention is gone.
 */
import { describe, expect, it } from 'vitest';
import { isBotMentioned, isGroupConversation, textWithoutMention } from '../../src/bot/activity.js';
import { ben, botId, botName, teamsMessage } from './teamsActivities.js';

const serviceUrl = 'http://127.0.0.1:9/';

describe('textWithoutMention', () => {
  it('removes the bot mention that Teams puts in front of the text', () => {
    const message = teamsMessage({ serviceUrl, where: 'channel', text: 'Wann wurde die Kooperation unterzeichnet?', mentionBot: true });
    expect(textWithoutMention(message)).toBe('Wann wurde die Kooperation unterzeichnet?');
    // The activity itself is left as it came (the transcript shows what was written).
    expect(message.text).toBe(`<at>${botName}</at> Wann wurde die Kooperation unterzeichnet?`);
  });

  it('removes the bot mention in the middle of a sentence and keeps the names of other people', () => {
    const message = teamsMessage({ serviceUrl, where: 'channel', text: 'x' });
    message.text = `Hallo <at>${botName}</at>, <at>Ben Muster</at> meldet sich morgen bei Ihnen.`;
    message.entities = [
      { type: 'mention', text: `<at>${botName}</at>`, mentioned: { id: botId, name: botName } },
      { type: 'mention', text: '<at>Ben Muster</at>', mentioned: { id: ben.id, name: ben.name } },
    ];
    expect(textWithoutMention(message)).toBe('Hallo, Ben Muster meldet sich morgen bei Ihnen.');
  });

  it('also drops a bot mention whose entity text differs from the text (by the bot name)', () => {
    const message = teamsMessage({ serviceUrl, where: 'groupChat', text: `<at>${botName}</at> Hilfe` });
    message.entities = [{ type: 'mention', text: '<at>Brückenschlag Assistent</at>', mentioned: { id: botId, name: botName } }];
    expect(textWithoutMention(message)).toBe('Hilfe');
  });

  it('leaves messages without mentions and card submits without text alone', () => {
    expect(textWithoutMention(teamsMessage({ serviceUrl, where: 'personal', text: '  Hilfe ' }))).toBe('Hilfe');
    expect(textWithoutMention(teamsMessage({ serviceUrl, where: 'channel', value: { action: 'human' }, mentionBot: true }))).toBe('');
  });
});

describe('who is addressed', () => {
  it('sees the bot mentioned only when a mention entity names the bot', () => {
    expect(isBotMentioned(teamsMessage({ serviceUrl, where: 'channel', text: 'Hilfe', mentionBot: true }))).toBe(true);
    const other = teamsMessage({ serviceUrl, where: 'channel', text: '<at>Ben Muster</at> Hilfe' });
    other.entities = [{ type: 'mention', text: '<at>Ben Muster</at>', mentioned: { id: ben.id, name: ben.name } }];
    expect(isBotMentioned(other)).toBe(false);
  });

  it('treats channels and group chats as group conversations, personal chats not', () => {
    expect(isGroupConversation(teamsMessage({ serviceUrl, where: 'channel', text: 'x' }))).toBe(true);
    expect(isGroupConversation(teamsMessage({ serviceUrl, where: 'groupChat', text: 'x' }))).toBe(true);
    expect(isGroupConversation(teamsMessage({ serviceUrl, where: 'personal', text: 'x' }))).toBe(false);
  });
});
