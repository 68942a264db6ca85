import { BackboneError } from '@backbone/contracts';
import { parseCsv } from './parseCsv.ts';

/** The formats a department system exports. */
export type ExportFormat = 'csv' | 'jsonl';

/** A row of an export, by column name; an empty CSV field is absent. */
export interface SourceRow {
  /** 1-based line of the file where the row starts. */
  readonly line: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A row that could not even be read, with its line. */
export interface RowProblem {
  readonly line: number;
  readonly reason: string;
}

export interface ReadRows {
  readonly rows: readonly SourceRow[];
  readonly problems: readonly RowProblem[];
}

/** The format a file name implies: `.csv`, or `.jsonl` / `.ndjson`. */
export function formatOf(fileName: string): ExportFormat | undefined {
  if (/\.csv$/i.test(fileName)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(fileName)) return 'jsonl';
  return undefined;
}

/**
 * Reads an export into rows. CSV: the header names the columns, which must all be `allowed`
 * and include every `required` one — otherwise the whole file is refused (`invalid_input`)
 * before any row is read. JSON Lines: one object per non-empty line.
 */
export function readRows(format: ExportFormat, text: string, columns: { allowed: readonly string[]; required: readonly string[] }): ReadRows {
  if (format === 'jsonl') return readJsonLines(text);
  const csv = parseCsv(text);
  const unknown = csv.header.filter((name) => !columns.allowed.includes(name));
  const missing = columns.required.filter((name) => !csv.header.includes(name));
  const repeated = csv.header.filter((name, index) => csv.header.indexOf(name) !== index);
  if (unknown.length + missing.length + repeated.length > 0) {
    const parts = [
      unknown.length ? `unknown column(s) ${unknown.join(', ')}` : '',
      missing.length ? `missing column(s) ${missing.join(', ')}` : '',
      repeated.length ? `repeated column(s) ${repeated.join(', ')}` : '',
    ].filter(Boolean);
    throw new BackboneError('invalid_input', `the CSV header does not fit: ${parts.join('; ')} (allowed: ${columns.allowed.join(', ')})`);
  }
  const rows = csv.records.map((record) => ({
    line: record.line,
    fields: Object.fromEntries(csv.header.flatMap((name, index) => (record.fields[index] === '' ? [] : [[name, record.fields[index]]]))),
  }));
  return { rows, problems: csv.problems };
}

function readJsonLines(text: string): ReadRows {
  const rows: SourceRow[] = [];
  const problems: RowProblem[] = [];
  for (const [index, raw] of text.replace(/^\uFEFF/, '').split(/\r?\n/).entries()) {
    if (raw.trim() === '') continue;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push({ line, reason: 'not a JSON value' });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ line, reason: 'not a JSON object' });
      continue;
    }
    rows.push({ line, fields: value as Record<string, unknown> });
  }
  return { rows, problems };
}
