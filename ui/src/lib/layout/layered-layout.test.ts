import { describe, expect, it } from 'vitest';
import { layeredLayout } from './layered-layout';

describe('layeredLayout', () => {
  it('puts the origin left and each relay one column further right', () => {
    const l = layeredLayout(['kenya', 'ani', 'aj', 'pasechnik'], [
      { from: 'pasechnik', to: 'aj' },
      { from: 'aj', to: 'ani' },
      { from: 'ani', to: 'kenya' },
    ]);
    expect(['pasechnik', 'aj', 'ani', 'kenya'].map((id) => l.at.get(id)!.layer)).toEqual([0, 1, 2, 3]);
    expect(l.at.get('pasechnik')!.x).toBeLessThan(l.at.get('aj')!.x);
    expect(l.loopEdges.size).toBe(0);
  });

  it('places a relay after the longest of its upstream paths', () => {
    const l = layeredLayout(['o', 'a', 'b'], [
      { from: 'o', to: 'a' },
      { from: 'a', to: 'b' },
      { from: 'o', to: 'b' },
    ]);
    expect(l.at.get('b')!.layer).toBe(2);
  });

  it('breaks a loop of circular reporting and reports the closing edge', () => {
    const l = layeredLayout(['a', 'b', 'c'], [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'a' },
    ]);
    expect(l.loopEdges.size).toBe(1);
    expect(l.at.size).toBe(3);
    const layers = new Set([...l.at.values()].map((p) => p.layer));
    expect(layers.size).toBe(3);
  });

  it('fans relays of one origin into one column without overlap', () => {
    const l = layeredLayout(['o', 'x', 'y', 'z'], ['x', 'y', 'z'].map((to) => ({ from: 'o', to })));
    const ys = ['x', 'y', 'z'].map((id) => l.at.get(id)!.y);
    expect(new Set(ys).size).toBe(3);
    expect(l.at.get('o')!.y).toBeCloseTo((Math.min(...ys) + Math.max(...ys)) / 2);
  });

  it('ignores edges to unknown nodes', () => {
    const l = layeredLayout(['a'], [{ from: 'a', to: 'ghost' }]);
    expect(l.at.get('a')!.layer).toBe(0);
  });

  it('lays out a 500-appearance fan-out with every relay right of its source and no overlap', () => {
    // Its speed is measured by `make bench-ui` (bench/layout.bench.ts), not here.
    const ids = Array.from({ length: 500 }, (_, i) => `n${i}`);
    // A wire story fanning out: each appearance relays one of the ten before it.
    const edges = ids.slice(1).map((id, i) => ({ from: ids[Math.max(0, i - (i % 10))], to: id }));
    const l = layeredLayout(ids, edges);
    expect(l.at.size).toBe(500);
    for (const e of edges) expect(l.at.get(e.to)!.layer).toBeGreaterThan(l.at.get(e.from)!.layer);
    const spots = new Set([...l.at.values()].map((p) => `${p.x},${p.y}`));
    expect(spots.size).toBe(500);
  });
});
