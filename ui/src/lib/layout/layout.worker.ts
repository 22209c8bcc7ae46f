// Lays out a graph in a worker, so a case-wide graph of thousands of
// appearances never holds the window's thread.
import { layeredLayout, type LayoutEdge, type Spacing } from './layered-layout';

export interface LayoutJob {
  id: number;
  nodes: string[];
  edges: LayoutEdge[];
  spacing?: Spacing;
}

self.onmessage = (e: MessageEvent<LayoutJob>) => {
  const { id, nodes, edges, spacing } = e.data;
  const started = performance.now();
  const layout = layeredLayout(nodes, edges, spacing);
  self.postMessage({ id, layout, ms: performance.now() - started });
};
