import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReferenceConfig, seedDirectoryCommand } from './config.ts';
import { directoryDecider } from './directoryDecider.ts';
import { listDepartments, listFields } from './state.ts';

// The shipped config/reference.json: the plan's named departments and fields, the rest placeholders.
const text = readFileSync(new URL('../../../../config/reference.json', import.meta.url), 'utf8');

describe('config/reference.json', () => {
  const config = parseReferenceConfig(text);
  const events = directoryDecider.decide(seedDirectoryCommand(config), directoryDecider.initialState());
  const state = events.reduce(directoryDecider.evolve, directoryDecider.initialState());

  it('names eleven departments, the Social Work Department coordinating, eight of them placeholders', () => {
    const departments = listDepartments(state);
    expect(departments).toHaveLength(11);
    expect(departments.filter((d) => d.coordinating).map((d) => d.id)).toEqual(['social-work']);
    expect(departments.filter((d) => !d.placeholder).map((d) => d.id)).toEqual(['social-work', 'science-technology', 'civil-affairs']);
  });
  it('names ten key fields, seven of them placeholders', () => {
    const fields = listFields(state);
    expect(fields).toHaveLength(10);
    expect(fields.filter((f) => !f.placeholder).map((f) => f.id)).toEqual([
      'new-employment-groups',
      'micro-economy-joint-services',
      'technology-development-support',
    ]);
    expect(fields.filter((f) => f.placeholder).every((f) => f.name.includes('(placeholder)'))).toBe(true);
  });
});
