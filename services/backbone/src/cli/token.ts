import { join } from 'node:path';
import { createDevKeyStore, issueToken } from '@backbone/service-kit';
import type { Config } from '../config.ts';

/** `backbone token --department <id>`: a bearer token the running instance accepts (last line). */
export async function tokenCommand(config: Config, options: { department: string; ttlHours: number }): Promise<void> {
  const keys = createDevKeyStore(config.KEYS_DIR ?? join(config.DATA_DIR, 'keys'));
  const token = await issueToken({
    department: options.department,
    keys,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ttlSeconds: Math.round(options.ttlHours * 3600),
  });
  console.error(`token for department ${options.department}, valid ${options.ttlHours} h:`);
  console.log(token);
}
