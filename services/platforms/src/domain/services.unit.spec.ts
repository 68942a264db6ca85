import { describe, expect, it } from 'vitest';
import { BackboneError } from '@backbone/contracts';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { MAX_IMPORT_RECORDS } from './commands.ts';
import type { ServiceRecord } from './commands.ts';
import { platformDecider } from './platformDecider.ts';
import {
  buildingPlatform,
  CERTIFIED,
  command,
  delivered,
  ERASED,
  operatingPlatform,
  OWNER,
  plannedPlatform,
  record,
  resumed,
  suspendedPlatform,
  TIERED,
  TODAY,
  UNKNOWN,
  VOLUNTEER,
} from './testing/platformFixtures.ts';

const spec = DeciderSpecification.for(platformDecider);
const recordService = (overrides: Partial<ServiceRecord> = {}, now?: Date) => command('recordService', OWNER, record(overrides), now);
const importServices = (records: ServiceRecord[]) => command('importServices', OWNER, { records });

/** The problem an import throws, for a look at its issues. */
function importProblem(records: ServiceRecord[]): BackboneError {
  const state = operatingPlatform.reduce(platformDecider.evolve, platformDecider.initialState());
  try {
    platformDecider.decide(importServices(records), state);
  } catch (error) {
    if (error instanceof BackboneError) return error;
    throw error;
  }
  return expect.unreachable('the import was accepted');
}

describe('record a service', () => {
  it('records a service an operating platform delivered today', () => {
    spec.given(operatingPlatform).when(recordService()).then([delivered()]);
  });
  it('marks it delivered by qualified talent when one of the people is certified or tiered', () => {
    spec.given(operatingPlatform).when(recordService({ personIds: [VOLUNTEER, CERTIFIED] })).then([delivered({ personIds: [VOLUNTEER, CERTIFIED] }, true)]);
    spec.given(operatingPlatform).when(recordService({ personIds: [TIERED] })).then([delivered({ personIds: [TIERED] }, true)]);
    spec.given(operatingPlatform).when(recordService({ personIds: [VOLUNTEER] })).then([delivered({ personIds: [VOLUNTEER] }, false)]);
  });
  it('accepts zero beneficiaries and zero hours', () => {
    spec.given(operatingPlatform).when(recordService({ beneficiaries: 0, volunteerHours: 0 })).then([delivered({ beneficiaries: 0, volunteerHours: 0 })]);
  });
  it('only an operating platform delivers services (platform-not-operating, 409)', () => {
    for (const given of [plannedPlatform, buildingPlatform, suspendedPlatform]) {
      spec.given(given).when(recordService()).thenThrows('platform-not-operating');
      spec.given(given).when(recordService()).thenThrowsCode('rule_violation');
    }
    spec.given([...suspendedPlatform, resumed]).when(recordService()).then([delivered()]);
  });
  it('refuses negative counts (beneficiaries-not-negative, volunteer-hours-not-negative, 400)', () => {
    spec.given(operatingPlatform).when(recordService({ beneficiaries: -1 })).thenThrows('beneficiaries-not-negative');
    spec.given(operatingPlatform).when(recordService({ beneficiaries: 2.5 })).thenThrows('beneficiaries-not-negative');
    spec.given(operatingPlatform).when(recordService({ volunteerHours: -0.5 })).thenThrows('volunteer-hours-not-negative');
    spec.given(operatingPlatform).when(recordService({ volunteerHours: -0.5 })).thenThrowsCode('invalid_input');
  });
  it('counts hours in tenths (volunteer-hours-in-tenths)', () => {
    spec.given(operatingPlatform).when(recordService({ volunteerHours: 1.25 })).thenThrows('volunteer-hours-in-tenths');
  });
  it('refuses a day still to come in China Standard Time (delivered-on-in-future, 400)', () => {
    spec.given(operatingPlatform).when(recordService({ deliveredOn: '2025-04-02' })).thenThrows('delivered-on-in-future');
    // 16:00 UTC on 1 April is already 2 April in Mianyang.
    spec.given(operatingPlatform).when(recordService({ deliveredOn: '2025-04-02' }, new Date('2025-04-01T16:00:00Z'))).then([delivered({ deliveredOn: '2025-04-02' })]);
  });
  it('refuses a day before the platform opened (delivered-before-opening, 409)', () => {
    spec.given(operatingPlatform).when(recordService({ deliveredOn: '2025-03-31' })).thenThrows('delivered-before-opening');
  });
  it('refuses a date that does not exist (invalid-date)', () => {
    spec.given(operatingPlatform).when(recordService({ deliveredOn: '2025-02-30' })).thenThrows('invalid-date');
  });
  it('refuses a field the directory does not know (unknown-field, 400)', () => {
    spec.given(operatingPlatform).when(recordService({ field: 'astrology' })).thenThrows('unknown-field');
  });
  it('refuses unknown (404), erased (409) or repeated (400) people', () => {
    spec.given(operatingPlatform).when(recordService({ personIds: [UNKNOWN] })).thenThrows('person-not-found');
    spec.given(operatingPlatform).when(recordService({ personIds: [UNKNOWN] })).thenThrowsCode('not_found');
    spec.given(operatingPlatform).when(recordService({ personIds: [ERASED] })).thenThrows('person-erased');
    spec.given(operatingPlatform).when(recordService({ personIds: [VOLUNTEER, VOLUNTEER] })).thenThrows('no-duplicate-people');
  });
  it('records a service id once (service-already-recorded, 409)', () => {
    spec.given([...operatingPlatform, delivered()]).when(recordService()).thenThrows('service-already-recorded');
  });
});

describe('bulk import of service records', () => {
  it('records every record, in order', () => {
    spec
      .given(operatingPlatform)
      .when(importServices([record({ serviceId: 'a' }), record({ serviceId: 'b', personIds: [CERTIFIED] })]))
      .then([delivered({ serviceId: 'a' }), delivered({ serviceId: 'b', personIds: [CERTIFIED] }, true)]);
  });
  it('only an operating platform imports (platform-not-operating, 409)', () => {
    spec.given(suspendedPlatform).when(importServices([record()])).thenThrows('platform-not-operating');
  });
  it('writes nothing when any record is bad, and names each bad record by its index', () => {
    const problem = importProblem([
      record({ serviceId: 'a' }),
      record({ serviceId: 'b', beneficiaries: -3 }),
      record({ serviceId: 'c' }),
      record({ serviceId: 'd', deliveredOn: '2030-01-01', personIds: [UNKNOWN] }),
      record({ serviceId: 'a' }),
    ]);
    expect(problem.code).toBe('invalid_input');
    expect(problem.rule).toBe('import-has-bad-records');
    expect(problem.message).toMatch(/^3 of 5 records are invalid/);
    expect(problem.issues).toEqual([
      { path: 'records.1.beneficiaries', message: expect.stringMatching(/^beneficiaries-not-negative: /) },
      { path: 'records.3.deliveredOn', message: expect.stringMatching(/^delivered-on-in-future: /) },
      { path: 'records.4.serviceId', message: expect.stringMatching(/^service-already-recorded: /) },
    ]);
  });
  it('names an unknown person by the record and the position in its list', () => {
    const problem = importProblem([record({ serviceId: 'a', personIds: [VOLUNTEER, UNKNOWN] })]);
    expect(problem.issues).toEqual([{ path: 'records.0.personIds.1', message: expect.stringMatching(/^person-not-found: /) }]);
  });
  it(`refuses an empty import and one above ${MAX_IMPORT_RECORDS} records`, () => {
    spec.given(operatingPlatform).when(importServices([])).thenThrows('records-required');
    const many = Array.from({ length: MAX_IMPORT_RECORDS + 1 }, (_, i) => record({ serviceId: `s-${i}`, deliveredOn: TODAY }));
    spec.given(operatingPlatform).when(importServices(many)).thenThrows('too-many-records');
  });
});
