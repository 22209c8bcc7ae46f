import { describe, expect, it } from 'vitest';
import type { ActorSummary } from '../../lib/ipc/bindings';
import { actorChanges, actorFormOf } from './actor-edit';

const mangled: ActorSummary = {
  id: 'x1',
  handle: 'k3p9',
  name: 'Margaret Harris, human-to-human spread," WHO spokesperson',
  kind: 'person',
  role: null,
  aliases: [],
  domains: ['who.int'],
  state_affiliated: false,
  appearances: 2,
  look_alikes: [],
  mixed_script: false,
};

describe('the correction form of an actor', () => {
  it('sends the fixed name and role, and nothing untouched', () => {
    const before = actorFormOf(mangled);
    const after = { ...before, name: 'Margaret Harris ', role: 'WHO spokesperson' };
    expect(actorChanges(before, after)).toEqual({ name: 'Margaret Harris', role: 'WHO spokesperson' });
  });

  it('reads domains as a comma list and sends them only when the list changed', () => {
    const before = actorFormOf(mangled);
    expect(actorChanges(before, { ...before, domains: ' who.int ,' })).toEqual({});
    expect(actorChanges(before, { ...before, domains: 'who.int, un.org' })).toEqual({ domains: ['who.int', 'un.org'] });
    expect(actorChanges(before, { ...before, kind: 'organisation', stateAffiliated: true })).toEqual({
      actor_kind: 'organisation',
      state_affiliated: true,
    });
  });
});
