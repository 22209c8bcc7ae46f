// Which nodes and edges of a large laid-out graph fall in (or near) the part
// of the canvas on screen: the case map draws only those, so scrolling over
// thousands of appearances stays smooth.
import type { Layout, LayoutEdge } from '../../lib/layout/layered-layout';

export interface Viewport {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Box {
  width: number;
  height: number;
  /** Drawn beyond the viewport on every side, so a short scroll shows no gap. */
  margin: number;
}

export function inView(layout: Layout, view: Viewport, box: Box): Set<string> {
  const x0 = view.left - box.margin - box.width;
  const x1 = view.left + view.width + box.margin;
  const y0 = view.top - box.margin - box.height;
  const y1 = view.top + view.height + box.margin;
  const shown = new Set<string>();
  for (const [id, p] of layout.at) {
    if (p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1) shown.add(id);
  }
  return shown;
}

/** Edges with at least one end on screen (the other end may be off it: the line still crosses the view). */
export function edgesInView<E extends LayoutEdge>(edges: E[], shown: Set<string>): E[] {
  return edges.filter((e) => shown.has(e.from) || shown.has(e.to));
}
