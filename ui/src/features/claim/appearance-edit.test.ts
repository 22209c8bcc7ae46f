import { describe, expect, it } from 'vitest';
import type { AppearanceView } from '../../lib/ipc/bindings';
import { changedFields, formOf, speakerChanged } from './appearance-edit';

const seen: AppearanceView = {
  id: 'a1',
  handle: 'ab12',
  actor: 'Margaret Harris, human-to-human spread," WHO spokesperson',
  actor_id: 'x1',
  actor_kind: 'person',
  actor_role: null,
  kind: 'direct',
  stance: 'asserts',
  quote: 'no clear evidence',
  prefix: null,
  suffix: null,
  cue: 'said',
  said_at: null,
  said_at_text: null,
  said_where: null,
  document_id: 'd1',
  url: null,
  title: null,
  outlet: null,
  published_at: null,
  located: true,
  taken_down_at: null,
  upstream: [],
};

describe('the correction form of an appearance', () => {
  it('sends only what changed, and a blank for a cleared field', () => {
    const before = formOf(seen);
    const after = { ...before, role: 'WHO spokesperson', cue: '', stance: 'disputes' as const };
    expect(changedFields(before, after)).toEqual({ role: 'WHO spokesperson', cue: '', stance: 'disputes' });
  });

  it('sends nothing for an untouched form or spacing alone', () => {
    const before = formOf(seen);
    expect(changedFields(before, { ...before, quote: ' no clear evidence ' })).toEqual({});
    expect(speakerChanged(before, { ...before, speaker: before.speaker.toUpperCase() })).toBe(false);
  });

  it('notices a new speaker and a move to another claim', () => {
    const before = formOf(seen);
    const after = { ...before, speaker: 'Margaret Harris', moveTo: ' c9f2 ' };
    expect(speakerChanged(before, after)).toBe(true);
    expect(changedFields(before, after)).toEqual({ claim: 'c9f2' });
  });
});
