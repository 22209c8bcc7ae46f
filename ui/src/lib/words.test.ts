import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, describeHop, hopRole, plural, reach, short, when } from './words';

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
  it('names a node by actor, kind and role, saying nothing for a plain relay', () => {
    expect(describeHop({ actor: 'Reuters', actor_kind: 'agency', role: 'origin' })).toBe('Reuters, agency, origin');
    expect(describeHop({ actor: 'ANI', actor_kind: 'agency', role: 'relay' })).toBe('ANI, agency');
    expect(hopRole('dead_end')).toBe('dead end');
  });
  it('offers every export format once, ClaimReview first', () => {
    const names = EXPORT_FORMATS.map(([f]) => f);
    expect(names[0]).toBe('claimreview');
    expect(new Set(names).size).toBe(10);
  });
  it('shortens a label with an ellipsis and leaves a short one alone', () => {
    expect(short('Al Jazeera English', 10)).toBe('Al Jazeer…');
    expect(short('ANI', 10)).toBe('ANI');
    expect(short(null, 10)).toBe('');
  });
});
