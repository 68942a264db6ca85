export {
  DIRECTORY_ID,
  ReferenceConfig,
  RegisterDepartmentBody,
  RegisterFieldBody,
  SYSTEM_ACTOR,
  UpdateDepartmentBody,
  UpdateFieldBody,
  decideDirectory,
  directoryDecider,
  evolveDirectory,
  initialDirectoryState,
  isEmptyDirectory,
  listDepartments,
  listFields,
  parseReferenceConfig,
  seedDirectoryCommand,
  seedProblems,
} from './domain/index.ts';
export type {
  Department,
  DepartmentSeed,
  DirectorySeed,
  DirectoryState,
  Field,
  FieldSeed,
  ReferenceCommand,
  ReferenceCommand as DirectoryCommand,
  ReferenceCommandType,
  RegisterDepartment,
  RegisterField,
  SeedDirectory,
  SeedProblem,
  UpdateDepartment,
  UpdateField,
} from './domain/index.ts';

export { createReferenceApi } from './api/referenceApi.ts';
export type { DirectoryCommandHandler, ReferenceApiOptions } from './api/referenceApi.ts';

export { seedDirectoryIfEmpty } from './seeding/seedDirectoryIfEmpty.ts';
export type { SeedDirectoryOptions, SeedOutcome } from './seeding/seedDirectoryIfEmpty.ts';

export { REFERENCE_DIRECTORY, readDirectory, referenceDirectoryProjection } from './projections/referenceDirectoryProjection.ts';
export type { DirectoryCopy, ReferenceDirectoryProjectionOptions } from './projections/referenceDirectoryProjection.ts';
