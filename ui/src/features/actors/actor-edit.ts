// The correction form of an actor: what it holds when opened and the edit
// that saving sends — only what changed, so the history shows exactly the
// correction (a name mangled by extraction, a missing role).
import type { ActorKind, ActorSummary, Edit } from '../../lib/ipc/bindings';

export interface ActorForm {
  name: string;
  kind: ActorKind;
  role: string;
  /** Comma-separated, as typed. */
  domains: string;
  stateAffiliated: boolean;
}

export function actorFormOf(a: ActorSummary): ActorForm {
  return { name: a.name, kind: a.kind, role: a.role ?? '', domains: a.domains.join(', '), stateAffiliated: a.state_affiliated };
}

const domainList = (typed: string) =>
  typed
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '');

export function actorChanges(before: ActorForm, after: ActorForm): Partial<Edit> {
  const edit: Partial<Edit> = {};
  if (after.name.trim() !== before.name.trim()) edit.name = after.name.trim();
  if (after.kind !== before.kind) edit.actor_kind = after.kind;
  if (after.role.trim() !== before.role.trim()) edit.role = after.role.trim();
  if (domainList(after.domains).join(',') !== domainList(before.domains).join(',')) edit.domains = domainList(after.domains);
  if (after.stateAffiliated !== before.stateAffiliated) edit.state_affiliated = after.stateAffiliated;
  return edit;
}
