import { describe, expect, it } from 'vitest';
import { NOTHING_PICKED, pick, type Picked } from './selection';

const order = ['a', 'b', 'c', 'd', 'e'];

describe('picking claims in the list', () => {
  it('picks and drops one claim per click', () => {
    const one = pick(NOTHING_PICKED, order, 'b', false);
    expect(one.ids).toEqual(['b']);
    expect(pick(one, order, 'b', false).ids).toEqual([]);
  });

  it('picks the whole span with Shift, in either direction, keeping what was picked', () => {
    let p = pick(NOTHING_PICKED, order, 'a', false);
    p = pick(p, order, 'd', false);
    p = pick(p, order, 'b', true);
    expect([...p.ids].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('drops the span with Shift when the last click dropped a claim', () => {
    let p: Picked = { ids: ['a', 'b', 'c', 'd'], anchor: null };
    p = pick(p, order, 'd', false);
    p = pick(p, order, 'b', true);
    expect(p.ids).toEqual(['a']);
  });

  it('treats Shift without an earlier click as a plain click', () => {
    expect(pick(NOTHING_PICKED, order, 'c', true).ids).toEqual(['c']);
  });
});
