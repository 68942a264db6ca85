import { describe, expect, it } from 'vitest';
import { parseCsv } from './parseCsv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and a BOM', () => {
    const parsed = parseCsv('\uFEFFtaskId,percent,note\r\ntask-1,40,"Districts 1, 2 and ""3"""\r\ntask-2,50,"two\nlines"\ntask-3,60,\n\n');
    expect(parsed.header).toEqual(['taskId', 'percent', 'note']);
    expect(parsed.records).toEqual([
      { line: 2, fields: ['task-1', '40', 'Districts 1, 2 and "3"'] },
      { line: 3, fields: ['task-2', '50', 'two\nlines'] },
      { line: 5, fields: ['task-3', '60', ''] },
    ]);
    expect(parsed.problems).toEqual([]);
  });

  it('reports a record with the wrong number of fields or a broken quote, with its line, and reads on', () => {
    const parsed = parseCsv('a,b\n1\n"x"y,2\n3,4\nba"d,5\n6,7\n"open,8\n');
    expect(parsed.records).toEqual([
      { line: 4, fields: ['3', '4'] },
      { line: 6, fields: ['6', '7'] },
    ]);
    expect(parsed.problems).toEqual([
      { line: 2, reason: 'expected 2 fields, found 1' },
      { line: 3, reason: 'text after a closing quote' },
      { line: 5, reason: 'a quote inside an unquoted field' },
      { line: 7, reason: 'unterminated quoted field' },
    ]);
  });

  it('gives nothing for an empty file', () => {
    expect(parseCsv('')).toEqual({ header: [], records: [], problems: [] });
  });
});
