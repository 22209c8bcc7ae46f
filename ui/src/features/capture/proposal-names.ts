// Accepting a proposal whose names only look like known actors: each such
// name is the checker's choice (one of its candidates, or someone new) before
// anything is logged, as in the capture form.
import type { LogRequest, NameResolution, Proposal } from '../../lib/ipc/bindings';

/** For each name asked about, as written in the proposal: the known actor's name picked, or null for someone new. */
export type NameChoices = Record<string, string | null>;

/** The names of `p` that may be known actors and are not decided yet. */
export function openNames(p: Proposal, choices: NameChoices): NameResolution[] {
  return p.names.filter((n) => n.resolution === 'candidates' && n.candidates.length > 0 && !(n.name in choices));
}

/** `req` with every name the checker matched to a known actor written as that actor's name. */
export function withChoices(req: LogRequest, choices: NameChoices): LogRequest {
  const rename = <T extends { name: string }>(actor: T): T => {
    const picked = choices[actor.name];
    return picked ? { ...actor, name: picked } : actor;
  };
  return { ...req, speaker: rename(req.speaker), relays: req.relays.map((r) => ({ ...r, actor: rename(r.actor) })) };
}

/** The names of `p` the checker said are someone new, each with the ids of the actors it was offered as. */
export function someoneElse(p: Proposal, choices: NameChoices): { name: string; offered: string[] }[] {
  return p.names
    .filter((n) => choices[n.name] === null && n.candidates.length > 0)
    .map((n) => ({ name: n.name, offered: n.candidates.map((c) => c.id) }));
}
