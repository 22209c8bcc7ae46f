import { describe, expect, it } from 'vitest';
import { draftFromRequest, emptyDraft, moveRelay, quoteSelector, toLogRequest, utf16Span, type CaptureDraft, type RelayDraft } from './capture-draft';

const relay = (key: number, name: string, over: Partial<RelayDraft> = {}): RelayDraft => ({
  key, name, kind: 'outlet', relation: 'cites', cue: '', ...over,
});

function pasechnik(over: Partial<CaptureDraft> = {}): CaptureDraft {
  return {
    ...emptyDraft(),
    claim: 'Luhansk has been 100 per cent liberated',
    quote: '100 per cent liberated',
    speaker: 'Leonid Pasechnik',
    speakerRole: 'Russian-installed governor',
    cue: 'said',
    relays: [relay(1, 'Al Jazeera', { relation: 'quotes' }), relay(2, 'ANI', { kind: 'agency', cue: 'Al Jazeera reported' })],
    url: 'https://kenyastar.example/luhansk',
    outlet: 'Kenya Star',
    ...over,
  };
}

describe('quoteSelector', () => {
  it('takes the exact words and their context, without stray spaces', () => {
    const text = 'the governor said Luhansk was 100 per cent liberated, although not everyone agreed';
    const start = text.indexOf('100') - 1;
    const end = text.indexOf(',') + 0;
    const s = quoteSelector(text, start, end, 10);
    expect(s.exact).toBe('100 per cent liberated');
    expect(s.prefix).toBe('hansk was ');
    expect(s.suffix).toBe(', although');
  });
});

describe('toLogRequest', () => {
  it('makes the page being read the last relay, carrying the document', () => {
    const c = toLogRequest(pasechnik());
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.request.relays.map((r) => r.actor.name)).toEqual(['Al Jazeera', 'ANI', 'Kenya Star']);
    expect(c.request.relays[2]).toMatchObject({ relation: 'republishes', document: { url: 'https://kenyastar.example/luhansk', located: true } });
    expect(c.request.relays[1].cue).toBe('Al Jazeera reported');
    expect(c.request.speaker).toMatchObject({ name: 'Leonid Pasechnik', role: 'Russian-installed governor', kind: 'person' });
  });

  it('attaches the document to the last relay when it is the outlet itself', () => {
    const c = toLogRequest(pasechnik({ outlet: 'ani' }));
    if (!c.ok) throw new Error('refused');
    expect(c.request.relays).toHaveLength(2);
    expect(c.request.relays[1].document?.url).toBe('https://kenyastar.example/luhansk');
  });

  it('uses the quote as the claim when the claim is left blank', () => {
    const c = toLogRequest(pasechnik({ claim: '  ' }));
    if (!c.ok) throw new Error('refused');
    expect(c.request.claim).toBe('100 per cent liberated');
  });

  it('names every problem at once and refuses a non-web address', () => {
    const c = toLogRequest({ ...emptyDraft(), url: 'file:///etc/passwd' });
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(Object.keys(c.problems).sort()).toEqual(['claim', 'outlet', 'speaker', 'url']);
  });

  it('drops relay rows left blank', () => {
    const c = toLogRequest(pasechnik({ relays: [relay(1, ' '), relay(2, 'ANI')] }));
    if (!c.ok) throw new Error('refused');
    expect(c.request.relays.map((r) => r.actor.name)).toEqual(['ANI', 'Kenya Star']);
  });
});

describe('moveRelay', () => {
  it('reorders the chain', () => {
    const r = [relay(1, 'A'), relay(2, 'B'), relay(3, 'C')];
    expect(moveRelay(r, 2, 0).map((x) => x.name)).toEqual(['C', 'A', 'B']);
    expect(moveRelay(r, 0, 5)).toBe(r);
  });
});

describe('draftFromRequest', () => {
  it('turns the located page into the page fields and keeps the other relays in order', () => {
    let key = 100;
    const d = draftFromRequest({ ...emptyDraft(), text: 'pasted', url: 'https://typed.example/' }, {
      claim: 'the region had been 100 per cent liberated',
      speaker: { name: 'Leonid Pasechnik', kind: 'person', role: 'governor', aliases: [], state_affiliated: false },
      quote: '100 per cent liberated', prefix: 'had been "', suffix: '", Al', kind: 'mixed', cue: 'said', stance: 'asserts',
      said_at: null, said_at_text: null, said_where: null, cases: [], tags: [],
      relays: [
        { actor: { name: 'Al Jazeera', kind: 'outlet', role: null, aliases: [], state_affiliated: false }, relation: 'cites', cue: 'Al Jazeera reported', quote: null, document: null },
        { actor: { name: 'Kenya Star', kind: 'outlet', role: null, aliases: [], state_affiliated: false }, relation: 'republishes', cue: null, quote: null,
          document: { url: 'https://kenya-star.example/a', title: null, published_at: '2025-07-03T10:00:00Z', located: true } },
      ],
    }, () => key++);
    expect(d.relays.map((r) => r.name)).toEqual(['Al Jazeera']);
    expect(d.relays[0]).toMatchObject({ key: 100, relation: 'cites', cue: 'Al Jazeera reported' });
    expect(d).toMatchObject({ outlet: 'Kenya Star', url: 'https://kenya-star.example/a', published: '2025-07-03', text: 'pasted', speaker: 'Leonid Pasechnik', kind: 'mixed' });
  });
});

describe('utf16Span', () => {
  it('counts characters as the core does', () => {
    const text = '🗞 Pasechnik said';
    const [a, b] = utf16Span(text, 2, 11);
    expect(text.slice(a, b)).toBe('Pasechnik');
  });
});
