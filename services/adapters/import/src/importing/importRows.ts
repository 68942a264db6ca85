import type { CommandClient } from '@backbone/adapter-sdk';
import { BackboneError } from '@backbone/contracts';
import type { ImportMapping } from '../mappings/importMapping.ts';
import { readRows } from '../rows/readRows.ts';
import type { ExportFormat } from '../rows/readRows.ts';
import { rowKey } from './rowKey.ts';

/** A row that was not applied, and why. */
export interface RejectedRow {
  readonly line: number;
  readonly reason: string;
}

export interface ImportReport {
  /** Rows in the file (every data record or line, readable or not). */
  readonly rows: number;
  /** Rows the backbone answered with success: applied now, or by an earlier import of the same row. */
  readonly accepted: number;
  /** Rows repeated within the file (same content as an earlier row): not sent again. */
  readonly duplicates: number;
  /** Every rejected row with its reason, in file order. */
  readonly rejected: readonly RejectedRow[];
}

export interface ImportOptions<Row> {
  readonly format: ExportFormat;
  readonly text: string;
  readonly mapping: ImportMapping<Row>;
  /** A command client with the importing department's credential. */
  readonly client: CommandClient;
  /** Called after each row: rows handled so far, and in all. */
  readonly onProgress?: (done: number, total: number) => void;
}

function reasonOf(error: unknown): string {
  if (!(error instanceof BackboneError)) return error instanceof Error ? error.message : String(error);
  const issues = error.issues?.length ? ` — ${error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : '';
  return `${error.code}${error.rule ? ` (${error.rule})` : ''}: ${error.message}${issues}`;
}

/**
 * Imports an export: every row is read and validated first, then each valid row is sent as
 * one command, in file order, with a deterministic Idempotency-Key — so importing the same
 * file again writes nothing new, and a row is applied entirely or not at all. Rows that do not
 * parse, break the schema, or that the backbone refuses, are reported with their reason.
 * A header that does not fit refuses the whole file (`invalid_input`) before anything is sent.
 */
export async function importRows<Row>(options: ImportOptions<Row>): Promise<ImportReport> {
  const { mapping } = options;
  const read = readRows(options.format, options.text, mapping.columns);
  const rejected: RejectedRow[] = [...read.problems];
  const valid: { line: number; row: Row; key: string }[] = [];
  for (const source of read.rows) {
    const parsed = mapping.schema.safeParse(source.fields);
    if (parsed.success) valid.push({ line: source.line, row: parsed.data, key: rowKey(mapping.name, parsed.data) });
    else rejected.push({ line: source.line, reason: `invalid row: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`).join('; ')}` });
  }
  const total = read.rows.length + read.problems.length;
  let done = total - valid.length;
  options.onProgress?.(done, total);

  let accepted = 0;
  let duplicates = 0;
  const sent = new Set<string>();
  for (const { line, row, key } of valid) {
    if (sent.has(key)) {
      duplicates++;
    } else {
      sent.add(key);
      try {
        await mapping.send(options.client, row, key);
        accepted++;
      } catch (error) {
        rejected.push({ line, reason: reasonOf(error) });
      }
    }
    options.onProgress?.(++done, total);
  }
  return { rows: total, accepted, duplicates, rejected: rejected.sort((a, b) => a.line - b.line) };
}
