/** A topic-partition a group member may own. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

interface Member {
  readonly id: number;
  readonly topics: readonly string[];
}

/**
 * The in-process coordinator of the embedded bus: members of one group share the partitions
 * of their topics (round robin in join order), re-balanced whenever a member joins or leaves.
 * A partition is handed over only once its previous owner finished the record in hand.
 */
export interface GroupMembership {
  join(group: string, topics: readonly string[]): number;
  leave(group: string, memberId: number): void;
  assignment(group: string, memberId: number, partitionsOf: (topic: string) => number): TopicPartition[];
  /** Marks the partition busy for this member; false when another member still works on it. */
  acquire(group: string, memberId: number, tp: TopicPartition): boolean;
  release(group: string, tp: TopicPartition): void;
  owns(group: string, memberId: number, tp: TopicPartition, partitionsOf: (topic: string) => number): boolean;
}

/** A fresh coordinator (one per embedded bus). */
export function createGroupMembership(): GroupMembership {
  const groups = new Map<string, Member[]>();
  const busy = new Map<string, number>();
  let nextId = 1;
  const busyKey = (group: string, tp: TopicPartition) => `${group}\u0000${tp.topic}\u0000${tp.partition}`;

  function assignment(group: string, memberId: number, partitionsOf: (topic: string) => number): TopicPartition[] {
    const members = groups.get(group) ?? [];
    const topics = [...new Set(members.flatMap((m) => m.topics))].sort();
    const mine: TopicPartition[] = [];
    let turn = 0;
    for (const topic of topics) {
      const eligible = members.filter((m) => m.topics.includes(topic));
      for (let partition = 0; partition < partitionsOf(topic); partition++) {
        const owner = eligible[turn++ % eligible.length];
        if (owner?.id === memberId) mine.push({ topic, partition });
      }
    }
    return mine;
  }

  return {
    join(group, topics) {
      const id = nextId++;
      groups.set(group, [...(groups.get(group) ?? []), { id, topics: [...topics] }]);
      return id;
    },
    leave(group, memberId) {
      const rest = (groups.get(group) ?? []).filter((m) => m.id !== memberId);
      if (rest.length === 0) groups.delete(group);
      else groups.set(group, rest);
      for (const [key, holder] of busy) if (holder === memberId) busy.delete(key);
    },
    assignment,
    acquire(group, memberId, tp) {
      const holder = busy.get(busyKey(group, tp));
      if (holder !== undefined && holder !== memberId) return false;
      busy.set(busyKey(group, tp), memberId);
      return true;
    },
    release(group, tp) {
      busy.delete(busyKey(group, tp));
    },
    owns: (group, memberId, tp, partitionsOf) =>
      assignment(group, memberId, partitionsOf).some((mine) => mine.topic === tp.topic && mine.partition === tp.partition),
  };
}
