// A pool's stream holds every award of the pool, and it is folded on every command (including
// the retries of concurrent awards). Copying a Map per event would make that fold quadratic in
// copies, so grants and calls live in an immutable linked list where setting is O(1): a newer
// entry shadows the older entry with the same key, and readers skip shadowed entries.

interface Entry<V> {
  readonly key: string;
  readonly value: V;
  readonly next: Entry<V> | undefined;
}

/** An immutable string-keyed map; every operation returns a new map and leaves the old one intact. */
export interface PersistentMap<V> {
  readonly head: Entry<V> | undefined;
  /** The number of distinct keys. */
  readonly size: number;
}

/** The map with no entries. */
export function emptyMap<V>(): PersistentMap<V> {
  return { head: undefined, size: 0 };
}

/** The current value of a key. */
export function getEntry<V>(map: PersistentMap<V>, key: string): V | undefined {
  for (let entry = map.head; entry !== undefined; entry = entry.next) {
    if (entry.key === key) return entry.value;
  }
  return undefined;
}

/** A map in which the key has the value. */
export function setEntry<V>(map: PersistentMap<V>, key: string, value: V): PersistentMap<V> {
  const isNew = getEntry(map, key) === undefined;
  return { head: { key, value, next: map.head }, size: map.size + (isNew ? 1 : 0) };
}

/** The current values, in the order their keys were first set. */
export function valuesOf<V>(map: PersistentMap<V>): V[] {
  // Walking from the newest entry, a key's first entry holds its value and its last one its age.
  const found = new Map<string, { value: V; age: number }>();
  let age = 0;
  for (let entry = map.head; entry !== undefined; entry = entry.next, age += 1) {
    const known = found.get(entry.key);
    if (known) known.age = age;
    else found.set(entry.key, { value: entry.value, age });
  }
  return [...found.values()].sort((a, b) => b.age - a.age).map((item) => item.value);
}

/** The first current value (newest key first) that matches. */
export function findValue<V>(map: PersistentMap<V>, matches: (value: V) => boolean): V | undefined {
  const seen = new Set<string>();
  for (let entry = map.head; entry !== undefined; entry = entry.next) {
    if (seen.has(entry.key)) continue;
    seen.add(entry.key);
    if (matches(entry.value)) return entry.value;
  }
  return undefined;
}
