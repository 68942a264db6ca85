// `pnpm --filter @backbone/adapter-webhook replay [group]` / `dead-letters [group]`: list or replay
// a webhook adapter's dead letters on the bus its environment names (KAFKA_BROKERS, or
// BACKBONE_DATA_DIR / BUS_PATH for the embedded backbone). The group defaults to
// `adapter.<DEPARTMENT>.webhook`. `pnpm backbone dlq list|replay <group>` does the same.
import { AdapterBusEnv, adapterGroup, busConfigOf, openDeadLetters } from '@backbone/adapter-sdk';
import { DepartmentId } from '@backbone/contracts';

// `pnpm --filter` runs scripts in the package directory; relative paths are meant from where the user typed.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const [action, groupArgument] = process.argv.slice(2);
const env = AdapterBusEnv.extend({ DEPARTMENT: DepartmentId.optional() }).parse(process.env);
const group = groupArgument ?? (env.DEPARTMENT ? adapterGroup(env.DEPARTMENT, 'webhook') : undefined);

async function main(): Promise<number> {
  if ((action !== 'list' && action !== 'replay') || !group) {
    console.error('usage: deadLetters.ts list|replay <group>   (or set DEPARTMENT for adapter.<DEPARTMENT>.webhook)');
    return 2;
  }
  const tool = openDeadLetters(busConfigOf(env));
  try {
    if (action === 'list') {
      const letters = await tool.list(group);
      for (const letter of letters) console.log(JSON.stringify({ ...letter, record: { ...letter.record, value: undefined } }));
      console.error(`${letters.length} dead letter(s) in ${group}.dlq (${letters.filter((l) => !l.replayed).length} not replayed)`);
    } else {
      const { replayed } = await tool.replay(group);
      console.log(`replayed ${replayed} dead letter(s) of ${group} to their original topics`);
    }
    return 0;
  } finally {
    await tool.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
