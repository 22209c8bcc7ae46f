import { describe, expect, it } from 'vitest';
import { visibleRows, wantsNextPage } from './visible-rows';

describe('visibleRows', () => {
  it('renders only the rows on screen plus a margin', () => {
    const w = visibleRows(68 * 1000, 680, 68, 100_000, 5);
    expect(w.start).toBe(995);
    expect(w.end).toBe(1000 + 11 + 5);
  });
  it('clamps at both ends', () => {
    expect(visibleRows(0, 680, 68, 3)).toEqual({ start: 0, end: 3 });
    expect(visibleRows(-50, 680, 68, 0)).toEqual({ start: 0, end: 0 });
    const last = visibleRows(68 * 99, 680, 68, 100, 2);
    expect(last.end).toBe(100);
  });
});

describe('wantsNextPage', () => {
  it('asks for more as the window nears the loaded end', () => {
    expect(wantsNextPage({ start: 150, end: 170 }, 200, false)).toBe(true);
    expect(wantsNextPage({ start: 0, end: 20 }, 200, false)).toBe(false);
    expect(wantsNextPage({ start: 150, end: 170 }, 200, true)).toBe(false);
  });
});
