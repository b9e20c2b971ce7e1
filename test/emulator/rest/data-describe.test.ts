/** Describes, resources and limits through the real jsforce. */
import { describe, expect, it } from 'vitest';
import { connect, rejection } from '../../support/jsforce-connection.ts';
import { startRestServer } from '../../support/rest-server.ts';

describe('describe', () => {
  it('conn.describeGlobal lists every sObject type with its key prefix and abilities', async () => {
    const server = await startRestServer();

    const global = await connect(server).describeGlobal();

    expect(global).toMatchObject({ encoding: 'UTF-8', maxBatchSize: 200 });
    const byName = new Map(global.sobjects.map((entry) => [entry.name, entry]));
    expect(byName.get('AFLO__Customer__c')).toMatchObject({
      custom: true,
      createable: true,
      queryable: true,
      keyPrefix: expect.stringMatching(/^a\w{2}$/),
      urls: {
        sobject: '/services/data/v62.0/sobjects/AFLO__Customer__c',
        describe: '/services/data/v62.0/sobjects/AFLO__Customer__c/describe',
      },
    });
    expect(byName.get('AsyncApexJob')).toMatchObject({
      keyPrefix: '707',
      custom: false,
      createable: false,
      deletable: false,
    });
  });

  it('conn.describe gives types, lookups, picklists, child relationships and writability', async () => {
    const server = await startRestServer();
    const conn = connect(server);

    const customer = await conn.describe('AFLO__Customer__c');
    const relation = await conn.describe('aflo__customerpromotion__c');

    const field = (name: string) => customer.fields.find((f) => f.name === name);
    expect(field('Id')).toMatchObject({ type: 'id', soapType: 'tns:ID', createable: false });
    expect(field('Name')).toMatchObject({ type: 'string', nameField: true, nillable: false });
    expect(field('AFLO__CustomerId__c')).toMatchObject({
      externalId: true,
      unique: true,
      idLookup: true,
      length: 255,
    });
    expect(field('AFLO__Enabled__c')).toMatchObject({
      type: 'boolean',
      soapType: 'xsd:boolean',
      defaultValue: true,
      defaultedOnCreate: true,
      nillable: false,
    });
    expect(field('AFLO__LifecycleStage__c')).toMatchObject({
      type: 'picklist',
      restrictedPicklist: false,
      picklistValues: expect.arrayContaining([
        { active: true, defaultValue: false, label: 'TRIAL', validFor: null, value: 'TRIAL' },
      ]),
    });
    expect(field('AFLO__CreateTime__c')).toMatchObject({
      type: 'datetime',
      soapType: 'xsd:dateTime',
    });
    expect(field('AFLO__Traits__c')).toMatchObject({ type: 'textarea', filterable: false });
    expect(field('CreatedDate')).toMatchObject({ createable: false, updateable: false });
    expect(customer.childRelationships).toContainEqual(
      expect.objectContaining({
        childSObject: 'AFLO__CustomerPromotion__c',
        field: 'AFLO__Customer__c',
        relationshipName: 'AFLO__CustomerPromotions__r',
      }),
    );
    expect(relation.name).toBe('AFLO__CustomerPromotion__c');
    expect(relation.fields.find((f) => f.name === 'AFLO__Customer__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['AFLO__Customer__c'],
      relationshipName: 'AFLO__Customer__r',
    });
    expect(relation.fields.find((f) => f.name === 'Name')).toMatchObject({
      autoNumber: true,
      createable: false,
    });
  });

  it('conn.describe throws NOT_FOUND for an unknown type', async () => {
    const server = await startRestServer();

    const error = await rejection(connect(server).describe('Nope__c'));

    expect(error.errorCode).toBe('NOT_FOUND');
  });

  it('conn.sobject().find() expands * through the describe to every field', async () => {
    const server = await startRestServer();
    const conn = connect(server);
    await conn.sobject('AFLO__Customer__c').create({ Name: 'A', AFLO__CustomerId__c: 'a' });

    const [record] = await conn.sobject('AFLO__Customer__c').find({}, '*');

    expect(record).toMatchObject({ Name: 'A', AFLO__CustomerId__c: 'a', IsDeleted: false });
  });

  it('answers GET /sobjects/{Type} with its basic information', async () => {
    const server = await startRestServer();

    const info = await connect(server).request<{ objectDescribe: { name: string } }>(
      '/sobjects/AFLO__Promotion__c',
    );

    expect(info).toEqual({
      objectDescribe: expect.objectContaining({ name: 'AFLO__Promotion__c' }),
      recentItems: [],
    });
  });
});

describe('resources', () => {
  it('conn.request("/") lists the resources of the version, identity included', async () => {
    const server = await startRestServer();

    const resources = await connect(server, '55.0').request<Record<string, string>>('/');

    expect(resources).toMatchObject({
      sobjects: '/services/data/v55.0/sobjects',
      query: '/services/data/v55.0/query',
      queryAll: '/services/data/v55.0/queryAll',
      composite: '/services/data/v55.0/composite',
      limits: '/services/data/v55.0/limits',
      tooling: '/services/data/v55.0/tooling',
      identity: expect.stringMatching(/\/id\/00D\w{15}\/005\w{15}$/),
    });
  });

  it('conn.limits reports Max and Remaining, counting API requests and async jobs', async () => {
    const server = await startRestServer();
    const conn = connect(server);
    await conn.sobject('AFLO__Customer__c').create({ Name: 'A', AFLO__CustomerId__c: 'a' });

    const limits = await conn.limits();

    expect(limits.DailyApiRequests).toEqual({ Max: 15000, Remaining: 15000 - 2 });
    expect(limits.DailyAsyncApexExecutions).toEqual({ Max: 250000, Remaining: 249999 });
    expect(limits.DataStorageMB).toMatchObject({ Max: 5 });
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 2, limit: 15000 } });
  });
});
