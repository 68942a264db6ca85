import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEV_KEY_FILE, loadTalentEnv, PERSONAL_DATA_FILE, resolveTalentConfig } from './talentEnv.ts';

const dirs: string[] = [];
const newDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'talent-env-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('talent environment', () => {
  it('takes the key and the personal-data path from the environment', () => {
    const env = loadTalentEnv({ TALENT_EXTERNAL_REF_KEY: 'k'.repeat(32), TALENT_PERSONAL_DATA_PATH: '/srv/talent/people.db' });
    expect(resolveTalentConfig(env, { dataDir: '/unused' })).toEqual({
      externalRefKey: 'k'.repeat(32),
      externalRefKeySource: 'env',
      personalDataPath: '/srv/talent/people.db',
    });
  });

  it('refuses a key shorter than 32 characters, naming the variable but not its value', () => {
    expect(() => loadTalentEnv({ TALENT_EXTERNAL_REF_KEY: 'short-secret' })).toThrow(/TALENT_EXTERNAL_REF_KEY/);
    expect(() => loadTalentEnv({ TALENT_EXTERNAL_REF_KEY: 'short-secret' })).not.toThrow(/short-secret/);
  });

  it('without a key, makes a development key once under DATA_DIR (mode 0600) and keeps using it', () => {
    const dataDir = join(newDir(), 'data');
    const first = resolveTalentConfig(loadTalentEnv({}), { dataDir });
    expect(first.externalRefKey).toMatch(/^[0-9a-f]{64}$/);
    expect(first.externalRefKeySource).toBe(join(dataDir, DEV_KEY_FILE));
    expect(first.personalDataPath).toBe(join(dataDir, PERSONAL_DATA_FILE));
    expect(statSync(join(dataDir, DEV_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(resolveTalentConfig(loadTalentEnv({}), { dataDir }).externalRefKey).toBe(first.externalRefKey);
  });

  it('refuses a development key file that holds no usable key', () => {
    const dataDir = newDir();
    writeFileSync(join(dataDir, DEV_KEY_FILE), 'too-short\n');
    expect(() => resolveTalentConfig(loadTalentEnv({}), { dataDir })).toThrow(/no usable key/);
    expect(readFileSync(join(dataDir, DEV_KEY_FILE), 'utf8')).toBe('too-short\n');
  });
});
