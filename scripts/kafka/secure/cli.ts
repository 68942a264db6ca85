// Helper of scripts/kafka-secure.sh (run with tsx): turns infra/kafka-acl/acls.json and the
// reference departments into credentials and ACLs.
//
//   cli.ts plan                                  print the plan (principals, topics, ACLs) as JSON
//   cli.ts credentials <file> <brokers> [--added] make missing passwords; print "name password" lines
//                                                (every principal, or only those just added)
//   cli.ts apply <file>                          create missing topics, sync the broker's ACLs to the plan
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { departmentIdsOf, parseAclFile } from './aclFile.ts';
import { planAcls } from './aclPlan.ts';
import type { AclPlan } from './aclPlan.ts';
import { applyAcls } from './applyAcls.ts';
import { ensureCredentials, readCredentials } from './credentials.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fromRoot = (path: string): string => (isAbsolute(path) ? path : join(root, path));
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

function loadPlan(): AclPlan {
  const file = parseAclFile(readJson(fromRoot(process.env.KAFKA_ACL_FILE ?? 'infra/kafka-acl/acls.json')));
  const departments = departmentIdsOf(readJson(fromRoot(process.env.REFERENCE_CONFIG ?? file.departmentDirectory)));
  return planAcls(file, departments);
}

async function main(argv: readonly string[]): Promise<void> {
  const [command, path, brokers] = argv;
  const plan = loadPlan();
  if (command === 'plan') {
    console.log(JSON.stringify(plan, null, 2));
    return;
  }
  if (command === 'credentials' && path && brokers) {
    const { file, added } = ensureCredentials(path, brokers.split(','), plan.principals.map((p) => p.name));
    const names = argv.includes('--added') ? added : plan.principals.map((p) => p.name);
    for (const name of names) console.log(`${name} ${file.passwords[name]}`);
    return;
  }
  if (command === 'apply' && path) {
    const credentials = readCredentials(path);
    const password = credentials?.passwords[plan.superUser];
    if (!credentials || !password) throw new Error(`${path} holds no password for the super user ${plan.superUser}`);
    const result = await applyAcls({ brokers: credentials.brokers, username: plan.superUser, password, plan });
    console.error(
      `[kafka-secure] topics created: ${result.topicsCreated.length}; ACLs created ${result.created}, deleted ${result.deleted}, kept ${result.kept}`,
    );
    return;
  }
  throw new Error('usage: cli.ts plan | credentials <file> <brokers> [--added] | apply <file>');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`[kafka-secure] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
