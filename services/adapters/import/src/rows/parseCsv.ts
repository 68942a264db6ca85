/** One data line of a CSV file: its 1-based line number (where the record starts) and its fields. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/** A record the parser could not read, with the line it starts on. */
export interface CsvProblem {
  readonly line: number;
  readonly reason: string;
}

export interface ParsedCsv {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
  readonly problems: readonly CsvProblem[];
}

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes (`""` is a quote inside
 * one; quoted fields may hold commas and line breaks), CRLF or LF, a UTF-8 BOM ignored. The
 * first record is the header. A record whose field count differs from the header's, or with a
 * stray or unterminated quote, is reported as a problem and parsing goes on with the next one.
 */
export function parseCsv(text: string): ParsedCsv {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: { line: number; fields: string[]; error?: string }[] = [];
  let line = 1;
  let i = 0;
  while (i < input.length) {
    const start = line;
    const fields: string[] = [];
    let error: string | undefined;
    for (;;) {
      let field = '';
      if (input[i] === '"') {
        i++;
        let closed = false;
        while (i < input.length) {
          const ch = input[i]!;
          if (ch === '"') {
            if (input[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        if (!closed) error ??= 'unterminated quoted field';
        else if (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r') error ??= 'text after a closing quote';
      }
      while (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r') {
        if (input[i] === '"') error ??= 'a quote inside an unquoted field';
        field += input[i];
        i++;
      }
      fields.push(field);
      if (input[i] === ',') {
        i++;
        continue;
      }
      if (input[i] === '\r') i++;
      if (input[i] === '\n') {
        i++;
        line++;
      }
      break;
    }
    const blank = fields.length === 1 && fields[0] === '' && error === undefined;
    if (!blank) rows.push({ line: start, fields, error });
  }

  const [head, ...body] = rows;
  if (!head) return { header: [], records: [], problems: [] };
  const header = head.fields.map((name) => name.trim());
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = head.error ? [{ line: head.line, reason: `header: ${head.error}` }] : [];
  for (const row of body) {
    if (row.error) problems.push({ line: row.line, reason: row.error });
    else if (row.fields.length !== header.length) problems.push({ line: row.line, reason: `expected ${header.length} fields, found ${row.fields.length}` });
    else records.push({ line: row.line, fields: row.fields });
  }
  return { header, records, problems };
}
