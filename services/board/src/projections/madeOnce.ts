/** Values kept per maker; more than the plan ever has of anything named, so a flood of odd ids cannot grow them without end. */
const KEPT = 10_000;

/**
 * `make`, remembered by key: the projections ask for the same names (scopes, counters, inbox sets)
 * for every event, and the same string is cheaper to hash again than a new one. At most 10,000
 * keys are remembered; past that, values are made afresh.
 */
export function madeOnce<V>(make: (key: string) => V): (key: string) => V {
  const made = new Map<string, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = make(key);
      if (made.size < KEPT) made.set(key, value);
    }
    return value;
  };
}
