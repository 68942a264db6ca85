// `pnpm --filter @backbone/adapter-import import-file <file> [--format csv|jsonl] [--report <file>]`:
// imports a department system's export of task progress reports. BACKBONE_URL and BACKBONE_TOKEN
// name the backbone and the department. Exit code 0: every row accepted; 1: some rows rejected
// (listed on stderr and, with --report, as JSON lines); 2: the file or the configuration is refused.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCommandClient } from '@backbone/adapter-sdk';
import { loadConfig } from '../config.ts';
import { importRows } from '../importing/importRows.ts';
import { taskProgressMapping } from '../mappings/taskProgress.ts';
import { formatOf } from '../rows/readRows.ts';
import { progressBar } from './progressBar.ts';

// `pnpm --filter` runs scripts in the package directory; paths are meant from where the user typed.
const cwd = process.env.INIT_CWD ?? process.cwd();

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { format: { type: 'string' }, report: { type: 'string' } } });
  const file = positionals[0];
  const format = values.format ?? (file ? formatOf(file) : undefined);
  if (!file || (format !== 'csv' && format !== 'jsonl')) {
    console.error('usage: import <file.csv|file.jsonl> [--format csv|jsonl] [--report rejected.jsonl]');
    return 2;
  }
  const config = loadConfig(process.env);
  const client = createCommandClient({ baseUrl: config.BACKBONE_URL, token: config.BACKBONE_TOKEN, timeoutMs: config.BACKBONE_TIMEOUT_MS });
  const bar = progressBar(`importing ${file}`);
  const report = await importRows({ format, text: readFileSync(resolve(cwd, file), 'utf8'), mapping: taskProgressMapping, client, onProgress: bar.update });
  bar.done();
  for (const row of report.rejected) console.error(`line ${row.line}: ${row.reason}`);
  if (values.report) writeFileSync(resolve(cwd, values.report), report.rejected.map((row) => `${JSON.stringify(row)}\n`).join(''));
  console.log(`${report.rows} row(s): ${report.accepted} accepted, ${report.duplicates} repeated in the file, ${report.rejected.length} rejected`);
  return report.rejected.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
