import type { ApplyItem, NetBatch, ViewWrite } from './viewStore.ts';

/** What a batch of applies changes in the end, once each item was checked against the marks. */
export interface NetOfBatch extends NetBatch {
  /** Items that applied (each the next of its aggregate). */
  readonly applied: number;
}

/**
 * Folds a batch into its net effect, for a store that applies the whole batch in one transaction
 * (nobody sees the steps between items, so only the end state matters). `storedMark` is the
 * mark of an aggregate before the batch (0 when none).
 */
export function netOfBatch(items: readonly ApplyItem[], storedMark: (subject: string) => number): NetOfBatch {
  const marks = new Map<string, { from: number; to: number }>();
  const docs = new Map<string, Map<string, ViewWrite>>();
  const members = new Map<string, Map<string, ViewWrite>>();
  const counters = new Map<string, number>();
  let position: string | undefined;
  let applied = 0;
  const inner = (outer: Map<string, Map<string, ViewWrite>>, key: string) => {
    let map = outer.get(key);
    if (map === undefined) outer.set(key, (map = new Map()));
    return map;
  };

  for (const { mark, writes } of items) {
    const moved = marks.get(mark.subject);
    const last = moved?.to ?? storedMark(mark.subject);
    if (mark.streamversion !== last + 1) continue;
    applied++;
    if (moved === undefined) marks.set(mark.subject, { from: last, to: mark.streamversion });
    else moved.to = mark.streamversion;
    if (mark.position !== undefined) position = mark.position;
    for (const write of writes) {
      if (write.op === 'put' || write.op === 'delete') inner(docs, write.collection).set(write.id, write);
      else if (write.op === 'addToSet' || write.op === 'removeFromSet') inner(members, write.set).set(write.member, write);
      else counters.set(write.counter, (counters.get(write.counter) ?? 0) + write.by);
    }
  }

  const net: ViewWrite[] = [];
  for (const byId of docs.values()) net.push(...byId.values());
  for (const byMember of members.values()) net.push(...byMember.values());
  for (const [counter, by] of counters) net.push({ op: 'increment', counter, by });
  return { applied, writes: net, marks, position };
}
