import { describe, expect, it } from 'vitest';
import type { AppearanceView } from '../../lib/ipc/bindings';
import { groupByDocument } from './by-document';

function appearance(over: Partial<AppearanceView>): AppearanceView {
  return {
    id: 'a', handle: 'h', actor: 'ANI', actor_id: 'ani', actor_kind: 'agency', actor_role: null, kind: 'direct', stance: 'asserts',
    quote: null, prefix: null, suffix: null, cue: null, said_at: null, said_at_text: null, said_where: null,
    document_id: null, url: null, title: null, outlet: null, published_at: null, located: false, taken_down_at: null,
    upstream: [],
    ...over,
  };
}

describe('groupByDocument', () => {
  it('puts appearances of one document together, located documents first', () => {
    const groups = groupByDocument([
      appearance({ id: '1', actor: 'Leonid Pasechnik', actor_id: 'p' }),
      appearance({ id: '2', document_id: 'aj', title: 'Al Jazeera report', located: false }),
      appearance({ id: '3', document_id: 'ks', title: 'Kenya Star page', located: true, actor: 'Kenya Star' }),
      appearance({ id: '4', document_id: 'ks', title: 'Kenya Star page', located: true, actor: 'ANI' }),
    ]);
    expect(groups.map((g) => g.title)).toEqual(['Kenya Star page', 'Al Jazeera report', 'Said by Leonid Pasechnik']);
    expect(groups[0].appearances.map((a) => a.id)).toEqual(['3', '4']);
  });

  it('carries when a recapture found the page taken down', () => {
    const at = '2025-08-01T09:30:00Z';
    const groups = groupByDocument([
      appearance({ id: '1', document_id: 'vp', located: true, taken_down_at: at }),
      appearance({ id: '2', document_id: 'ks', located: true }),
    ]);
    expect(groups.map((g) => [g.documentId, g.takenDown])).toEqual([
      ['vp', at],
      ['ks', null],
    ]);
  });
});
