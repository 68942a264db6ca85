import type { BenchSection } from '../harness/benchmark.ts';
import { percent } from '../harness/format.ts';

const HEADER = ['Area', 'Measurement', 'Ours', 'Raw baseline (same run)', 'Ours / raw', 'Target', 'Met', 'Peak RSS (ours / raw)'];

const cell = (text: string | undefined) => (text ?? '—').replaceAll('|', '\\|').replaceAll('\n', ' ');

const verdict = (met: boolean | undefined) => (met === undefined ? '—' : met ? 'met' : 'not met');

/** The one result table, as Markdown (printed by `pnpm bench` and written into docs/performance.md). */
export function resultTable(sections: readonly BenchSection[]): string {
  const lines = [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`];
  for (const section of sections) {
    for (const row of section.rows) {
      const values = row.skipped
        ? [section.title, row.name, row.skipped, undefined, undefined, row.target, undefined, undefined]
        : [section.title, row.name, row.ours, row.baseline, row.ratio === undefined ? undefined : percent(row.ratio), row.target, verdict(row.met), row.peakRss];
      lines.push(`| ${values.map(cell).join(' | ')} |`);
    }
  }
  return lines.join('\n');
}
