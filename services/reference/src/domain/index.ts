export {
  RegisterDepartmentBody,
  RegisterFieldBody,
  SYSTEM_ACTOR,
  UpdateDepartmentBody,
  UpdateFieldBody,
} from './commands.ts';
export type {
  DepartmentSeed,
  DirectorySeed,
  FieldSeed,
  ReferenceCommand,
  ReferenceCommandType,
  RegisterDepartment,
  RegisterField,
  SeedDirectory,
  UpdateDepartment,
  UpdateField,
} from './commands.ts';
export { ReferenceConfig, parseReferenceConfig, seedDirectoryCommand } from './config.ts';
export { decideDirectory, directoryDecider } from './directoryDecider.ts';
export { seedProblems } from './seedRules.ts';
export type { SeedProblem } from './seedRules.ts';
export {
  DIRECTORY_ID,
  evolveDirectory,
  initialDirectoryState,
  isEmptyDirectory,
  listDepartments,
  listFields,
} from './state.ts';
export type { Department, DirectoryState, Field } from './state.ts';
