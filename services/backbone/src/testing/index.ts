// Fixtures for tests that run the backbone as real processes. Test code only: nothing in
// production imports this folder.
export { api } from './api.ts';
export type { ApiClient, ApiResponse, CommandAnswer, Problem } from './api.ts';
export { REPO_ROOT, childEnvironment, runBackboneCli, startBackboneProcess } from './backboneProcess.ts';
export type { BackboneProcess, BackboneProcessOptions, CliRun, ProcessEnv, ProcessExit } from './backboneProcess.ts';
export { backboneSuite } from './backboneSuite.ts';
export type { BackboneSuite } from './backboneSuite.ts';
export { eventually } from './eventually.ts';
export { serverNamespace } from './sharedServers.ts';
export type { ServerNamespace } from './sharedServers.ts';
export { forgeDepartment, tokenFor, tokenIssuer } from './tokens.ts';
export type { KeysLocation, TokenOptions } from './tokens.ts';
export { describeInBothModes } from './bothModes.ts';
