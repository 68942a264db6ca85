/** One injected fault and what it took to recover from it. */
export interface RecoveryRow {
  readonly fault: string;
  /** Seconds since the load started when the fault was injected. */
  readonly injectedAtS: number;
  /** Fault → the injection done: the part restarted and listening, the broker up again; null when nothing was injected or restarted. */
  readonly downS: number | null;
  /** Fault → the board and inboxes reflect every command acknowledged until the part was back. */
  readonly recoveryS: number;
  readonly boundS: number;
  /** `automatic`, or the operator step it needed and how long that took. */
  readonly how: string;
  /** Commands acknowledged, and not acknowledged (refused / 5xx / lost), during the scenario. */
  readonly acknowledged: number;
  readonly notAcknowledged: string;
  /** Event ids seen more than once on Kafka so far (republished, deduplicated by the views). */
  readonly republished: number;
}

const seconds = (value: number | null) => (value === null ? '—' : value.toFixed(1));

/** The rows as a Markdown table. */
export function recoveryTable(rows: readonly RecoveryRow[]): string {
  const header = [
    '| fault | injected at (s) | restarted after (s) | recovery (s) | bound (s) | recovery was | acked | not acked (refused/5xx/lost) | republished ids on Kafka |',
    '|---|---:|---:|---:|---:|---|---:|---|---:|',
  ];
  const lines = rows.map(
    (r) =>
      `| ${r.fault} | ${seconds(r.injectedAtS)} | ${seconds(r.downS)} | ${seconds(r.recoveryS)} | ${r.boundS} | ${r.how} | ${r.acknowledged} | ${r.notAcknowledged} | ${r.republished} |`,
  );
  return [...header, ...lines].join('\n');
}
