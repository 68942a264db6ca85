import type { AclFile, GrantSpec } from './aclFile.ts';

export type AclResource = 'TOPIC' | 'GROUP';
export type AclPattern = 'LITERAL' | 'PREFIXED';
export type AclOperation = 'READ' | 'WRITE' | 'DESCRIBE' | 'CREATE';

/** One ALLOW entry for one principal, from any host. */
export interface AclEntry {
  readonly principal: string;
  readonly resourceType: AclResource;
  readonly patternType: AclPattern;
  readonly resourceName: string;
  readonly operation: AclOperation;
}

export interface PlannedPrincipal {
  /** The SCRAM user name: `svc.<service>`, `dept.<department>` or the super user. */
  readonly name: string;
  readonly kind: 'super' | 'service' | 'department';
}

/** Everything the secured broker needs: who exists, which topics exist, and who may do what. */
export interface AclPlan {
  readonly superUser: string;
  readonly principals: readonly PlannedPrincipal[];
  readonly topics: readonly string[];
  readonly acls: readonly AclEntry[];
}

export const servicePrincipal = (service: string): string => `svc.${service}`;
export const departmentPrincipal = (department: string): string => `dept.${department}`;
export const contextTopicName = (context: string): string => `backbone.${context}.v1`;
export const inboxTopicName = (department: string): string => `backbone.inbox.${department}.v1`;
const INBOX_PREFIX = 'backbone.inbox.';

interface TopicSelection {
  readonly patternType: AclPattern;
  readonly resourceName: string;
}

/** Resolves one topic selector of acls.json; throws on a selector it does not know. */
export function selectTopics(selector: string, contexts: readonly string[]): TopicSelection[] {
  const colon = selector.indexOf(':');
  const kind = colon < 0 ? selector : selector.slice(0, colon);
  const name = colon < 0 ? '' : selector.slice(colon + 1);
  if (kind === 'context' && name === '*') return contexts.map((c) => ({ patternType: 'LITERAL', resourceName: contextTopicName(c) }));
  if (kind === 'context' && contexts.includes(name)) return [{ patternType: 'LITERAL', resourceName: contextTopicName(name) }];
  if (kind === 'inbox' && name === '*') return [{ patternType: 'PREFIXED', resourceName: INBOX_PREFIX }];
  if (kind === 'inbox' && name.length > 0) return [{ patternType: 'LITERAL', resourceName: inboxTopicName(name) }];
  // A prefix that could reach the context or inbox topics would defeat the per-topic grants.
  const guarded = [...contexts.map((c) => `backbone.${c}.`), INBOX_PREFIX];
  if (kind === 'prefix' && name.length > 0 && !guarded.some((g) => g.startsWith(name) || name.startsWith(g))) {
    return [{ patternType: 'PREFIXED', resourceName: name }];
  }
  throw new Error(`unknown topic selector "${selector}" (context:<one of ${contexts.join('|')}>, context:*, inbox:<dept>, inbox:*, prefix:<p> not reaching those)`);
}

interface Placeholders {
  readonly namespace: string;
  readonly department?: string;
}

function entriesOf(principal: string, grant: GrantSpec, contexts: readonly string[], values: Placeholders): AclEntry[] {
  const fill = (text: string): string => {
    const withNamespace = text.replaceAll('{namespace}', values.namespace);
    const filled = values.department === undefined ? withNamespace : withNamespace.replaceAll('{department}', values.department);
    if (/[{}]/.test(filled)) throw new Error(`${principal}: "${text}" names a placeholder that does not apply here`);
    return filled;
  };
  const topicEntries = (selectors: readonly string[] | undefined, operations: readonly AclOperation[]): AclEntry[] =>
    (selectors ?? []).flatMap((selector) =>
      selectTopics(fill(selector), contexts).flatMap((topic) =>
        operations.map((operation) => ({ principal, resourceType: 'TOPIC' as const, ...topic, operation })),
      ),
    );
  const groupEntries = (grant.groups ?? []).flatMap((prefix) =>
    (['READ', 'DESCRIBE'] as const).map((operation) => ({
      principal,
      resourceType: 'GROUP' as const,
      patternType: 'PREFIXED' as const,
      resourceName: fill(prefix),
      operation,
    })),
  );
  return [
    ...topicEntries(grant.read, ['READ', 'DESCRIBE']),
    ...topicEntries(grant.write, ['WRITE', 'DESCRIBE']),
    ...topicEntries(grant.create, ['CREATE']),
    ...groupEntries,
  ];
}

/** A stable identity of an entry, for comparing the plan with what the broker holds. */
export function aclKey(entry: AclEntry): string {
  return [entry.principal, entry.resourceType, entry.patternType, entry.resourceName, entry.operation].join('|');
}

function unique(entries: readonly AclEntry[]): AclEntry[] {
  const byKey = new Map(entries.map((entry) => [aclKey(entry), entry]));
  return [...byKey.values()];
}

/**
 * Turns the ACL file and the current department ids into principals, topics and ALLOW entries.
 * Nothing outside the plan is allowed: the broker runs with `allow.everyone.if.no.acl.found=false`.
 */
export function planAcls(file: AclFile, departments: readonly string[]): AclPlan {
  const unknownGrants = Object.keys(file.departments.grants).filter((id) => !departments.includes(id));
  if (unknownGrants.length > 0) throw new Error(`acls.json grants unknown department(s): ${unknownGrants.join(', ')}`);
  const services = Object.entries(file.services);
  const acls = unique([
    ...services.flatMap(([service, grant]) => entriesOf(servicePrincipal(service), grant, file.contexts, { namespace: file.namespace })),
    ...departments.flatMap((department) => {
      const values = { namespace: file.namespace, department };
      return [
        ...entriesOf(departmentPrincipal(department), file.departments.every, file.contexts, values),
        ...entriesOf(departmentPrincipal(department), file.departments.grants[department] ?? {}, file.contexts, values),
      ];
    }),
  ]);
  return {
    superUser: file.superUser,
    principals: [
      { name: file.superUser, kind: 'super' },
      ...services.map(([service]) => ({ name: servicePrincipal(service), kind: 'service' as const })),
      ...departments.map((department) => ({ name: departmentPrincipal(department), kind: 'department' as const })),
    ],
    topics: [...file.contexts.map(contextTopicName), ...departments.map(inboxTopicName)],
    acls,
  };
}
