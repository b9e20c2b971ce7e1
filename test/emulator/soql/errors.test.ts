import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { compileSoql } from '../../../emulator/soql/index.ts';
import { createSoqlFixture, type SoqlFixture } from './soql-fixture.ts';

let org: SoqlFixture;

beforeEach(() => {
  org = createSoqlFixture();
});

afterEach(() => org.close());

describe('unknown names', () => {
  it('does answer INVALID_TYPE with the caret under the name when the sObject is unknown', () => {
    const error = org.failure('select id from accountx');
    expect(error.errorCode).toBe('INVALID_TYPE');
    expect(error.httpStatus).toBe(400);
    expect(error.message).toBe(
      "\nselect id from accountx\n               ^\nERROR at Row:1:Column:16\nsObject type 'accountx' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
    );
  });

  it('does answer INVALID_FIELD naming the entity when a field is unknown', () => {
    const error = org.failure('SELECT Id, Nmae FROM Account');
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toContain(
      "ERROR at Row:1:Column:12\nNo such column 'Nmae' on entity 'Account'.",
    );
  });

  it('does find the row and column of an unknown field in a multi-line WHERE', () => {
    const error = org.failure("SELECT Id\nFROM Account\nWHERE Name = 'x' AND Bogus = 1");
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toContain('ERROR at Row:3:Column:22');
  });

  it('does answer INVALID_FIELD for an unknown relationship or parent field', () => {
    expect(org.failure('SELECT Customer__r.Name FROM AFLO__Invoice__c').message).toContain(
      "Didn't understand relationship 'Customer__r' in field path.",
    );
    expect(org.failure('SELECT CreatedBy.Name FROM Account').errorCode).toBe('INVALID_FIELD');
    const parentField = org.failure('SELECT AFLO__Customer__r.Bogus FROM AFLO__Invoice__c');
    expect(parentField.message).toContain("No such column 'Bogus' on entity 'Account'");
  });
});

describe('syntax', () => {
  it('does answer MALFORMED_QUERY at the offending token when the parser fails', () => {
    const error = org.failure('SELECT Id FROMM Account');
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toBe(
      '\nSELECT Id FROMM Account\n                ^\nERROR at Row:1:Column:17\nunexpected token: Account',
    );
    expect(org.failure("SELECT Id FROM Account WHERE Name = 'x' AND").message).toContain(
      'unexpected token: <EOF>',
    );
    expect(org.failure('SELECT Id FROM Account WHERE Name = #').message).toContain(
      'Column:37\nunexpected token: #',
    );
  });

  it('does refuse AND and OR mixed at one level without parentheses', () => {
    const error = org.failure('SELECT Id FROM Account WHERE Name = 1 AND Name = 2 OR Name = 3');
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain('ERROR at Row:1:Column:52\nunexpected token: OR');
    const and = org.failure("SELECT Id FROM Account WHERE Name = 'a' OR Name = 'b' AND Name = 'c'");
    expect(and.message).toContain('unexpected token: AND');
    const inside = org.failure(
      "SELECT Id FROM Account WHERE NOT (Name = 'a' OR Name = 'b' AND Name = 'c')",
    );
    expect(inside.errorCode).toBe('MALFORMED_QUERY');
  });

  it('does refuse a string literal with an illegal escape', () => {
    expect(org.failure("SELECT Id FROM Account WHERE Name = 'a\\q'").errorCode).toBe(
      'MALFORMED_QUERY',
    );
  });
});

describe('unsupported features', () => {
  it.each([
    ['SELECT Industry, COUNT(Id) FROM Account GROUP BY ROLLUP(Industry)', 'GROUP BY ROLLUP()'],
    ['SELECT Industry, COUNT(Id) FROM Account GROUP BY CUBE(Industry)', 'GROUP BY CUBE()'],
    [
      'SELECT COUNT(Id) FROM Account GROUP BY CALENDAR_YEAR(CreatedDate)',
      'GROUP BY CALENDAR_YEAR()',
    ],
    ['SELECT CALENDAR_YEAR(CreatedDate) FROM Account', 'The function CALENDAR_YEAR()'],
    [
      'SELECT Id, (SELECT Id, (SELECT Id FROM Bs) FROM AFLO__Invoices__r) FROM Account',
      'child relationship subquery inside a subquery',
    ],
    [
      'SELECT Id, (SELECT Id FROM AFLO__Invoices__r LIMIT 1 OFFSET 1) FROM Account',
      'OFFSET in a child relationship subquery',
    ],
    ['SELECT Id FROM Account WITH USER_MODE', 'WITH USER_MODE'],
    ['SELECT Id FROM Account FOR VIEW', 'FOR VIEW'],
    ['SELECT Id FROM Account UPDATE TRACKING', 'UPDATE TRACKING'],
    ['SELECT FIELDS(ALL) FROM Account', 'FIELDS()'],
    ['SELECT TYPEOF What WHEN Account THEN Name END FROM Account', 'TYPEOF'],
    ['SELECT Id FROM Account WITH SECURITY_ENFORCED', 'WITH SECURITY_ENFORCED'],
    ['SELECT AFLO__Customer__r.CreatedBy.Name FROM AFLO__Invoice__c', 'more than one level'],
    ['SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2020', 'function in WHERE'],
    ['SELECT Id, COUNT() FROM Account', 'COUNT() cannot be combined'],
  ])('does answer MALFORMED_QUERY naming the feature for %s', (soql, feature) => {
    const error = org.failure(soql);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toContain(feature);
  });

  it('does accept FOR UPDATE as a no-op', () => {
    expect(org.query('SELECT Id FROM Account FOR UPDATE').records).toEqual([]);
  });
});

describe('values', () => {
  it('does answer INVALID_FIELD when a literal has the wrong type', () => {
    const quoted = org.failure("SELECT Id FROM Account WHERE NumberOfEmployees = '5'");
    expect(quoted.errorCode).toBe('INVALID_FIELD');
    expect(quoted.message).toContain(
      "value of filter criterion for field 'NumberOfEmployees' must be of type double and should not be enclosed in quotes",
    );
    expect(org.failure('SELECT Id FROM Account WHERE Name = 5').message).toContain(
      'must be of type string and should be enclosed in quotes',
    );
    expect(org.failure('SELECT Id FROM Account WHERE CreatedDate = 2024-01-01').message).toContain(
      'type dateTime',
    );
    expect(org.failure('SELECT Id FROM Account WHERE Founded__c = 2024-02-30').errorCode).toBe(
      'INVALID_FIELD',
    );
    expect(org.failure("SELECT Id FROM Account WHERE Active__c = 'true'").errorCode).toBe(
      'INVALID_FIELD',
    );
  });

  it('does answer INVALID_QUERY_FILTER_OPERATOR for a malformed Id', () => {
    const error = org.failure("SELECT Id FROM Account WHERE Id = '001abc'");
    expect(error.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(error.message).toBe('invalid ID field: 001abc');
    expect(
      org.failure('SELECT Id FROM Account WHERE Id IN :ids', { binds: { ids: ['nope'] } })
        .errorCode,
    ).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect(org.failure("SELECT Id FROM Account WHERE Id LIKE '001%'").errorCode).toBe(
      'INVALID_QUERY_FILTER_OPERATOR',
    );
  });

  it('does refuse a missing bind variable or one of the wrong type', () => {
    const missing = org.failure('SELECT Id FROM Account WHERE Name = :name');
    expect(missing.errorCode).toBe('MALFORMED_QUERY');
    expect(missing.message).toContain('Variable does not exist: name');
    const wrong = org.failure('SELECT Id FROM Account WHERE NumberOfEmployees = :n', {
      binds: { n: 'ten' },
    });
    expect(wrong.errorCode).toBe('INVALID_FIELD');
    const list = org.failure('SELECT Id FROM Account WHERE Name = :names', {
      binds: { names: ['a'] },
    });
    expect(list.errorCode).toBe('INVALID_FIELD');
  });

  it('does refuse to filter or sort on a long text area', () => {
    const filter = org.failure("SELECT Id FROM Account WHERE Description = 'x'");
    expect(filter.message).toContain("field 'Description' can not be filtered in a query call");
    expect(org.failure('SELECT Id FROM Account ORDER BY Description').errorCode).toBe(
      'INVALID_FIELD',
    );
  });

  it('does answer NUMBER_OUTSIDE_VALID_RANGE when OFFSET is over 2000', () => {
    const error = org.failure('SELECT Id FROM Account LIMIT 10 OFFSET 2001');
    expect(error.errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
    expect(error.message).toContain(
      'ERROR at Row:1:Column:40\nMaximum SOQL offset allowed is 2000',
    );
    expect(() => compileSoql('SELECT Id FROM Account OFFSET 2000', org.schema)).not.toThrow();
  });
});
