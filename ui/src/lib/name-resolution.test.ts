import { afterEach, describe, expect, it, vi } from 'vitest';
import { NameResolutions } from './name-resolution.svelte';
import type { ActorKind, Candidate, Resolution } from './ipc/bindings';

const PASECHNIK: Candidate = { id: 'p1', name: 'Leonid Pasechnik', reason: 'transliteration', score: 0.9 };
const offers = (...c: Candidate[]): Resolution => ({ resolution: 'candidates', detail: c });
const EXACT: Resolution = { resolution: 'exact', detail: { id: 'p1' } };
const NEW: Resolution = { resolution: 'new' };

/** The database as these tests know it: Leonid Pasechnik, and Al Jazeera. */
async function desk(name: string): Promise<Resolution> {
  const n = name.toLowerCase();
  if (n === 'leonid pasechnik') return EXACT;
  if (n === 'al jazeera') return { resolution: 'exact', detail: { id: 'aj' } };
  if (n === 'leonid pasechnick' || n === 'pasechnik') return offers(PASECHNIK);
  return NEW;
}

afterEach(() => vi.useRealTimers());

describe('NameResolutions', () => {
  it('asks once the typing pauses, with only the last text, and shows candidates only for that text', async () => {
    vi.useFakeTimers();
    const resolve = vi.fn(desk);
    const n = new NameResolutions(resolve);
    for (const typed of ['L', 'Leonid', 'Leonid Pasechnick']) n.check({ field: 'speaker', name: typed, kind: 'person' });
    await vi.runAllTimersAsync();
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(resolve).toHaveBeenCalledWith('Leonid Pasechnick', 'person', []);
    expect(n.candidates('speaker', ' leonid  PASECHNICK')).toEqual([PASECHNIK]);
    // The field now holds other text: its old answer is not shown for it.
    expect(n.candidates('speaker', 'Leonid Pasechnic')).toEqual([]);
    expect(n.candidates('relay-1', 'Leonid Pasechnick')).toEqual([]);
  });

  it('does not ask again about a field whose name and kind have not changed', async () => {
    vi.useFakeTimers();
    const resolve = vi.fn(desk);
    const n = new NameResolutions(resolve);
    n.check({ field: 'speaker', name: 'Pasechnik', kind: 'person' });
    await vi.runAllTimersAsync();
    // Another field was typed in: the form checks every field again.
    n.check({ field: 'speaker', name: ' pasechnik', kind: 'person' });
    await vi.runAllTimersAsync();
    expect(resolve).toHaveBeenCalledTimes(1);
    n.check({ field: 'speaker', name: 'Pasechnik', kind: 'organisation' });
    await vi.runAllTimersAsync();
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('drops an answer that arrives after a later question about the same field', async () => {
    let release!: (r: Resolution) => void;
    const slow = new Promise<Resolution>((r) => (release = r));
    const n = new NameResolutions((name) => (name === 'Pasechnik' ? slow : desk(name)));
    const first = n.now({ field: 'speaker', name: 'Pasechnik', kind: null });
    await n.now({ field: 'speaker', name: 'Leonid Pasechnik', kind: null });
    release(offers(PASECHNIK));
    await first;
    expect(n.candidates('speaker', 'Pasechnik')).toEqual([]);
    expect(n.candidates('speaker', 'Leonid Pasechnik')).toEqual([]);
  });

  it('on saving, asks about every field afresh and returns those still undecided', async () => {
    const resolve = vi.fn(desk);
    const n = new NameResolutions(resolve);
    const fields = [
      { field: 'speaker', name: 'Leonid Pasechnick', kind: 'person' as ActorKind },
      { field: 'relay-1', name: 'Al Jazeera', kind: 'outlet' as ActorKind },
      { field: 'outlet', name: '  ', kind: 'outlet' as ActorKind },
    ];
    expect(await n.open(fields)).toEqual([{ ...fields[0], candidates: [PASECHNIK] }]);
    expect(resolve).toHaveBeenCalledTimes(2);
    // "This is someone else": not asked about again, and no longer offered.
    expect(n.offeredFor('Leonid Pasechnick')).toEqual([]);
    n.someoneElse('leonid pasechnick', [PASECHNIK.id]);
    expect(n.isSomeoneElse('Leonid  Pasechnick')).toBe(true);
    // Once logged, the name is recorded as different from the actor it was offered as.
    expect(n.offeredFor('Leonid Pasechnick')).toEqual([PASECHNIK.id]);
    expect(await n.open(fields)).toEqual([]);
    expect(n.candidates('speaker', 'Leonid Pasechnick')).toEqual([]);
    // Picking the candidate fills the field with the known name, which resolves on its own.
    expect(await n.open([{ ...fields[0], name: PASECHNIK.name }])).toEqual([]);
  });

  it('ranks with the actors the other fields name exactly', async () => {
    const resolve = vi.fn(desk);
    const n = new NameResolutions(resolve);
    await n.now({ field: 'speaker', name: 'Leonid Pasechnik', kind: 'person' });
    await n.now({ field: 'relay-1', name: 'Pasechnik', kind: 'person' });
    expect(resolve).toHaveBeenLastCalledWith('Pasechnik', 'person', ['p1']);
    // A field emptied no longer counts.
    await n.now({ field: 'speaker', name: '', kind: 'person' });
    await n.now({ field: 'relay-1', name: 'Pasechnik', kind: 'person' });
    expect(resolve).toHaveBeenLastCalledWith('Pasechnik', 'person', []);
  });

  it('says why a question failed, keeps the answer before it, and saving refuses rather than guesses', async () => {
    let fail = false;
    const n = new NameResolutions(async (name) => {
      if (fail) throw { kind: 'busy', message: 'database busy' };
      return desk(name);
    });
    await n.now({ field: 'speaker', name: 'Pasechnik', kind: null });
    fail = true;
    await expect(n.now({ field: 'speaker', name: 'Pasechnik', kind: null })).rejects.toBeTruthy();
    expect(n.failure).toBe('database busy');
    expect(n.candidates('speaker', 'Pasechnik')).toEqual([PASECHNIK]);
    await expect(n.open([{ field: 'speaker', name: 'Pasechnik', kind: null }])).rejects.toBeTruthy();
    fail = false;
    await n.now({ field: 'speaker', name: 'Pasechnik', kind: null });
    expect(n.failure).toBeNull();
  });
});
