import { describe, expect, it } from 'vitest';
import { plural, reach, when } from './words';

describe('words', () => {
  it('counts outlets and independent origins separately', () => {
    expect(reach(4, 1)).toBe('4 outlets / 1 independent origin');
    expect(reach(1, 0)).toBe('1 outlet / 0 independent origins');
  });
  it('pluralises', () => {
    expect(plural(2, 'claim')).toBe('2 claims');
    expect(plural(1, 'claim')).toBe('1 claim');
  });
  it('keeps a bare date and unknown text as they are', () => {
    expect(when('2025-07-03')).toBe('2025-07-03');
    expect(when('on Friday')).toBe('on Friday');
    expect(when(null)).toBe('');
  });
});
