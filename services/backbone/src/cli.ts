// `pnpm backbone <command>`: the operator CLI of the backbone. Uses the same configuration
// (environment) as the running instance, so it finds the same data, keys and servers.
import { parseArgs } from 'node:util';
import { createLogger } from '@backbone/service-kit';
import { pino } from 'pino';
import { loadConfig } from './config.ts';
import { demoCommand } from './cli/demo.ts';
import { dlqCommand } from './cli/dlq.ts';
import { rebuildCommand } from './cli/rebuild.ts';
import { tokenCommand } from './cli/token.ts';
import { verifyAuditCommand } from './cli/verifyAudit.ts';

const USAGE = `usage: pnpm backbone <command>
  token --department <id> [--ttl-hours 12]   print a bearer token (last line) the running instance accepts
  rebuild <projection|all>                     rebuild read models beside the live ones, then switch
  dlq list <group> | dlq replay <group>        inspect or replay a consumer group's dead letters
  demo [--seed 2025]                           fill the backbone with a realistic quarter of the plan
  verify-audit                                 recompute every stream's hash chain`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    department: { type: 'string' },
    'ttl-hours': { type: 'string', default: '12' },
    seed: { type: 'string', default: '2025' },
    help: { type: 'boolean', short: 'h' },
  },
});

const config = loadConfig(process.env);
const logger = createLogger({ name: 'backbone-cli', level: process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', destination: pino.destination({ dest: 2, sync: true }) });
const [command, ...rest] = positionals;

async function main(): Promise<number> {
  switch (command) {
    case 'token':
      if (!values.department) throw new Error('token needs --department <id>');
      await tokenCommand(config, { department: values.department, ttlHours: Number(values['ttl-hours']) });
      return 0;
    case 'rebuild':
      await rebuildCommand(config, logger, rest[0] ?? 'all');
      return 0;
    case 'dlq':
      if (rest.length !== 2) throw new Error('dlq needs an action (list|replay) and a consumer group');
      await dlqCommand(config, logger, rest[0]!, rest[1]!);
      return 0;
    case 'demo':
      await demoCommand(config, logger, { seed: Number(values.seed) });
      return 0;
    case 'verify-audit':
      return (await verifyAuditCommand(config, logger)) ? 0 : 1;
    default:
      console.error(USAGE);
      return values.help ? 0 : 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
