import { describe, expect, it } from 'vitest';
import { Scope } from './scope.js';

describe('Scope', () => {
  it('runs every disposer once, newest first, even when one throws', () => {
    const scope = new Scope();
    const calls: string[] = [];
    scope.add(() => calls.push('a'));
    scope.add(() => {
      calls.push('b');
      throw new Error('b failed');
    });
    scope.add(() => calls.push('c'));
    expect(() => scope.dispose()).toThrow('b failed');
    expect(calls).toEqual(['c', 'b', 'a']);
    scope.dispose();
    expect(calls).toEqual(['c', 'b', 'a']);
  });

  it('runs a disposer added after disposal at once', () => {
    const scope = new Scope();
    scope.dispose();
    let ran = false;
    scope.add(() => (ran = true));
    expect(ran).toBe(true);
    expect(scope.isDisposed).toBe(true);
  });
});
