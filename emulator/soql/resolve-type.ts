/** The sObject type a query's FROM names, in any case; INVALID_TYPE as on the platform if none. */
import type { Query } from '@jetstreamapp/soql-parser-js';

import type { SchemaRegistry } from '../metadata/schema-registry.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { QueryText } from './query-text.ts';

const NO_SUCH_TYPE_HINT =
  "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";

export function resolveType(query: Query, schema: SchemaRegistry, text: QueryText): SObjectType {
  const name = query.sObject ?? '';
  const type = schema.find(name);
  if (type !== undefined) return type;
  const message = `sObject type '${name}' is not supported. ${NO_SUCH_TYPE_HINT}`;
  throw text.error('INVALID_TYPE', message, text.find(name, 'FROM'));
}
