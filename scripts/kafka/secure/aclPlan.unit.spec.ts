import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { departmentIdsOf, parseAclFile } from './aclFile.ts';
import { planAcls, selectTopics } from './aclPlan.ts';
import type { AclEntry, AclPlan } from './aclPlan.ts';

const readJson = (relative: string): unknown => JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8'));
const committedFile = parseAclFile(readJson('../../../infra/kafka-acl/acls.json'));
const departments = departmentIdsOf(readJson('../../../config/reference.json'));
const plan = planAcls(committedFile, departments);

const grantsOf = (p: AclPlan, principal: string): AclEntry[] => p.acls.filter((entry) => entry.principal === principal);
const describeGrant = (e: AclEntry): string => `${e.operation} ${e.resourceType} ${e.patternType} ${e.resourceName}`;

describe('the committed Kafka ACL plan', () => {
  it('has one principal per service and per department of the reference config, and the super user', () => {
    const names = plan.principals.map((p) => p.name);
    expect(names).toContain('admin');
    for (const service of ['tasks', 'resources', 'talent', 'platforms', 'reference', 'relay', 'projections']) {
      expect(names).toContain(`svc.${service}`);
    }
    for (const department of departments) expect(names).toContain(`dept.${department}`);
    expect(grantsOf(plan, 'admin')).toEqual([]);
  });

  it('lets each context service write its own context topic and nothing else', () => {
    for (const context of ['tasks', 'resources', 'talent', 'platforms', 'reference']) {
      expect(grantsOf(plan, `svc.${context}`).map(describeGrant).sort()).toEqual(
        [`DESCRIBE TOPIC LITERAL backbone.${context}.v1`, `WRITE TOPIC LITERAL backbone.${context}.v1`],
      );
    }
  });

  it('lets the relay write every context topic, and the projections read them in their own groups', () => {
    const relayWrites = grantsOf(plan, 'svc.relay').filter((e) => e.operation === 'WRITE').map((e) => e.resourceName);
    expect(relayWrites.sort()).toEqual(committedFile.contexts.map((c) => `backbone.${c}.v1`).sort());
    const projections = grantsOf(plan, 'svc.projections').map(describeGrant);
    expect(projections).toContain('READ TOPIC LITERAL backbone.tasks.v1');
    expect(projections).toContain('READ GROUP PREFIXED backbone.projection.');
    expect(projections).toContain('WRITE TOPIC PREFIXED backbone.projection.');
    expect(projections.filter((g) => g.startsWith('WRITE') && !g.endsWith('backbone.projection.'))).toEqual([]);
  });

  it('lets only the inbox router write the inboxes', () => {
    const inboxWriters = plan.acls.filter((e) => e.operation === 'WRITE' && e.resourceName.startsWith('backbone.inbox.'));
    expect(inboxWriters.map((e) => `${e.principal} ${e.patternType} ${e.resourceName}`)).toEqual(['svc.inbox-router PREFIXED backbone.inbox.']);
  });

  it('lets a department read only its own inbox and the context topics it is granted, in groups of its own prefix', () => {
    for (const department of departments) {
      const grants = grantsOf(plan, `dept.${department}`);
      const own = `adapter.${department}.`;
      // Writes and creates only for its adapters' own dead-letter topics.
      const beyondReading = grants.filter((e) => e.operation !== 'READ' && e.operation !== 'DESCRIBE');
      expect(beyondReading.every((e) => e.resourceType === 'TOPIC' && e.patternType === 'PREFIXED' && e.resourceName === own), department).toBe(true);
      const backboneTopics = grants.filter((e) => e.resourceType === 'TOPIC' && e.resourceName.startsWith('backbone.'));
      expect(backboneTopics.every((e) => e.patternType === 'LITERAL' && (e.operation === 'READ' || e.operation === 'DESCRIBE'))).toBe(true);
      const inboxes = backboneTopics.filter((e) => e.resourceName.startsWith('backbone.inbox.')).map((e) => e.resourceName);
      expect(new Set(inboxes)).toEqual(new Set([`backbone.inbox.${department}.v1`]));
      const groups = grants.filter((e) => e.resourceType === 'GROUP');
      expect(groups.length).toBeGreaterThan(0);
      expect(groups.every((e) => e.patternType === 'PREFIXED' && e.resourceName === own)).toBe(true);
    }
    const civil = grantsOf(plan, 'dept.civil-affairs').filter((e) => e.resourceName.startsWith('backbone.') && !e.resourceName.includes('inbox'));
    expect(new Set(civil.map((e) => e.resourceName))).toEqual(new Set(['backbone.platforms.v1']));
  });

  it('creates every context topic and every inbox topic', () => {
    expect(plan.topics).toContain('backbone.tasks.v1');
    for (const department of departments) expect(plan.topics).toContain(`backbone.inbox.${department}.v1`);
  });
});

describe('the ACL file reader', () => {
  const minimal = {
    superUser: 'admin',
    namespace: 'backbone',
    contexts: ['tasks'],
    departmentDirectory: 'config/reference.json',
    services: {},
    departments: { every: {}, grants: {} },
  };

  it('lists every mistake at once', () => {
    const bad = { ...minimal, superUser: 'Admin!', services: { tasks: { writes: ['context:tasks'] } }, extra: 1 };
    const message = (() => {
      try {
        parseAclFile(bad);
        return '';
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    })();
    expect(message).toContain('superUser: expected a lower-case slug');
    expect(message).toContain('services.tasks.writes: unknown key');
    expect(message).toContain('extra: unknown key');
  });

  it('refuses selectors it does not know and prefixes that would reach the backbone topics', () => {
    expect(() => selectTopics('context:unknown', ['tasks'])).toThrow(/unknown topic selector/);
    expect(() => selectTopics('prefix:backbone.', ['tasks'])).toThrow(/unknown topic selector/);
    expect(() => selectTopics('prefix:back', ['tasks'])).toThrow(/unknown topic selector/);
    expect(() => selectTopics('prefix:backbone.inbox.social', ['tasks'])).toThrow(/unknown topic selector/);
    expect(selectTopics('prefix:backbone.projection.', ['tasks'])).toEqual([{ patternType: 'PREFIXED', resourceName: 'backbone.projection.' }]);
    expect(selectTopics('inbox:*', ['tasks'])).toEqual([{ patternType: 'PREFIXED', resourceName: 'backbone.inbox.' }]);
  });

  it('refuses a placeholder where it does not apply', () => {
    const file = parseAclFile({ ...minimal, services: { relay: { read: ['inbox:{department}'] } } });
    expect(() => planAcls(file, ['social-work'])).toThrow(/svc.relay: "inbox:\{department\}" names a placeholder/);
  });

  it('refuses grants to a department the reference config does not know', () => {
    const file = parseAclFile({ ...minimal, departments: { every: {}, grants: { ghost: { read: ['context:tasks'] } } } });
    expect(() => planAcls(file, ['social-work'])).toThrow(/unknown department\(s\): ghost/);
  });
});
