// The Kafka adapter of the ACL plan: creates the planned topics and makes the broker's ACLs
// equal to the plan (missing entries created, entries the plan no longer holds deleted).
import kafkajs from 'kafkajs';
import type { Admin, AclEntry as KafkaAclEntry, AclFilter } from 'kafkajs';
import { aclKey } from './aclPlan.ts';
import type { AclEntry, AclOperation, AclPattern, AclPlan, AclResource } from './aclPlan.ts';

// kafkajs is CommonJS: its enums are only reachable through the default export under ESM.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, ResourcePatternTypes, logLevel } = kafkajs;

const RESOURCE: Record<AclResource, kafkajs.AclResourceTypes> = { TOPIC: AclResourceTypes.TOPIC, GROUP: AclResourceTypes.GROUP };
const PATTERN: Record<AclPattern, kafkajs.ResourcePatternTypes> = {
  LITERAL: ResourcePatternTypes.LITERAL,
  PREFIXED: ResourcePatternTypes.PREFIXED,
};
const OPERATION: Record<AclOperation, kafkajs.AclOperationTypes> = {
  READ: AclOperationTypes.READ,
  WRITE: AclOperationTypes.WRITE,
  DESCRIBE: AclOperationTypes.DESCRIBE,
  CREATE: AclOperationTypes.CREATE,
};

const nameOf = <K extends string, V>(table: Record<K, V>, value: V): K | undefined =>
  (Object.keys(table) as K[]).find((key) => table[key] === value);

const toKafka = (entry: AclEntry): KafkaAclEntry => ({
  principal: `User:${entry.principal}`,
  host: '*',
  resourceType: RESOURCE[entry.resourceType],
  resourceName: entry.resourceName,
  resourcePatternType: PATTERN[entry.patternType],
  operation: OPERATION[entry.operation],
  permissionType: AclPermissionTypes.ALLOW,
});

/** A broker entry in the plan's terms, or undefined when the plan could never contain it. */
function fromKafka(entry: KafkaAclEntry): AclEntry | undefined {
  const resourceType = nameOf(RESOURCE, entry.resourceType);
  const patternType = nameOf(PATTERN, entry.resourcePatternType);
  const operation = nameOf(OPERATION, entry.operation);
  const plannable = entry.permissionType === AclPermissionTypes.ALLOW && entry.host === '*' && entry.principal.startsWith('User:');
  if (!resourceType || !patternType || !operation || !plannable) return undefined;
  return { principal: entry.principal.slice('User:'.length), resourceType, patternType, resourceName: entry.resourceName, operation };
}

async function currentAcls(admin: Admin): Promise<KafkaAclEntry[]> {
  const everything: AclFilter = {
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  };
  const response = await admin.describeAcls(everything);
  return response.resources.flatMap(({ acls, ...resource }) => acls.map((acl) => ({ ...resource, ...acl })));
}

/**
 * The controller commits ACL changes before the broker's authorizer has replayed them from the
 * metadata log; DescribeAcls answers from that authorizer, so equality there means enforced.
 */
async function untilBrokerEnforces(admin: Admin, planned: ReadonlyMap<string, AclEntry>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const keys = new Set((await currentAcls(admin)).flatMap((entry) => {
      const known = fromKafka(entry);
      return known ? [aclKey(known)] : ['unplanned'];
    }));
    if (keys.size === planned.size && [...planned.keys()].every((key) => keys.has(key))) return;
    if (Date.now() > deadline) throw new Error(`the broker did not enforce the planned ACLs within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A fresh broker creates and loads its offsets topic on the first group request; until then
 * consumers see COORDINATOR_LOAD_IN_PROGRESS. Ready means a group lookup answers.
 */
async function untilGroupsServed(admin: Admin, topic: string | undefined, timeoutMs: number): Promise<void> {
  if (topic === undefined) return;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await admin.fetchOffsets({ groupId: 'backbone-kafka-secure.readiness', topics: [topic] });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export interface ApplyAclsOptions {
  readonly brokers: readonly string[];
  /** The super user's SCRAM credentials. */
  readonly username: string;
  readonly password: string;
  readonly plan: AclPlan;
  readonly partitions?: number;
  /** How long to wait for the broker's authorizer to hold the plan (default 20 s). */
  readonly settleTimeoutMs?: number;
}

export interface ApplyAclsResult {
  readonly topicsCreated: readonly string[];
  readonly created: number;
  readonly deleted: number;
  readonly kept: number;
}

/** Creates the plan's missing topics, then syncs the broker's ACLs to the plan. */
export async function applyAcls(options: ApplyAclsOptions): Promise<ApplyAclsResult> {
  const kafka = new Kafka({
    clientId: 'backbone-kafka-secure',
    brokers: [...options.brokers],
    sasl: { mechanism: 'scram-sha-512', username: options.username, password: options.password },
    logLevel: logLevel.NOTHING,
    retry: { retries: 5 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = options.plan.topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: options.partitions ?? 3, replicationFactor: 1 })),
      });
    }

    const planned = new Map(options.plan.acls.map((entry) => [aclKey(entry), entry]));
    const onBroker = await currentAcls(admin);
    const stale = onBroker.filter((entry) => {
      const known = fromKafka(entry);
      return known === undefined || !planned.has(aclKey(known));
    });
    const present = new Set(onBroker.flatMap((entry) => {
      const known = fromKafka(entry);
      return known ? [aclKey(known)] : [];
    }));
    const toCreate = [...planned.entries()].filter(([key]) => !present.has(key)).map(([, entry]) => toKafka(entry));

    if (stale.length > 0) {
      await admin.deleteAcls({ filters: stale });
    }
    if (toCreate.length > 0) await admin.createAcls({ acl: toCreate });
    await untilBrokerEnforces(admin, planned, options.settleTimeoutMs ?? 20_000);
    await untilGroupsServed(admin, options.plan.topics[0], options.settleTimeoutMs ?? 20_000);
    return { topicsCreated: missing, created: toCreate.length, deleted: stale.length, kept: planned.size - toCreate.length };
  } finally {
    await admin.disconnect();
  }
}
