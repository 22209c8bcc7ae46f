// Layout speed of the chain view and the case map, beside ELK's layered
// layout (elkjs) on the same graphs as the baseline. Printed as numbers and
// ratios; nothing here asserts a time. Run by `make bench-ui`.
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { layeredLayout, type LayoutEdge } from '../src/lib/layout/layered-layout';

interface Graph {
  nodes: string[];
  edges: LayoutEdge[];
}

// A deterministic generator, so every run lays out the same graphs.
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** One claim's chain: a few origins, wire copy fanning out, some outlets citing several upstreams, a loop or two. */
function claimChain(size: number, seed: number, prefix = ''): Graph {
  const r = random(seed);
  const nodes = Array.from({ length: size }, (_, i) => `${prefix}${i}`);
  const edges: LayoutEdge[] = [];
  const origins = Math.max(1, Math.round(size / 100));
  for (let i = origins; i < size; i++) {
    const upstreams = r() < 0.2 ? 2 : 1;
    for (let k = 0; k < upstreams; k++) {
      const from = Math.floor(r() * i);
      if (!edges.some((e) => e.from === nodes[from] && e.to === nodes[i])) edges.push({ from: nodes[from], to: nodes[i] });
    }
  }
  for (let k = 0; k < Math.max(1, size / 250); k++) {
    const a = Math.floor(r() * size);
    const b = Math.floor(r() * a);
    if (a !== b) edges.push({ from: nodes[a], to: nodes[b] });
  }
  return { nodes, edges };
}

/** A case: many claims' chains side by side, 3 to 30 appearances each. */
function caseGraph(total: number, seed: number): Graph {
  const r = random(seed);
  const g: Graph = { nodes: [], edges: [] };
  for (let c = 0; g.nodes.length < total; c++) {
    const size = Math.min(total - g.nodes.length, 3 + Math.floor(r() * 28));
    const chain = claimChain(size, seed + c, `c${c}-`);
    g.nodes.push(...chain.nodes);
    g.edges.push(...chain.edges);
  }
  return g;
}

function timeIt(runs: number, f: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

async function elkMs(g: Graph): Promise<number> {
  const elk = new ELK();
  const t = performance.now();
  await elk.layout({
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT' },
    children: g.nodes.map((id) => ({ id, width: 180, height: 72 })),
    edges: g.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
  });
  return performance.now() - t;
}

const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;

describe('layout speed', () => {
  it('lays out a 500-appearance chain and a 3,000-appearance case', async () => {
    const rows: string[] = [];
    for (const [name, g, target, withElk] of [
      ['claim chain, 500 appearances', claimChain(500, 7), '[target <= 200 ms]', true],
      ['case, 1,000 appearances', caseGraph(1000, 11), '', true],
      ['case, 3,000 appearances', caseGraph(3000, 13), '[target <= 3000 ms, off the UI thread]', false],
    ] as const) {
      const ours = timeIt(9, () => layeredLayout(g.nodes, g.edges));
      const layout = layeredLayout(g.nodes, g.edges);
      expect(layout.at.size).toBe(g.nodes.length);
      // What the window's thread pays when the layout runs in the worker: the result's copy.
      const clone = timeIt(9, () => structuredClone(layout));
      let line = `${name.padEnd(32)} ours ${fmt(ours)}   copy to the UI thread ${fmt(clone)}`;
      if (withElk) {
        const elk = await elkMs(g);
        line += `   ELK layered ${fmt(elk)}   ${(elk / ours).toFixed(0)}x faster`;
      }
      rows.push(`${line}   ${target}`);
    }
    console.log(['layout (median of 9; ELK once):', ...rows].join('\n'));
  });
});
