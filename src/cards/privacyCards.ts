/**
 * The confirmation card of a user's "delete my data": what will be deleted, and the two buttons.
 */
import type { PrivacyAction } from '../core/types.js';
import type { Language } from '../knowledge/schema.js';
import { texts } from '../texts.js';
import { adaptiveCard, submitAction, textBlock } from './adaptive.js';

export function deleteDataConfirmCard(lang: Language): Record<string, unknown> {
  const t = texts(lang).privacy;
  return adaptiveCard(
    [textBlock(t.confirmTitle, { size: 'Medium', weight: 'Bolder' }), textBlock(t.confirmBody)],
    [
      { ...submitAction(t.confirmYes, { action: 'privacyDelete' } satisfies PrivacyAction), style: 'destructive' },
      submitAction(t.confirmNo, { action: 'privacyKeep' } satisfies PrivacyAction),
    ],
  );
}
