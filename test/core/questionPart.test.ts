/**
 * Which part of a message with some context is asked alone when the whole message gets no answer (`questionPart`).
 */
import { describe, expect, it } from 'vitest';
import { questionPart } from '../../src/core/intents.js';

describe('the question after some context', () => {
  it('is the last part that asks something', () => {
    expect(questionPart('Ich schreibe eine Hausarbeit: Welche Träger stehen hinter der Agentur?')).toBe('Welche Träger stehen hinter der Agentur?');
    expect(questionPart("I'm a reporter – who can I call about the cooperation?")).toBe('who can I call about the cooperation?');
  });

  it('is nothing when the last part asks nothing or points back to the context', () => {
    expect(questionPart('Unsere Website ist veraltet. Firma aus dem Kreis Olpe.')).toBeUndefined();
    expect(questionPart('Wir wollen Prozesse automatisieren. Wer kann das für uns in Soest umsetzen?')).toBeUndefined();
    expect(questionPart('We had a hacker attack. Who can fix it?')).toBeUndefined();
  });

  it('is the question the context asks inside a sentence, when the last part only points back to it', () => {
    expect(questionPart('Für einen Vortrag brauche ich die Angabe, wer die Vereinbarung unterzeichnet hat. Können Sie mir das bestätigen?'))
      .toBe('wer die Vereinbarung unterzeichnet hat');
    expect(questionPart('For a newsletter I need to know where the agency has its headquarters. Can you confirm that?'))
      .toBe('where the agency has its headquarters');
    // A need with no question inside stays a need: its "das" points back to what is needed.
    expect(questionPart('Wir wollen unsere Lager digitalisieren, am liebsten bald. Wer kann das umsetzen?')).toBeUndefined();
  });

  it('is nothing when a request follows the question: it says what the answer must hold', () => {
    expect(questionPart('Wer hat die Vereinbarung unterzeichnet? Bitte mit den Gehältern der beiden.')).toBeUndefined();
    expect(questionPart('Who signed the agreement? Please list their salaries as well.')).toBeUndefined();
  });

  it('is the question before what the user then says of themselves, not before a need of theirs', () => {
    expect(questionPart('Wo sitzt die Südwestfalen Agentur? Ich bin neu in der Region und kenne mich noch nicht aus.')).toBe('Wo sitzt die Südwestfalen Agentur?');
    expect(questionPart('When was the agreement signed? I saw a poster about it at our chamber.')).toBe('When was the agreement signed?');
    expect(questionPart('Wo sitzt die Südwestfalen Agentur? Ich brauche außerdem die Telefonnummer.')).toBeUndefined();
  });

  it('is the question before an objection that asks and wants nothing, not before one that wants something', () => {
    expect(questionPart('Wie viele Hochschulen hat Dortmund? Die Stadt ist schließlich groß.')).toBe('Wie viele Hochschulen hat Dortmund?');
    expect(questionPart('Why is the agency in Olpe? Arnsberg is bigger, after all.')).toBe('Why is the agency in Olpe?');
    expect(questionPart('Wer leitet die Agentur? Ich brauche doch auch seine Telefonnummer.')).toBeUndefined();
  });

  it('does not take "IT" for the pronoun "it"', () => {
    expect(questionPart('Wir sind ein Zulieferer aus Olpe. Wer hilft uns bei der IT-Sicherheit?')).toBe('Wer hilft uns bei der IT-Sicherheit?');
    expect(questionPart('Ich schreibe eine Hausarbeit: Wer berät zu IT in Dortmund?')).toBe('Wer berät zu IT in Dortmund?');
  });
});
