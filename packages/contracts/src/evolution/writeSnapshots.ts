// `pnpm contracts:snapshot`: records every event schema under packages/contracts/schemas.
import { fileURLToPath } from 'node:url';
import { allEventDefinitions } from '../events/index.ts';
import { writeSnapshots } from './snapshots.ts';

const dir = fileURLToPath(new URL('../../schemas', import.meta.url));
const report = writeSnapshots(dir, allEventDefinitions);
console.log(report.length > 0 ? report.join('\n') : 'every schema matches its snapshot');
