/**
 * An immutable set of ids that only grows, cheap to extend along one line of states: the
 * states of one fold share one index, and each knows how much of it is its own. Adding to an
 * older state (a branch) copies its part first, so no state ever sees another's additions.
 * This keeps folding a stream of n service records O(n) instead of O(n²) copies.
 */
export interface AppendOnlySet {
  readonly size: number;
  has(id: string): boolean;
  /** A set with `id` added; this one is unchanged. */
  add(id: string): AppendOnlySet;
  values(): readonly string[];
}

interface SharedIndex {
  readonly position: Map<string, number>;
  readonly order: string[];
}

function setOver(index: SharedIndex, size: number): AppendOnlySet {
  const has = (id: string) => {
    const at = index.position.get(id);
    return at !== undefined && at < size;
  };
  return {
    size,
    has,
    add(id) {
      if (has(id)) return this;
      // Only the newest state of the index may extend it in place; an older one branches off.
      const own: SharedIndex =
        index.order.length === size
          ? index
          : { position: new Map(index.order.slice(0, size).map((v, i) => [v, i])), order: index.order.slice(0, size) };
      own.position.set(id, size);
      own.order.push(id);
      return setOver(own, size + 1);
    },
    values: () => index.order.slice(0, size),
  };
}

/** An empty append-only set. */
export const emptyAppendOnlySet = (): AppendOnlySet => setOver({ position: new Map(), order: [] }, 0);
