// What the drawings of chains and case maps ask of their hops.
import type { Hop } from '../ipc/bindings';

/** An edge between two appearances that are both on a loop of relays. */
export function onLoop(hops: ReadonlyMap<string, Hop>, e: { from: string; to: string }): boolean {
  return hops.get(e.from)?.role === 'cycle' && hops.get(e.to)?.role === 'cycle';
}
