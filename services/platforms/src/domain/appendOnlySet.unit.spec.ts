import { describe, expect, it } from 'vitest';
import { emptyAppendOnlySet } from './appendOnlySet.ts';

describe('AppendOnlySet', () => {
  it('grows along one line of states, each state keeping what it had', () => {
    const a = emptyAppendOnlySet().add('s1');
    const b = a.add('s2');
    const c = b.add('s3');
    expect([a.size, b.size, c.size]).toEqual([1, 2, 3]);
    expect(a.has('s2')).toBe(false);
    expect(b.has('s2')).toBe(true);
    expect(c.values()).toEqual(['s1', 's2', 's3']);
  });

  it('adding an id it has returns the same set', () => {
    const a = emptyAppendOnlySet().add('s1');
    expect(a.add('s1')).toBe(a);
  });

  it('a branch from an older state never sees the other branch, nor shows it its own', () => {
    const base = emptyAppendOnlySet().add('s1');
    const left = base.add('left');
    const right = base.add('right');
    expect(left.has('right')).toBe(false);
    expect(right.has('left')).toBe(false);
    expect(right.values()).toEqual(['s1', 'right']);
    expect(left.add('more').values()).toEqual(['s1', 'left', 'more']);
    expect(right.values()).toEqual(['s1', 'right']);
    expect(base.values()).toEqual(['s1']);
  });
});
