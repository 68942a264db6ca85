/**
 * Backward compatibility between two JSON Schemas as zod 4 emits them: may a reader holding
 * `next` read every document that `previous` accepted? (Schema-registry "BACKWARD"; checked
 * against every published revision it is "BACKWARD_TRANSITIVE".)
 *
 * The check is conservative: a construct it does not understand must be unchanged.
 */
type Schema = Record<string, unknown>;

export interface Incompatibility {
  readonly path: string;
  readonly problem: string;
}

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

/** Keys that describe a schema without changing what it accepts. */
const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'examples', 'default', '$id']);

function typesOf(schema: Schema): string[] | undefined {
  const { type } = schema;
  if (typeof type === 'string') return type === 'integer' ? ['integer'] : [type];
  if (Array.isArray(type)) return type.map(String);
  return undefined;
}

function variants(schema: Schema): Schema[] | undefined {
  const list = schema.anyOf ?? schema.oneOf;
  return Array.isArray(list) ? list.filter(isObject) : undefined;
}

/** Lists why `next` would refuse a document `previous` accepted; empty when compatible. */
export function backwardIncompatibilities(previous: unknown, next: unknown, path = '$'): Incompatibility[] {
  if (!isObject(previous) || !isObject(next)) {
    return stable(previous) === stable(next) ? [] : [{ path, problem: 'schema changed' }];
  }
  // A union reads a document when one of its variants does.
  const nextVariants = variants(next);
  const previousVariants = variants(previous);
  if (previousVariants) {
    return previousVariants.flatMap((variant, i) => backwardIncompatibilities(variant, next, `${path}|${i}`));
  }
  if (nextVariants) {
    const fits = nextVariants.some((variant) => backwardIncompatibilities(previous, variant, path).length === 0);
    return fits ? [] : [{ path, problem: 'no variant of the new union reads the old schema' }];
  }

  const problems: Incompatibility[] = [];
  const previousTypes = typesOf(previous);
  const nextTypes = typesOf(next);
  if (previousTypes && nextTypes) {
    for (const t of previousTypes) {
      if (!nextTypes.includes(t) && !(t === 'integer' && nextTypes.includes('number'))) {
        problems.push({ path, problem: `type ${t} no longer accepted` });
      }
    }
  } else if (stable(previous.type) !== stable(next.type)) {
    problems.push({ path, problem: 'type changed' });
  }

  const checked = new Set<string>(['type', ...ANNOTATIONS]);
  const check = (key: string, rule: (p: unknown, n: unknown) => boolean, problem: string) => {
    checked.add(key);
    if (!rule(previous[key], next[key])) problems.push({ path, problem: `${key}: ${problem}` });
  };
  const lowerBound = (p: unknown, n: unknown) => n === undefined || (typeof p === 'number' && typeof n === 'number' && n <= p);
  const upperBound = (p: unknown, n: unknown) => n === undefined || (typeof p === 'number' && typeof n === 'number' && n >= p);
  const same = (p: unknown, n: unknown) => n === undefined || stable(p) === stable(n);

  check('minimum', lowerBound, 'raised');
  check('exclusiveMinimum', lowerBound, 'raised');
  check('minLength', lowerBound, 'raised');
  check('minItems', lowerBound, 'raised');
  check('maximum', upperBound, 'lowered');
  check('exclusiveMaximum', upperBound, 'lowered');
  check('maxLength', upperBound, 'lowered');
  check('maxItems', upperBound, 'lowered');
  check('pattern', same, 'changed');
  check('format', same, 'changed');
  check('const', same, 'changed');
  check('enum', (p, n) => n === undefined || (Array.isArray(p) && Array.isArray(n) && p.every((v) => n.some((w) => stable(v) === stable(w)))), 'lost a value');

  // Objects: every property the old schema allowed must still be allowed and readable;
  // a property the new schema requires must have been required before.
  checked.add('properties').add('required').add('additionalProperties');
  const previousProps = isObject(previous.properties) ? previous.properties : {};
  const nextProps = isObject(next.properties) ? next.properties : {};
  const previousRequired = new Set(Array.isArray(previous.required) ? previous.required.map(String) : []);
  const nextRequired = Array.isArray(next.required) ? next.required.map(String) : [];
  for (const [name, schema] of Object.entries(previousProps)) {
    if (name in nextProps) {
      problems.push(...backwardIncompatibilities(schema, nextProps[name], `${path}.${name}`));
    } else if (next.additionalProperties === false) {
      problems.push({ path: `${path}.${name}`, problem: 'property removed from a closed object' });
    }
  }
  for (const name of nextRequired) {
    if (!previousRequired.has(name)) problems.push({ path: `${path}.${name}`, problem: 'newly required' });
  }
  if (next.additionalProperties === false && previous.additionalProperties !== false) {
    problems.push({ path, problem: 'object closed' });
  }

  checked.add('items');
  if (previous.items !== undefined || next.items !== undefined) {
    problems.push(...backwardIncompatibilities(previous.items ?? {}, next.items ?? {}, `${path}[]`));
  }

  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    if (!checked.has(key) && stable(previous[key]) !== stable(next[key])) {
      problems.push({ path, problem: `${key} changed` });
    }
  }
  return problems;
}
