import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The SCRAM mechanism of every principal of the secured broker. */
export const SCRAM_MECHANISM = 'SCRAM-SHA-512';

/** The secured broker's credentials file: one SCRAM password per principal (mode 0600). */
export interface CredentialsFile {
  readonly brokers: readonly string[];
  readonly mechanism: typeof SCRAM_MECHANISM;
  readonly passwords: Readonly<Record<string, string>>;
}

// Hex only: it needs no escaping in the `name=…,password=…` SCRAM syntax or a JAAS line.
const newPassword = (): string => randomBytes(24).toString('hex');

/** Reads the credentials file, or undefined when there is none yet. */
export function readCredentials(path: string): CredentialsFile | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CredentialsFile>;
  if (!Array.isArray(parsed.brokers) || typeof parsed.passwords !== 'object' || parsed.passwords === null) {
    throw new Error(`${path} is not a credentials file of the secured broker`);
  }
  return { brokers: parsed.brokers, mechanism: SCRAM_MECHANISM, passwords: parsed.passwords };
}

/**
 * Keeps each existing password and makes one for every principal that has none.
 * Returns the file and the principals that were added.
 */
export function ensureCredentials(path: string, brokers: readonly string[], principals: readonly string[]): { file: CredentialsFile; added: string[] } {
  const existing = readCredentials(path);
  const passwords: Record<string, string> = { ...existing?.passwords };
  const added = principals.filter((name) => passwords[name] === undefined);
  for (const name of added) passwords[name] = newPassword();
  const file: CredentialsFile = { brokers, mechanism: SCRAM_MECHANISM, passwords };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
  chmodSync(path, 0o600);
  return { file, added };
}

/** The `--add-scram` / `--add-config` value that sets a principal's password. */
export function scramSpec(name: string, password: string, withName: boolean): string {
  return withName ? `${SCRAM_MECHANISM}=[name=${name},password=${password}]` : `${SCRAM_MECHANISM}=[password=${password}]`;
}
