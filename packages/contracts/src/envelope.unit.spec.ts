import { describe, expect, it } from 'vitest';
import { parseEventType } from './envelope.ts';

describe('parseEventType', () => {
  it('splits a type into context, name and version', () => {
    expect(parseEventType('gov.backbone.tasks.TaskCreated.v1')).toEqual({ context: 'tasks', name: 'TaskCreated', version: 1 });
    expect(parseEventType('gov.backbone.funds.FundPooled.v12')).toEqual({ context: 'funds', name: 'FundPooled', version: 12 });
  });

  it('refuses names that break the pattern, every time they are asked', () => {
    for (let i = 0; i < 2; i++) {
      expect(parseEventType('gov.backbone.tasks.TaskCreated')).toBeUndefined();
      expect(parseEventType('gov.backbone.Tasks.TaskCreated.v1')).toBeUndefined();
      expect(parseEventType('gov.backbone.tasks.TaskCreated.v0')).toBeUndefined();
    }
  });

  it('shares the parts of a type between callers, frozen so that none can change them for the others', () => {
    const first = parseEventType('gov.backbone.tasks.TaskAssigned.v1')!;
    expect(parseEventType('gov.backbone.tasks.TaskAssigned.v1')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('still parses right once more types were asked for than it keeps', () => {
    for (let i = 0; i < 1_500; i++) expect(parseEventType(`gov.backbone.tasks.Event${i}.v1`)?.name).toBe(`Event${i}`);
    expect(parseEventType('gov.backbone.talent.TalentSelected.v3')).toEqual({ context: 'talent', name: 'TalentSelected', version: 3 });
  });
});
