import { describe, expect, it } from 'vitest';
import { demos, findDemo } from './registry.js';

describe('demo registry', () => {
  it('names every demo once', () => {
    const names = demos.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('rejects an unknown demo with the list of known ones', () => {
    expect(() => findDemo('nope')).toThrow(/unknown demo "nope"; known demos:/);
  });
});
