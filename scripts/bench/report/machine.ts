import { cpus, loadavg, release, totalmem, type } from 'node:os';
import type { Availability } from '../harness/servers.ts';
import { megabytes } from '../harness/format.ts';

/** What the run ran on, for the document. */
export interface MachineFacts {
  readonly cpu: string;
  readonly memory: string;
  readonly os: string;
  readonly node: string;
  readonly kafka: string;
  readonly redis: string;
  readonly date: string;
  /** The 1-minute load average when the run started and when it ended: other work on the machine shows here. */
  readonly load: string;
}

const describe = (server: Availability) => (server.available ? server.version : `not available (${server.reason})`);

export function machineFacts(servers: { kafka: Availability; redis: Availability }, now: Date, loadAtStart: number): MachineFacts {
  const cores = cpus();
  return {
    cpu: `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}`,
    memory: `${megabytes(totalmem())} RAM`,
    os: `${type()} ${release()}`,
    node: `Node.js ${process.version}`,
    kafka: describe(servers.kafka),
    redis: describe(servers.redis),
    date: now.toISOString(),
    load: `1-minute load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end (on ${cores.length} cores; the bench itself keeps about 2 busy)`,
  };
}
