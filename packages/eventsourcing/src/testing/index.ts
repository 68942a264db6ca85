// Test-only helpers, kept off the package's main entry so production code never loads vitest.
export { DeciderSpecification } from './deciderSpecification.ts';
export type { DeciderGiven, DeciderSpecificationOf, DeciderThen } from './deciderSpecification.ts';
