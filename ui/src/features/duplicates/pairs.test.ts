import { describe, expect, it } from 'vitest';
import type { DuplicatePair } from '../../lib/ipc/bindings';
import { afterDecision, claimCounts, evidence, mergePlan, pairKey } from './pairs';

const pair = (a: string, b: string, claims = { a: 2, b: 1 }): DuplicatePair => ({
  a: { id: a, name: a.toUpperCase() },
  b: { id: b, name: b.toUpperCase() },
  reason: 'transliteration',
  score: 0.875,
  claims,
});

describe('possible duplicate pairs', () => {
  it('keeps the actor listed first unless swapped', () => {
    const p = pair('pasechnik', 'pasechnick');
    expect(mergePlan(p, false)).toEqual({ keep: p.a, drop: p.b });
    expect(mergePlan(p, true)).toEqual({ keep: p.b, drop: p.a });
  });

  it('states the reason, the score and the claims of each side in the order shown', () => {
    const p = pair('pasechnik', 'pasechnick');
    expect(evidence(p)).toBe('another spelling of the same name · score 0.88');
    expect(claimCounts(p, false)).toEqual(['2 claims', '1 claim']);
    expect(claimCounts(p, true)).toEqual(['1 claim', '2 claims']);
  });

  it('names a pair the same whichever way round', () => {
    expect(pairKey(pair('x', 'y'))).toBe(pairKey(pair('y', 'x')));
    expect(pairKey(pair('x', 'y'))).not.toBe(pairKey(pair('x', 'z')));
  });

  it('drops the decided pair, and after a merge every pair naming the dropped actor', () => {
    const decided = pair('x', 'y');
    const list = [decided, pair('y', 'z'), pair('w', 'x'), pair('v', 'w')];
    expect(afterDecision(list, decided).map(pairKey)).toEqual([list[1], list[2], list[3]].map(pairKey));
    expect(afterDecision(list, decided, decided.b).map(pairKey)).toEqual([list[2], list[3]].map(pairKey));
  });
});
