// The layered layout, computed in a web worker: the window's thread only
// posts the graph and receives the positions. Where no worker can run (unit
// tests under Node), the layout runs in place.
import { layeredLayout, type Layout, type LayoutEdge, type Spacing } from './layered-layout';
import type { LayoutJob } from './layout.worker';

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (l: Layout) => void; reject: (e: Error) => void }>();

function theWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; layout: Layout }>) => {
      waiting.get(e.data.id)?.resolve(e.data.layout);
      waiting.delete(e.data.id);
    };
    worker.onerror = (e) => {
      for (const w of waiting.values()) w.reject(new Error(`the layout failed: ${e.message}`));
      waiting.clear();
      worker = null;
    };
  }
  return worker;
}

export function layoutOffThread(nodes: string[], edges: LayoutEdge[], spacing?: Spacing): Promise<Layout> {
  const w = theWorker();
  if (!w) return Promise.resolve(layeredLayout(nodes, edges, spacing));
  const id = nextId++;
  return new Promise<Layout>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    // Plain objects only: the edges may carry more fields than the layout needs.
    const job: LayoutJob = { id, nodes, edges: edges.map((e) => ({ from: e.from, to: e.to })), spacing };
    w.postMessage(job);
  });
}
