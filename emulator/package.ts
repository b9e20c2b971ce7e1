/**
 * A package installed in an org: its namespace, sObject types, Apex classes, triggers and Apex
 * REST resources, and an install step run once per database (settings records, scheduled jobs).
 */
import type { ApexClassDefinition } from './async/apex-classes.ts';
import type { TriggerDefinition } from './dml/triggers.ts';
import type { ObjectDefinitionInput } from './metadata/schema.ts';
import type { Org } from './org.ts';
import type { ApexRestResource } from './rest/apex-rest-resource.ts';
import type { ScheduledJob } from './schedule/scheduler.ts';
import type { Transaction } from './transaction/transaction.ts';

export interface OrgPackage {
  namespace: string;
  objects: readonly ObjectDefinitionInput[];
  classes: readonly ApexClassDefinition[];
  triggers: readonly TriggerDefinition[];
  /** `@RestResource` classes, served at `/services/apexrest{urlMapping}` (apex-rest-routes.ts). */
  restResources?: readonly ApexRestResource[];
  /** Runs once, when the package is first installed in a database. */
  install?(org: Org): Promise<void> | void;
  /**
   * Runs when a runner takes the lease of an org's jobs, after the jobs a dead runner left
   * behind were failed: the place to restart chains that lost their job (see docs/fidelity.md).
   */
  onRunnerStart?(org: Org, recoveredJobs: readonly string[]): Promise<void> | void;
  /**
   * Runs inside the transaction that deletes a scheduled job (`System.abortJob` with its
   * CronTrigger Id), so a package can keep a setting in step with its schedule.
   */
  onScheduledJobDeleted?(tx: Transaction, job: ScheduledJob): void;
}
