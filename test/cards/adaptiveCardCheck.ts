/**
 * Checks an Adaptive Card the way a client would read it, with the official `adaptivecards` library (the renderer
 * behind Teams' and Web Chat's cards) at schema version 1.5, without a DOM: parse + validate, no rendering.
 *
 * A card passes when
 * - it declares `version: "1.5"`;
 * - parsing reports nothing (unknown element or action types, invalid enum values, properties of a later version);
 * - `validateProperties()` reports nothing (missing required properties, duplicate ids, too many actions …);
 * - every property survives a parse → serialise round trip, i.e. the library understood it. A property that was
 *   dropped is accepted only when the library knows it for that type at 1.5 (it was left out because it had the
 *   default value), when it is an empty list, or when it is a documented host extension (`msteams` on the card,
 *   read by Teams only).
 *
 * @example
 * expect(adaptiveCardProblems(providerCard(match, topics, 'de', 'KI'))).toEqual([]);
 */
import type * as ACTypes from 'adaptivecards';
import * as adaptiveCardsModule from 'adaptivecards/dist/adaptivecards.js';

// The UMD bundle arrives as the CommonJS namespace; its classes sit on `default` when imported from ESM.
const AC = ((adaptiveCardsModule as unknown as { default?: typeof ACTypes }).default ?? adaptiveCardsModule) as typeof ACTypes;

export const TARGET_VERSION = '1.5';

/** Card-level properties that hosts read and the library does not model. */
const hostExtensions = new Set(['msteams']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Names of the properties the library knows for a JSON object of `type` at 1.5, or undefined for unknown types. */
function knownProperties(type: string | undefined): Set<string> | undefined {
  let instance: ACTypes.SerializableObject | undefined;
  if (type === 'AdaptiveCard') instance = new AC.AdaptiveCard();
  else if (type) {
    instance =
      AC.GlobalRegistry.elements.createInstance(type, AC.Versions.v1_5) ??
      AC.GlobalRegistry.actions.createInstance(type, AC.Versions.v1_5);
  }
  if (!instance) return undefined;
  const schema = instance.getSchema();
  const names = new Set<string>();
  for (let i = 0; i < schema.getCount(); i++) {
    const property = schema.getItemAt(i);
    if (property.targetVersion.compareTo(AC.Versions.v1_5) <= 0) names.add(property.name);
  }
  return names;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Differences between what the product sent and what the library read back. */
function roundTripProblems(sent: Json, read: Json | undefined, path: string, owner: string | undefined, problems: string[]): void {
  if (Array.isArray(sent)) {
    if (!Array.isArray(read)) {
      problems.push(`${path}: not understood`);
      return;
    }
    sent.forEach((item, index) => roundTripProblems(item, read[index], `${path}[${index}]`, owner, problems));
    return;
  }
  if (isObject(sent)) {
    if (!isObject(read)) {
      problems.push(`${path}: not understood`);
      return;
    }
    // Objects without a type (facts, choices, action data) belong to their typed parent.
    const type = typeof sent.type === 'string' ? sent.type : undefined;
    const known = type ? knownProperties(type) : undefined;
    for (const [key, value] of Object.entries(sent)) {
      const childPath = `${path}.${key}`;
      // The version is checked on its own; the library writes its target version back.
      if (path === '$' && key === 'version') continue;
      if (key in read) {
        // `data` of Action.Submit is the product's own payload: compared as opaque JSON.
        if (key === 'data' && type === 'Action.Submit') {
          if (JSON.stringify(value) !== JSON.stringify(read[key])) problems.push(`${childPath}: changed by the round trip`);
        } else {
          roundTripProblems(value, read[key], childPath, type ?? owner, problems);
        }
      } else if (type === 'AdaptiveCard' && path === '$' && hostExtensions.has(key)) {
        continue;
      } else if (Array.isArray(value) && value.length === 0) {
        // Empty collections (no actions, no facts) are left out when serialised; they mean the same.
        continue;
      } else if (!known?.has(key)) {
        problems.push(`${childPath}: unknown property of ${type ?? owner ?? 'object'} in Adaptive Cards ${TARGET_VERSION}`);
      }
    }
    return;
  }
  if (sent !== read) problems.push(`${path}: ${JSON.stringify(sent)} was read as ${JSON.stringify(read)}`);
}

/** Every problem the `adaptivecards` library and the round trip find in `card`; empty when the card is fine. */
export function adaptiveCardProblems(card: unknown): string[] {
  const json = JSON.parse(JSON.stringify(card)) as Json;
  const problems: string[] = [];
  if (!isObject(json) || json.type !== 'AdaptiveCard') return ['$: not an AdaptiveCard'];
  if (json.version !== TARGET_VERSION) problems.push(`$.version: expected "${TARGET_VERSION}", got ${JSON.stringify(json.version)}`);

  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);

  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);

  const read = parsed.toJSON(new AC.SerializationContext(AC.Versions.v1_5)) as Json | undefined;
  roundTripProblems(json, read, '$', undefined, problems);
  return problems;
}
