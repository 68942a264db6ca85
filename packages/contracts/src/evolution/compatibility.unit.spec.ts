import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backwardIncompatibilities } from './compatibility.ts';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12' });
const problems = (before: z.ZodType, after: z.ZodType) => backwardIncompatibilities(schema(before), schema(after));

const v1 = z.strictObject({
  taskId: z.string().max(64),
  percent: z.number().int().min(0).max(100),
  status: z.enum(['open', 'closed']),
  note: z.string().optional(),
});

describe('backward compatibility of a published event schema', () => {
  it('accepts an identical schema and a changed description', () => {
    expect(problems(v1, v1)).toEqual([]);
    expect(problems(v1, v1.describe('progress reported'))).toEqual([]);
  });

  it('accepts a new optional field, a widened enum and relaxed bounds', () => {
    const v2 = z.strictObject({
      taskId: z.string().max(128),
      percent: z.number().int().min(0).max(1000),
      status: z.enum(['open', 'closed', 'archived']),
      note: z.string().optional(),
      reason: z.string().optional(),
    });
    expect(problems(v1, v2)).toEqual([]);
  });

  it('refuses a newly required field', () => {
    const v2 = v1.extend({ reason: z.string() });
    expect(problems(v1, v2)).toContainEqual({ path: '$.reason', problem: 'newly required' });
  });

  it('refuses removing a field from a closed object', () => {
    const v2 = v1.omit({ note: true });
    expect(problems(v1, v2)).toContainEqual({ path: '$.note', problem: 'property removed from a closed object' });
  });

  it('refuses a narrowed enum, a tightened bound and a changed type', () => {
    const v2 = z.strictObject({
      taskId: z.number(),
      percent: z.number().int().min(0).max(50),
      status: z.enum(['open']),
      note: z.string().optional(),
    });
    const found = problems(v1, v2).map((p) => `${p.path} ${p.problem}`);
    expect(found).toContain('$.taskId type string no longer accepted');
    expect(found).toContain('$.percent maximum: lowered');
    expect(found).toContain('$.status enum: lost a value');
  });

  it('lets an integer field widen to number but not the reverse', () => {
    const asInt = z.strictObject({ n: z.number().int() });
    const asNumber = z.strictObject({ n: z.number() });
    expect(problems(asInt, asNumber)).toEqual([]);
    expect(problems(asNumber, asInt)).not.toEqual([]);
  });

  it('reads an old optional field through a nullable union', () => {
    const before = z.strictObject({ due: z.string() });
    const after = z.strictObject({ due: z.string().nullable() });
    expect(problems(before, after)).toEqual([]);
    expect(problems(after, before)).not.toEqual([]);
  });
});
