/** Delete into the recycle bin and undelete out of it, with their triggers. */
import { describe, expect, it } from 'vitest';

import { Database, DmlException } from '../../../emulator/apex-api.ts';
import type { TriggerContext } from '../../../emulator/dml/triggers.ts';
import { demoPackage, WIDGET, widget } from '../../support/demo-package.ts';
import { openTestOrg, rejectionOf, runApex } from '../../support/test-org.ts';

describe('undelete', () => {
  it('brings a deleted record back to SOQL and fires after undelete with the record', async () => {
    const seen: Array<
      Pick<TriggerContext, 'isUndelete' | 'isAfter' | 'operationType'> & { ids: string[] }
    > = [];
    const { org } = await openTestOrg({
      packages: [
        demoPackage({
          triggers: [
            {
              name: 'Demo.WidgetTrigger',
              sObject: WIDGET,
              events: ['after undelete'],
              handler: (ctx) =>
                void seen.push({
                  isUndelete: ctx.isUndelete,
                  isAfter: ctx.isAfter,
                  operationType: ctx.operationType,
                  ids: (ctx.new ?? []).map((r) => String(r.Id)),
                }),
            },
          ],
        }),
      ],
    });
    const [inserted] = await runApex(org, () =>
      Database.insert([widget({ Name: 'w', Code__c: 'A1' })]),
    );
    const id = String(inserted?.id);
    await runApex(org, () => Database.delete(WIDGET, [id]));
    expect(org.query(`SELECT COUNT() FROM ${WIDGET}`).totalSize).toBe(0);
    expect(org.query(`SELECT COUNT() FROM ${WIDGET}`, { includeDeleted: true }).totalSize).toBe(1);

    const [result] = await runApex(org, () => Database.undelete(WIDGET, [id]));

    expect(result).toEqual({ id, success: true, errors: [] });
    expect(org.query(`SELECT Id, IsDeleted FROM ${WIDGET}`).records).toMatchObject([
      { Id: id, IsDeleted: false },
    ]);
    expect(seen).toEqual([
      { isUndelete: true, isAfter: true, operationType: 'AFTER_UNDELETE', ids: [id] },
    ]);
  });

  it('fails with UNDELETE_FAILED when the record is not in the recycle bin', async () => {
    const { org } = await openTestOrg({ packages: [demoPackage()] });
    const [inserted] = await runApex(org, () => Database.insert([widget({ Name: 'w' })]));

    const error = await rejectionOf(
      runApex(org, () => Database.undelete(WIDGET, [String(inserted?.id)])),
    );

    expect(error).toBeInstanceOf(DmlException);
    expect((error as DmlException).statusCode).toBe('UNDELETE_FAILED');
  });

  it('fails with DUPLICATE_VALUE when a live record took its unique value meanwhile', async () => {
    const { org } = await openTestOrg({ packages: [demoPackage()] });
    const [first] = await runApex(org, () =>
      Database.insert([widget({ Name: 'old', Code__c: 'SAME' })]),
    );
    await runApex(org, () => Database.delete(WIDGET, [String(first?.id)]));
    await runApex(org, () => Database.insert([widget({ Name: 'new', Code__c: 'SAME' })]));

    const [result] = await runApex(org, () =>
      Database.undelete(WIDGET, [String(first?.id)], false),
    );

    expect(result?.success).toBe(false);
    expect(result?.errors[0]?.statusCode).toBe('DUPLICATE_VALUE');
    expect(org.query(`SELECT COUNT() FROM ${WIDGET}`).totalSize).toBe(1);
  });
});
