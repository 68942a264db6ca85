export { startDeadlineWatcher } from './deadlineWatcher.ts';
export type { DeadlineScan, DeadlineWatcher, DeadlineWatcherOptions } from './deadlineWatcher.ts';
