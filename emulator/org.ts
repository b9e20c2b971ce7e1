/**
 * The org: one emulated Salesforce org on one SQLite database. It owns the schema, the store,
 * the org clock, the installed Apex classes and triggers, DML, SOQL, the job store and the
 * transaction boundary. Package code never touches it directly: it calls the ambient Apex API
 * (emulator/apex-api.ts), which finds the org of the running transaction.
 *
 * Glossary, used the same way everywhere in this code:
 * - sObject type: a kind of record (`AFLO__Customer__c`, `AsyncApexJob`), with typed fields.
 * - record: one row of an sObject type, as `{ attributes: { type }, Id, Field: value }`.
 * - transaction: one entry point's unit of work; its DML and enqueued jobs commit together.
 * - trigger context: what a trigger handler gets (`new`, `old`, `isInsert`, …).
 * - async job: an AsyncApexJob row and the queued state of its queueable.
 * - chain: a queueable re-enqueuing itself, one job after another.
 */
import type { OrgClock } from './clock.ts';
import { resolveClock, saveInstant, type ClockChoice } from './remembered-clock.ts';
import { ApexClassRegistry, type RegisteredClass } from './async/apex-classes.ts';
import { JobStore } from './async/job-store.ts';
import { JobRunner, type DrainOptions, type DrainReport } from './async/runner.ts';
import { Scheduler } from './schedule/scheduler.ts';
import { ApexTestContext } from './async/apex-test.ts';
import { resolveEdition, editionWrites, type Edition, type OrgEdition } from './async/edition.ts';
import { DmlEngine } from './dml/engine.ts';
import type { DmlHost, DmlOperation } from './dml/host.ts';
import { TriggerRegistry } from './dml/triggers.ts';
import { silentLogger, type Logger } from './logger.ts';
import { loadObjectDefinitions, STANDARD_OBJECTS_DIR } from './metadata/load.ts';
import { SchemaRegistry } from './metadata/schema-registry.ts';
import type { SObjectType } from './metadata/sobject-type.ts';
import { OrgEvents } from './org-events.ts';
import type { OrgPackage } from './package.ts';
import { query as runSoql, type QueryResult, type SoqlOptions } from './soql/index.ts';
import { RecordTable } from './storage/records.ts';
import { applySchema, openDatabase, Sequences, type SqliteDatabase } from './storage/store.ts';
import { runInScope, type ApexScope } from './transaction/context.ts';
import { Transaction, type TransactionOptions } from './transaction/transaction.ts';
import { OrgLock } from './transaction/org-lock.ts';
import { OrgSettings } from './org-settings.ts';
import { executeAnonymous, type AnonymousResult } from './anonymous.ts';
import { ApexRestRegistry } from './rest/apex-rest-registry.ts';
import { makeId } from './ids.ts';
import { NamedCredentials } from './callouts/named-credentials.ts';
import { installDefaultPassword } from './users/users.ts';

export interface OrgOptions {
  /** SQLite file, or `:memory:` (the default). */
  db?: string;
  /** The org clock, or how to choose it (remembered-clock.ts). Default: the real clock. */
  clock?: ClockChoice;
  logger?: Logger;
  packages?: readonly OrgPackage[];
  /**
   * Jobs the runner may run at once (chains overlap only in their callouts). Default 8 on the
   * real clock, 1 on a virtual clock: one job at a time is what makes a virtual-clock run (a
   * replay, a test) repeat exactly, Ids and the order of callouts included (docs/fidelity.md).
   */
  concurrency?: number;
  /**
   * The org's edition: `developer` stops queueable stacks at depth 5, `production` (the default)
   * never. Kept in the database once given, as later opens without it find it there.
   */
  edition?: Edition;
  /** The org's queueable stack depth limit, instead of the edition's; kept likewise. */
  maxQueueableStackDepth?: number;
}

export const DEFAULT_USERNAME = 'admin@aflo-emu.local';

/** The org's Id (`00D…`): the same in every database, as nothing depends on it being unique. */
export const DEFAULT_ORG_ID = makeId('00D', 1);

export class Org implements DmlHost {
  readonly schema: SchemaRegistry;
  readonly clock: OrgClock;
  readonly logger: Logger;
  readonly triggers = new TriggerRegistry();
  readonly classes = new ApexClassRegistry();
  /** The packages' Apex REST resources (`@RestResource` classes). */
  readonly restResources = new ApexRestRegistry();
  readonly events = new OrgEvents();
  readonly lock = new OrgLock();
  readonly dml: DmlEngine;
  readonly jobs: JobStore;
  /** Scheduled Apex: CronTrigger records and their firings. */
  readonly scheduler: Scheduler;
  /** The running Apex test, if any: `Test.startTest()` / `Test.stopTest()` (async/apex-test.ts). */
  readonly testing: ApexTestContext;
  readonly runner: JobRunner;
  readonly settings: OrgSettings;
  readonly sequences: Sequences;
  /** Values packages read at run time instead of their stored settings (never persisted). */
  readonly overrides = new Map<string, string>();
  /** Where `callout:Name/…` endpoints go (never persisted); see callouts/named-credentials.ts. */
  readonly namedCredentials = new NamedCredentials();
  private readonly tables = new Map<SObjectType, RecordTable>();
  private readonly classIds = new Map<RegisteredClass, string>();
  /** Whether the clock's instant is kept in the database between runs. */
  private readonly rememberedClock: boolean;
  private defaultUserId = '';
  private organizationId = DEFAULT_ORG_ID;
  private orgEdition: OrgEdition = { edition: 'production', maxQueueableStackDepth: undefined };
  private closed = false;

  private constructor(
    readonly db: SqliteDatabase,
    schema: SchemaRegistry,
    private readonly options: OrgOptions,
  ) {
    this.schema = schema;
    this.settings = new OrgSettings(db);
    const { clock, remembered } = resolveClock(options.clock ?? 'remembered', this.settings);
    this.clock = clock;
    this.rememberedClock = remembered;
    // Saved as it moves, unless a transaction is open: that one could still roll back.
    if (remembered) clock.onChange?.(() => !db.inTransaction && saveInstant(this.settings, clock));
    this.logger = options.logger ?? silentLogger();
    this.sequences = new Sequences(db);
    this.dml = new DmlEngine(this);
    this.testing = new ApexTestContext(this);
    this.jobs = new JobStore({
      db,
      records: this,
      clock: this.clock,
      classes: this.classes,
      apexClassId: (c) => this.apexClassId(c),
      jobEnqueued: (job) =>
        this.notify('jobs:enqueued', () => this.events.emit('jobs:enqueued', job)),
      maxQueueableStackDepth: () => this.orgEdition.maxQueueableStackDepth,
      testing: this.testing,
    });
    this.scheduler = new Scheduler({
      db,
      records: this,
      clock: this.clock,
      classes: this.classes,
      apexClassId: (c) => this.apexClassId(c),
      userTimeZone: () => this.userTimeZone(),
      jobScheduled: (job) =>
        this.notify('jobs:scheduled', () => this.events.emit('jobs:scheduled', job)),
      jobDeleted: (tx, job) => {
        for (const pkg of this.options.packages ?? []) pkg.onScheduledJobDeleted?.(tx, job);
      },
    });
    const concurrency = options.concurrency ?? (this.clock.kind === 'virtual' ? 1 : 8);
    this.runner = new JobRunner(this, { concurrency });
  }

  /** Opens an org on a database, creating its tables and installing packages on first use. */
  static async open(options: OrgOptions = {}): Promise<Org> {
    const schema = new SchemaRegistry();
    for (const definition of loadObjectDefinitions(STANDARD_OBJECTS_DIR)) schema.define(definition);
    for (const pkg of options.packages ?? []) {
      for (const definition of pkg.objects) schema.define(definition);
    }

    const db = openDatabase(options.db ?? ':memory:');
    try {
      applySchema(db, schema);
    } catch (error) {
      db.close();
      throw error;
    }
    const org = new Org(db, schema, options);
    try {
      for (const pkg of options.packages ?? []) {
        for (const definition of pkg.classes) org.classes.register(definition);
        for (const trigger of pkg.triggers) org.triggers.register(trigger);
        for (const resource of pkg.restResources ?? []) org.restResources.register(resource);
      }
      await org.install(options.packages ?? []);
    } catch (error) {
      org.close();
      throw error;
    }
    return org;
  }

  private async install(packages: readonly OrgPackage[]): Promise<void> {
    await this.run({ kind: 'system', allowsCallouts: false }, (tx) => {
      const { edition, maxQueueableStackDepth } = this.options;
      const editionOptions = {
        ...(edition === undefined ? {} : { edition }),
        ...(maxQueueableStackDepth === undefined ? {} : { maxQueueableStackDepth }),
      };
      if (editionWrites(editionOptions)) tx.beginWrite();
      this.orgEdition = resolveEdition(this.settings, editionOptions);
      const orgId = this.settings.get('orgId');
      if (orgId === undefined) {
        tx.beginWrite();
        this.settings.set('orgId', this.organizationId);
      } else {
        this.organizationId = orgId;
      }
      this.defaultUserId = this.settings.get('defaultUserId') ?? '';
      if (this.defaultUserId === '') {
        const [user] = this.dml.insert(
          tx,
          [
            {
              attributes: { type: 'User' },
              Username: DEFAULT_USERNAME,
              LastName: 'Admin',
              FirstName: 'Org',
              Name: 'Org Admin',
              Email: DEFAULT_USERNAME,
              Alias: 'admin',
              TimeZoneSidKey: 'GMT',
            },
          ],
          { system: true },
        );
        this.defaultUserId = user?.id ?? '';
        this.settings.set('defaultUserId', this.defaultUserId);
      }
      this.syncApexClasses(tx);
    });
    await installDefaultPassword(this, this.defaultUserId);
    for (const pkg of packages) {
      const key = `installed.${pkg.namespace}`;
      if (this.settings.get(key) !== undefined || pkg.install === undefined) continue;
      await pkg.install(this);
      this.settings.set(key, this.clock.now().toISOString());
    }
  }

  /** Makes sure every registered class has its ApexClass record, and learns their Ids. */
  private syncApexClasses(tx: Transaction): void {
    const table = this.table(this.requireType('ApexClass'));
    for (const registered of this.classes.all()) {
      const existing = table
        .findBy('Name', registered.simpleName)
        .find((record) => (record.NamespacePrefix ?? null) === registered.namespace);
      if (existing !== undefined) {
        this.classIds.set(registered, existing.Id);
        continue;
      }
      const [result] = this.dml.insert(
        tx,
        [
          {
            attributes: { type: 'ApexClass' },
            Name: registered.simpleName,
            NamespacePrefix: registered.namespace,
            ApiVersion: 62,
            Status: 'Active',
            IsValid: true,
          },
        ],
        { system: true },
      );
      this.classIds.set(registered, result?.id ?? '');
    }
  }

  /**
   * Runs `work` as one transaction: it holds the org lock (let go only during callouts), commits
   * if `work` returns and rolls everything back if it throws, then rethrows.
   */
  async run<T>(
    options: TransactionOptions,
    work: (tx: Transaction) => T | Promise<T>,
    hooks: { beforeCommit?(tx: Transaction): void } = {},
  ): Promise<T> {
    if (this.closed) throw new Error('the org is closed');
    const scope: ApexScope = {
      org: this,
      transaction: new Transaction(this.db, options),
      release: await this.lock.acquire(),
    };
    const tx = scope.transaction;
    try {
      const result = await runInScope(scope, () => work(tx));
      hooks.beforeCommit?.(tx);
      tx.commit();
      return result;
    } catch (error) {
      tx.rollback();
      throw error;
    } finally {
      scope.release();
    }
  }

  /** A SOQL query outside any transaction (system mode: the CLI, tests, the console). */
  query(soql: string, options: SoqlOptions = {}): QueryResult {
    return runSoql(this.db, soql, this.schema, { now: this.clock.now(), ...options });
  }

  /** Compiles and runs anonymous Apex as one transaction (executeAnonymous). */
  runAnonymous(source: string): Promise<AnonymousResult> {
    return executeAnonymous(this, source);
  }

  /** Lets each package react to a runner taking the lease (OrgPackage.onRunnerStart). */
  async packagesRunnerStart(recoveredJobs: readonly string[]): Promise<void> {
    for (const pkg of this.options.packages ?? []) await pkg.onRunnerStart?.(this, recoveredJobs);
  }

  /** Runs queued jobs until none is due; see JobRunner.drain. */
  drain(options: DrainOptions = {}): Promise<DrainReport> {
    return this.runner.drain(options);
  }

  table(type: SObjectType): RecordTable {
    let table = this.tables.get(type);
    if (table === undefined) {
      table = new RecordTable(this.db, type);
      this.tables.set(type, table);
    }
    return table;
  }

  requireType(name: string): SObjectType {
    const type = this.schema.find(name);
    if (type === undefined) throw new Error(`no sObject type ${name} in this org`);
    return type;
  }

  /** The default user's Id: every transaction runs as this user. */
  userId(): string {
    return this.defaultUserId;
  }

  /** The default user's TimeZoneSidKey (GMT unless changed): scheduled jobs fire in it. */
  userTimeZone(): string {
    const user = this.table(this.requireType('User')).get(this.defaultUserId);
    const zone = user?.TimeZoneSidKey;
    return typeof zone === 'string' && zone !== '' ? zone : 'GMT';
  }

  /**
   * The epoch ms at which the runner next has something to do: the earliest queued job or
   * scheduled firing, due or not; undefined when nothing is queued or scheduled.
   */
  nextDueTime(): number | undefined {
    const times = [this.jobs.earliestQueued(), this.scheduler.nextFireTime()].filter(
      (time): time is number => time !== undefined,
    );
    return times.length === 0 ? undefined : Math.min(...times);
  }

  /** The org's edition and its queueable stack depth limit (async/edition.ts). */
  get edition(): OrgEdition {
    return this.orgEdition;
  }

  /** The org's 18-character Id (`00D…`), kept in the database. */
  orgId(): string {
    return this.organizationId;
  }

  apexClassId(registered: RegisteredClass): string {
    const id = this.classIds.get(registered);
    if (id === undefined) throw new Error(`class ${registered.name} has no ApexClass record`);
    return id;
  }

  /** Tells observers of a committed write (`records:written`). */
  recordsWritten(
    _tx: Transaction,
    type: SObjectType,
    operation: DmlOperation,
    ids: string[],
  ): void {
    if (ids.length === 0) return;
    this.notify('records:written', () =>
      this.events.emit('records:written', { type: type.name, operation, ids }),
    );
  }

  /** Tells observers; one that throws is logged, never allowed to fail the committed work. */
  private notify(event: string, emit: () => void): void {
    try {
      emit();
    } catch (error) {
      this.logger.error({ err: error, component: 'events', event }, `a ${event} observer threw`);
    }
  }

  /** Closes the database. Jobs still queued stay queued in it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.rememberedClock && !this.db.inTransaction) saveInstant(this.settings, this.clock);
    this.db.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
