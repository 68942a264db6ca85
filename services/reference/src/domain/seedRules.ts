import { REFERENCE_ID_PATTERN } from '@backbone/contracts';
import { SYSTEM_ACTOR } from './commands.ts';

/** One reason a directory seed (or config file) is unacceptable, with the rule it breaks. */
export interface SeedProblem {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

/** Problems with an id: not a kebab-case slug, or the reserved `system`. */
export function idProblem(id: string, kind: 'department' | 'field'): Omit<SeedProblem, 'path'> | undefined {
  if (id.length > 64 || !REFERENCE_ID_PATTERN.test(id)) {
    return { rule: 'id-must-be-kebab-case', message: `${kind} id "${id}" is not a kebab-case slug` };
  }
  if (kind === 'department' && id === SYSTEM_ACTOR) {
    return { rule: 'reserved-department-id', message: `"${SYSTEM_ACTOR}" is reserved for the backbone itself` };
  }
  return undefined;
}

/** Every problem of a seed: bad or duplicate ids, and not exactly one coordinating department. */
export function seedProblems(seed: {
  readonly departments: readonly { readonly id: string; readonly coordinating: boolean }[];
  readonly fields: readonly { readonly id: string }[];
}): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const check = (entries: readonly { readonly id: string }[], kind: 'department' | 'field', list: string) => {
    const seen = new Set<string>();
    entries.forEach(({ id }, index) => {
      const problem = idProblem(id, kind);
      if (problem) problems.push({ ...problem, path: `${list}.${index}.id` });
      if (seen.has(id)) {
        const message = `${kind} id "${id}" appears twice`;
        problems.push({ rule: 'ids-must-be-unique', path: `${list}.${index}.id`, message });
      }
      seen.add(id);
    });
  };
  check(seed.departments, 'department', 'departments');
  check(seed.fields, 'field', 'fields');
  const coordinating = seed.departments.filter((d) => d.coordinating).length;
  if (coordinating !== 1) {
    problems.push({
      rule: 'exactly-one-coordinating-department',
      path: 'departments',
      message: `exactly one department must be coordinating, found ${coordinating}`,
    });
  }
  return problems;
}
