/**
 * `AFLO.CustomerTraitsTrigger` (before insert, before update): a customer's traits
 * (`AFLO__Traits__c`) are sent to Amberflo as a map of text values, which Amberflo refuses in any
 * other shape, and a refused export is never retried. So the package refuses them at save, on
 * the field, where the user can fix them, rather than leave an event that fails for good.
 */
import type { TriggerContext, TriggerDefinition } from '../../emulator/apex-api.ts';
import { exportSuppressed } from '../events/export-guard.ts';
import { MAPPINGS } from '../mapping/index.ts';

const TRAITS = 'AFLO__Traits__c';

export const TRAITS_MESSAGE = 'Traits must be a JSON object of text values, e.g. {"region": "EU"}';

export function customerTraitsTrigger(): TriggerDefinition {
  return {
    name: 'AFLO.CustomerTraitsTrigger',
    sObject: MAPPINGS.Customer.sObject,
    events: ['before insert', 'before update'],
    handler: checkTraits,
  };
}

function checkTraits(context: TriggerContext): void {
  // Inbound applies write Amberflo's own traits.
  if (exportSuppressed()) return;
  for (const record of context.new ?? []) {
    const traits = record[TRAITS];
    if (typeof traits === 'string' && traits.trim() !== '' && !isTextMap(traits)) {
      context.addError(record, TRAITS_MESSAGE, TRAITS);
    }
  }
}

function isTextMap(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  return (
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((value) => typeof value === 'string')
  );
}
