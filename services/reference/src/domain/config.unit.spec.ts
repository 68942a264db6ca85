import { describe, expect, it } from 'vitest';
import { BackboneError } from '@backbone/contracts';
import { parseReferenceConfig, seedDirectoryCommand } from './config.ts';

const config = {
  departments: [
    { id: 'social-work', name: 'Social Work Department', coordinating: true },
    { id: 'civil-affairs', name: 'Civil Affairs Bureau', nameZh: '市民政局' },
  ],
  fields: [{ id: 'new-employment-groups', name: 'New employment groups' }],
};

function problemsOf(input: unknown): { rule?: string; issues: readonly { path: string; message: string }[] } {
  try {
    parseReferenceConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(BackboneError);
    const backboneError = error as BackboneError;
    expect(backboneError.code).toBe('invalid_input');
    return { rule: backboneError.rule, issues: backboneError.issues ?? [] };
  }
  return expect.unreachable('the config was accepted');
}

describe('parseReferenceConfig', () => {
  it('parses a config object or its JSON text, defaulting coordinating and placeholder to false', () => {
    const expected = {
      departments: [
        { id: 'social-work', name: 'Social Work Department', coordinating: true, placeholder: false },
        { id: 'civil-affairs', name: 'Civil Affairs Bureau', nameZh: '市民政局', coordinating: false, placeholder: false },
      ],
      fields: [{ id: 'new-employment-groups', name: 'New employment groups', placeholder: false }],
    };
    expect(parseReferenceConfig(config)).toEqual(expected);
    expect(parseReferenceConfig(JSON.stringify(config))).toEqual(expected);
  });
  it('turns into the seeding command of the system', () => {
    const parsed = parseReferenceConfig(config);
    expect(seedDirectoryCommand(parsed)).toEqual({ type: 'seedDirectory', actor: 'system', data: parsed });
  });
  it('refuses text that is not JSON (config-is-json)', () => {
    expect(problemsOf('{ departments: ').rule).toBe('config-is-json');
  });
  it('lists every problem with its path and rule', () => {
    const { rule, issues } = problemsOf({
      departments: [
        { id: 'social-work', name: 'Social Work Department', coordinating: true },
        { id: 'Civil Affairs', name: 'Civil Affairs Bureau', coordinating: true },
        { id: 'social-work', name: 'again' },
      ],
      fields: [{ id: 'field-1', name: 'x' }],
    });
    expect(rule).toBe('reference-config-valid');
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'departments.1.id', message: expect.stringContaining('id-must-be-kebab-case') }),
        expect.objectContaining({ path: 'departments.2.id', message: expect.stringContaining('ids-must-be-unique') }),
        expect.objectContaining({ path: 'departments', message: expect.stringContaining('exactly-one-coordinating-department') }),
      ]),
    );
  });
  it('refuses unknown keys, missing lists and blank names', () => {
    expect(problemsOf({ ...config, colour: 'red' }).issues.length).toBeGreaterThan(0);
    expect(problemsOf({ departments: config.departments }).issues[0]?.path).toBe('fields');
    expect(problemsOf({ ...config, fields: [{ id: 'f', name: '' }] }).issues[0]?.path).toBe('fields.0.name');
  });
});
