import { describe, expect, it } from 'vitest';
import { ExternalRefHash } from '@backbone/contracts';
import { hashExternalRef } from './externalRef.ts';

const KEY = 'talent-test-key';

describe('hashExternalRef', () => {
  it('is a 64-digit hex string that PersonRegistered accepts', () => {
    expect(ExternalRefHash.safeParse(hashExternalRef('51070119900101123X', KEY)).success).toBe(true);
  });
  it('gives one id one hash, whatever its spacing or case', () => {
    expect(hashExternalRef(' 51070119900101123x ', KEY)).toBe(hashExternalRef('51070119900101123X', KEY));
  });
  it('tells different ids apart', () => {
    expect(hashExternalRef('51070119900101123X', KEY)).not.toBe(hashExternalRef('510701199001011230', KEY));
  });
  it('depends on the key, so the id cannot be found by hashing guesses without it', () => {
    expect(hashExternalRef('51070119900101123X', KEY)).not.toBe(hashExternalRef('51070119900101123X', 'another-key'));
  });
});
