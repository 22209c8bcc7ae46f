// The SVG path of one relay between two laid-out nodes, shared by the chain
// view and the case map: a curve from the right side of the upstream node to
// the left side of the next, or, for an edge that closes a loop, a return
// routed below both nodes.
import type { Placed } from './layered-layout';

export interface NodeBox {
  width: number;
  height: number;
  /** The canvas padding added to every coordinate. */
  pad: number;
  /** How far below the lower node a loop dips. */
  loopDip: number;
}

export function edgePath(a: Placed, b: Placed, box: NodeBox, loop: boolean): string {
  const { width: W, height: H, pad: P } = box;
  if (loop) {
    const y1 = a.y + H + P;
    const y2 = b.y + H + P;
    const dip = Math.max(y1, y2) + box.loopDip;
    return `M ${a.x + W / 2 + P} ${y1} C ${a.x + W / 2 + P} ${dip}, ${b.x + W / 2 + P} ${dip}, ${b.x + W / 2 + P} ${y2}`;
  }
  const x1 = a.x + W + P;
  const y1 = a.y + H / 2 + P;
  const x2 = b.x + P - 6;
  const y2 = b.y + H / 2 + P;
  const mid = (x1 + x2) / 2;
  return `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`;
}
