import { createRedisViewStore } from '@backbone/views';

/** An aggregate a view has not caught up with. */
export interface Behind {
  readonly projection: string;
  readonly subject: string;
  readonly applied: number | undefined;
  readonly wanted: number;
}

/** What the live views have applied, read from the suite's own Redis through the view store port. */
export interface ViewMarks {
  /** Every aggregate whose last applied version in a projection's live view is below the wanted one. */
  behind(projections: readonly string[], wanted: ReadonlyMap<string, number>): Promise<Behind[]>;
  close(): Promise<void>;
}

const CHUNK = 250;

/** Reads the views of the deployment named `namespace` in the Redis at `url`. */
export function viewMarks(url: string, namespace: string): ViewMarks {
  const views = createRedisViewStore({ redis: url, prefix: namespace });
  return {
    async behind(projections, wanted) {
      const found: Behind[] = [];
      const subjects = [...wanted];
      for (const projection of projections) {
        const reader = views.reader(projection);
        for (let i = 0; i < subjects.length; i += CHUNK) {
          const chunk = subjects.slice(i, i + CHUNK);
          const applied = await Promise.all(chunk.map(([subject]) => reader.appliedVersion(subject)));
          chunk.forEach(([subject, version], j) => {
            const have = applied[j];
            if (have === undefined || have < version) found.push({ projection, subject, applied: have, wanted: version });
          });
        }
      }
      return found;
    },
    close: () => views.close(),
  };
}
