// The Possible duplicates screen's bookkeeping: which actor of a pair a merge
// keeps (the one listed first unless the checker swaps them), the evidence in
// one line, and the list as it stands after a decision, before the database
// is asked again.
import type { ActorName, DuplicatePair } from '../../lib/ipc/bindings';
import { matchReason, plural } from '../../lib/words';

/** One key per pair, whichever way round it is listed. */
export function pairKey(p: DuplicatePair): string {
  return [p.a.id, p.b.id].sort().join('|');
}

export interface MergePlan {
  keep: ActorName;
  drop: ActorName;
}

/** The listed first (in more claims) is kept, unless the checker swapped the pair. */
export function mergePlan(p: DuplicatePair, swapped: boolean): MergePlan {
  return swapped ? { keep: p.b, drop: p.a } : { keep: p.a, drop: p.b };
}

/** Why the pair is listed, and how strongly, in one line. */
export function evidence(p: DuplicatePair): string {
  return `${matchReason(p.reason)} · score ${p.score.toFixed(2)}`;
}

/** How many claims each side touches, in the order shown. */
export function claimCounts(p: DuplicatePair, swapped: boolean): [string, string] {
  const [first, second] = swapped ? [p.claims.b, p.claims.a] : [p.claims.a, p.claims.b];
  return [plural(first, 'claim'), plural(second, 'claim')];
}

/**
 * The pairs left once a decision about `decided` is taken: the pair itself,
 * and after a merge every pair naming the dropped actor (it no longer exists
 * under its own name; the database lists what the kept one now matches).
 */
export function afterDecision(pairs: DuplicatePair[], decided: DuplicatePair, dropped?: ActorName): DuplicatePair[] {
  const key = pairKey(decided);
  return pairs.filter((p) => pairKey(p) !== key && (!dropped || (p.a.id !== dropped.id && p.b.id !== dropped.id)));
}
