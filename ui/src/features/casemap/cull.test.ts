import { describe, expect, it } from 'vitest';
import { layeredLayout } from '../../lib/layout/layered-layout';
import { edgesInView, inView } from './cull';

const SPACING = { nodeWidth: 100, nodeHeight: 40, columnGap: 50, rowGap: 10 };

// 300 separate chains of 10 appearances: 3,000 nodes in ten columns.
function cases() {
  const nodes: string[] = [];
  const edges: { from: string; to: string }[] = [];
  for (let c = 0; c < 300; c++) {
    for (let i = 0; i < 10; i++) {
      nodes.push(`${c}-${i}`);
      if (i > 0) edges.push({ from: `${c}-${i - 1}`, to: `${c}-${i}` });
    }
  }
  return { nodes, edges };
}

describe('drawing only what is on screen', () => {
  const { nodes, edges } = cases();
  const layout = layeredLayout(nodes, edges, SPACING);
  const box = { width: 100, height: 40, margin: 0 };

  it('keeps the nodes inside the viewport and drops the rest', () => {
    const shown = inView(layout, { left: 0, top: 0, width: 320, height: 200 }, box);
    // Columns 0..2 (x = 0, 150, 300) and rows 0..4 (y = 0 … 200).
    for (const id of shown) {
      const p = layout.at.get(id)!;
      expect(p.x).toBeLessThanOrEqual(320);
      expect(p.y).toBeLessThanOrEqual(200);
    }
    expect(shown.size).toBe(3 * 5);
    expect(shown.size).toBeLessThan(nodes.length / 100);
  });

  it('includes a node that only partly overlaps the viewport', () => {
    // The first node spans x 0–100 and y 0–40; the viewport shows only its lower right corner.
    const shown = [...inView(layout, { left: 90, top: 30, width: 5, height: 5 }, box)].map((id) => layout.at.get(id)!);
    expect(shown.some((p) => p.x === 0 && p.y === 0)).toBe(true);
    expect(shown.every((p) => p.x === 0 && p.y === 0)).toBe(true);
  });

  it('widens by the margin', () => {
    const tight = inView(layout, { left: 0, top: 0, width: 320, height: 200 }, box);
    const wide = inView(layout, { left: 0, top: 0, width: 320, height: 200 }, { ...box, margin: 200 });
    expect(wide.size).toBeGreaterThan(tight.size);
    for (const id of tight) expect(wide.has(id)).toBe(true);
  });

  it('keeps an edge when either end is on screen', () => {
    const shown = new Set(['0-0', '0-1']);
    const kept = edgesInView(edges, shown);
    expect(kept).toEqual([
      { from: '0-0', to: '0-1' },
      { from: '0-1', to: '0-2' },
    ]);
  });
});
