// The declarative ACL file (infra/kafka-acl/acls.json): its shape and a strict reader that
// names every mistake, so a typo never silently grants (or drops) a permission.

/** What one principal may do; each entry is a topic selector (see `selectTopics`) or a group prefix. */
export interface GrantSpec {
  readonly read?: readonly string[];
  readonly write?: readonly string[];
  readonly create?: readonly string[];
  /** Consumer-group prefixes the principal may join and commit in. */
  readonly groups?: readonly string[];
}

export interface AclFile {
  /** The admin principal of the bootstrap (a Kafka super user); it holds no ACLs. */
  readonly superUser: string;
  /** The backbone's NAMESPACE: its processes' consumer groups are `<namespace>.<group>`; `{namespace}` in grants. */
  readonly namespace: string;
  /** Each context publishes to `backbone.<context>.v1`. */
  readonly contexts: readonly string[];
  /** The reference config whose departments get a principal each (path from the repo root). */
  readonly departmentDirectory: string;
  /** One principal `svc.<name>` per service. */
  readonly services: Readonly<Record<string, GrantSpec>>;
  readonly departments: {
    /** Granted to every department principal `dept.<id>`; `{department}` is its id. */
    readonly every: GrantSpec;
    /** Extra grants of named departments (e.g. the context topics they may read). */
    readonly grants: Readonly<Record<string, GrantSpec>>;
  };
}

const GRANT_KEYS = ['read', 'write', 'create', 'groups'] as const;
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readGrant(value: Json, path: string, problems: string[]): GrantSpec {
  if (!isRecord(value)) {
    problems.push(`${path}: expected an object`);
    return {};
  }
  const grant: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(value)) {
    if (!(GRANT_KEYS as readonly string[]).includes(key)) {
      problems.push(`${path}.${key}: unknown key (expected ${GRANT_KEYS.join(', ')})`);
      continue;
    }
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || item.length === 0)) {
      problems.push(`${path}.${key}: expected a list of non-empty strings`);
      continue;
    }
    grant[key] = list as string[];
  }
  return grant;
}

function readGrants(value: Json, path: string, problems: string[]): Record<string, GrantSpec> {
  if (!isRecord(value)) {
    problems.push(`${path}: expected an object`);
    return {};
  }
  const grants: Record<string, GrantSpec> = {};
  for (const [name, spec] of Object.entries(value)) {
    if (!NAME.test(name)) problems.push(`${path}.${name}: names are lower-case slugs`);
    grants[name] = readGrant(spec, `${path}.${name}`, problems);
  }
  return grants;
}

/** Validates a parsed acls.json; throws one error listing every problem. */
export function parseAclFile(json: Json): AclFile {
  const problems: string[] = [];
  if (!isRecord(json)) throw new Error('acls.json: expected an object');
  const allowed = new Set(['description', 'superUser', 'namespace', 'contexts', 'departmentDirectory', 'services', 'departments']);
  for (const key of Object.keys(json)) if (!allowed.has(key)) problems.push(`${key}: unknown key`);

  const superUser = typeof json.superUser === 'string' && NAME.test(json.superUser) ? json.superUser : '';
  if (!superUser) problems.push('superUser: expected a lower-case slug');
  const namespace = typeof json.namespace === 'string' && NAME.test(json.namespace) ? json.namespace : '';
  if (!namespace) problems.push('namespace: expected a lower-case slug');
  const contexts = Array.isArray(json.contexts) ? json.contexts.filter((c): c is string => typeof c === 'string' && NAME.test(c)) : [];
  if (!Array.isArray(json.contexts) || contexts.length !== json.contexts.length || contexts.length === 0) {
    problems.push('contexts: expected a non-empty list of lower-case slugs');
  }
  const departmentDirectory = typeof json.departmentDirectory === 'string' ? json.departmentDirectory : '';
  if (!departmentDirectory) problems.push('departmentDirectory: expected a path');
  const services = readGrants(json.services, 'services', problems);

  const departments = isRecord(json.departments) ? json.departments : {};
  if (!isRecord(json.departments)) problems.push('departments: expected an object');
  for (const key of Object.keys(departments)) if (key !== 'every' && key !== 'grants') problems.push(`departments.${key}: unknown key`);
  const every = readGrant(departments.every ?? {}, 'departments.every', problems);
  const grants = readGrants(departments.grants ?? {}, 'departments.grants', problems);

  if (problems.length > 0) throw new Error(`acls.json is invalid:\n  ${problems.join('\n  ')}`);
  return { superUser, namespace, contexts, departmentDirectory, services, departments: { every, grants } };
}

/** The department ids of a reference config (`{ departments: [{ id }] }`). */
export function departmentIdsOf(referenceConfig: Json): string[] {
  if (!isRecord(referenceConfig) || !Array.isArray(referenceConfig.departments)) {
    throw new Error('the reference config has no departments list');
  }
  return referenceConfig.departments.map((entry, index) => {
    const id = isRecord(entry) ? entry.id : undefined;
    if (typeof id !== 'string' || !NAME.test(id)) throw new Error(`departments[${index}].id: expected a lower-case slug`);
    return id;
  });
}
