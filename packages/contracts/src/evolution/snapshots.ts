import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { EventDefinition } from '../eventType.ts';
import { backwardIncompatibilities } from './compatibility.ts';
import type { Incompatibility } from './compatibility.ts';

/** Every published revision of one event type's data schema, oldest first. */
export interface SchemaSnapshot {
  readonly type: string;
  readonly revisions: readonly unknown[];
}

/** The JSON Schema of an event definition's data (zod 4's own generator). */
export function dataJsonSchema(definition: EventDefinition): Record<string, unknown> {
  return z.toJSONSchema(definition.schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}

export const snapshotFile = (dir: string, type: string) => join(dir, `${type}.json`);

export function readSnapshot(dir: string, type: string): SchemaSnapshot | undefined {
  const file = snapshotFile(dir, type);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SchemaSnapshot) : undefined;
}

export type SnapshotVerdict =
  | { readonly state: 'unchanged' }
  | { readonly state: 'new' }
  | { readonly state: 'compatible-change' }
  | { readonly state: 'incompatible'; readonly problems: readonly (Incompatibility & { revision: number })[] };

/** Compares a definition's current schema with every published revision. */
export function judge(definition: EventDefinition, snapshot: SchemaSnapshot | undefined): SnapshotVerdict {
  if (!snapshot || snapshot.revisions.length === 0) return { state: 'new' };
  const current = dataJsonSchema(definition);
  const latest = snapshot.revisions[snapshot.revisions.length - 1];
  if (JSON.stringify(latest) === JSON.stringify(current)) return { state: 'unchanged' };
  const problems = snapshot.revisions.flatMap((revision, index) =>
    backwardIncompatibilities(revision, current).map((p) => ({ ...p, revision: index + 1 })),
  );
  return problems.length > 0 ? { state: 'incompatible', problems } : { state: 'compatible-change' };
}

/** Records the current schema of each definition as a new revision where it changed compatibly. */
export function writeSnapshots(dir: string, definitions: readonly EventDefinition[]): string[] {
  mkdirSync(dir, { recursive: true });
  const report: string[] = [];
  for (const definition of definitions) {
    const snapshot = readSnapshot(dir, definition.type);
    const verdict = judge(definition, snapshot);
    if (verdict.state === 'incompatible') {
      const detail = verdict.problems.map((p) => `  r${p.revision} ${p.path}: ${p.problem}`).join('\n');
      throw new Error(`${definition.type} changed incompatibly; publish a new version instead:\n${detail}`);
    }
    if (verdict.state === 'unchanged') continue;
    const revisions = [...(snapshot?.revisions ?? []), dataJsonSchema(definition)];
    writeFileSync(snapshotFile(dir, definition.type), `${JSON.stringify({ type: definition.type, revisions }, null, 2)}\n`);
    report.push(`${definition.type}: ${verdict.state}`);
  }
  return report;
}
