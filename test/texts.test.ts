import { describe, expect, it } from 'vitest';
import { texts } from '../src/texts.js';

describe('texts', () => {
  it('introduces one provider or several with the verb in agreement, in both languages', () => {
    expect(texts('en').providersIntro(1, 'dortmund')).toBe('This contact in Dortmund matches your request best:');
    expect(texts('en').providersIntro(3, 'dortmund')).toBe('These 3 contacts in Dortmund match your request best:');
    expect(texts('de').providersIntro(1, 'dortmund')).toMatch(/^Diese Anlaufstelle passt /);
    expect(texts('de').providersIntro(3, 'dortmund')).toMatch(/^Diese 3 Anlaufstellen passen /);
  });
});
