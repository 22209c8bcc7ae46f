import { describe, expect, it } from 'vitest';
import type { ActorSpec, LogRequest, NameResolution, Proposal } from '../../lib/ipc/bindings';
import { openNames, someoneElse, withChoices } from './proposal-names';

const actor = (name: string): ActorSpec => ({ name, kind: null, role: null, aliases: [], state_affiliated: false });

const request: LogRequest = {
  claim: 'Luhansk is fully under Russian control',
  speaker: actor('Leonid Pasechnick'),
  quote: null,
  prefix: null,
  suffix: null,
  kind: 'direct',
  cue: null,
  stance: 'asserts',
  said_at: null,
  said_at_text: null,
  said_where: null,
  relays: [
    { actor: actor('Al-Jazeera'), relation: 'cites', cue: null, quote: null, document: null },
    { actor: actor('TASS'), relation: 'cites', cue: null, quote: null, document: null },
  ],
  cases: [],
  tags: [],
};

const resolved = (name: string, resolution: NameResolution['resolution'], candidates: string[] = []): NameResolution => ({
  name,
  resolution,
  id: resolution === 'exact' ? 'id' : null,
  actor: null,
  candidates: candidates.map((c, i) => ({ id: `c${i}`, name: c, reason: 'transliteration', score: 0.9 })),
});

const proposal: Proposal = {
  text: request.claim,
  start: 0,
  end: 10,
  claimant: 'Leonid Pasechnick',
  cue: 'said',
  disputed: false,
  dispute_text: null,
  request,
  names: [
    resolved('Leonid Pasechnick', 'candidates', ['Leonid Pasechnik']),
    resolved('Al-Jazeera', 'candidates', ['Al Jazeera']),
    resolved('TASS', 'exact'),
  ],
  disputes: [],
};

describe('names of a proposal', () => {
  it('asks only about names with candidates, until each is decided', () => {
    expect(openNames(proposal, {}).map((n) => n.name)).toEqual(['Leonid Pasechnick', 'Al-Jazeera']);
    expect(openNames(proposal, { 'Leonid Pasechnick': 'Leonid Pasechnik' }).map((n) => n.name)).toEqual(['Al-Jazeera']);
    expect(openNames(proposal, { 'Leonid Pasechnick': 'Leonid Pasechnik', 'Al-Jazeera': null })).toEqual([]);
  });

  it('logs a picked candidate under its known name and someone new under the name written', () => {
    const req = withChoices(request, { 'Leonid Pasechnick': 'Leonid Pasechnik', 'Al-Jazeera': null });
    expect(req.speaker.name).toBe('Leonid Pasechnik');
    expect(req.relays.map((r) => r.actor.name)).toEqual(['Al-Jazeera', 'TASS']);
    expect(request.speaker.name).toBe('Leonid Pasechnick');
  });

  it('records someone new as different from only the actors that name was offered as', () => {
    expect(someoneElse(proposal, { 'Leonid Pasechnick': 'Leonid Pasechnik', 'Al-Jazeera': null })).toEqual([
      { name: 'Al-Jazeera', offered: ['c0'] },
    ]);
    expect(someoneElse(proposal, { 'Leonid Pasechnick': 'Leonid Pasechnik' })).toEqual([]);
  });
});
