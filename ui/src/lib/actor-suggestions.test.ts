import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActorSuggestions, nameKey } from './actor-suggestions.svelte';
import type { ActorSummary } from './ipc/bindings';

const actor = (name: string, aliases: string[] = [], kind: ActorSummary['kind'] = 'person'): ActorSummary => ({
  id: `id-${name}`,
  handle: `h-${name}`,
  name,
  kind,
  role: null,
  aliases,
  domains: [],
  state_affiliated: false,
  appearances: 1,
  look_alikes: [],
  mixed_script: false,
});

afterEach(() => vi.useRealTimers());

describe('ActorSuggestions', () => {
  it('asks once the typing pauses, with only the last text', async () => {
    vi.useFakeTimers();
    const suggest = vi.fn(async (typed: string) => (typed === 'al j' ? [actor('Al Jazeera', ['AJ'], 'outlet')] : []));
    const s = new ActorSuggestions(suggest);
    s.lookUp('a');
    s.lookUp('al');
    s.lookUp('al j');
    await vi.runAllTimersAsync();
    expect(suggest).toHaveBeenCalledTimes(1);
    expect(suggest).toHaveBeenCalledWith('al j', 20);
    expect(s.names).toEqual(['Al Jazeera', 'AJ']);
  });

  it('knows an actor by name or alias, whatever the case, spacing or Unicode form', async () => {
    const s = new ActorSuggestions(async () => [actor('Pérez', ['El  Jefe'])]);
    await s.now('pe');
    expect(s.known('  PE\u0301REZ ')?.name).toBe('Pérez');
    expect(s.known('el jefe')?.name).toBe('Pérez');
    expect(s.known('Perez')).toBeUndefined();
    expect(nameKey(' A \t B ')).toBe('a b');
  });

  it('drops an answer that arrives after a later one, but remembers its actors', async () => {
    let release!: (a: ActorSummary[]) => void;
    const slow = new Promise<ActorSummary[]>((r) => (release = r));
    const answers: Record<string, Promise<ActorSummary[]>> = {
      u: slow,
      ushakov: Promise.resolve([actor('Yuri Ushakov')]),
    };
    const s = new ActorSuggestions((typed) => answers[typed]);
    const first = s.now('u');
    await s.now('ushakov');
    release([actor('Ukrinform', [], 'outlet'), actor('Yuri Ushakov')]);
    await first;
    expect(s.names).toEqual(['Yuri Ushakov']);
    expect(s.known('ukrinform')?.kind).toBe('outlet');
  });

  it('remembers a filled-in name with one question, leaving the suggestions alone', async () => {
    const suggest = vi.fn(async (typed: string) => (typed.startsWith('Yuri') ? [actor('Yuri Ushakov')] : []));
    const s = new ActorSuggestions(suggest);
    await s.remember('Yuri Ushakov');
    await s.remember('yuri  ushakov');
    await s.remember('   ');
    expect(suggest).toHaveBeenCalledTimes(1);
    expect(suggest).toHaveBeenCalledWith('Yuri Ushakov', 1);
    expect(s.known('YURI USHAKOV')?.name).toBe('Yuri Ushakov');
    expect(s.names).toEqual([]);
  });

  it('leaves a name being typed to the lookup, asking once', async () => {
    vi.useFakeTimers();
    const suggest = vi.fn(async () => [actor('Yuri Ushakov')]);
    const s = new ActorSuggestions(suggest);
    s.lookUp('Yuri Ushakov');
    await s.remember('yuri ushakov');
    expect(suggest).not.toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(suggest).toHaveBeenCalledTimes(1);
    expect(s.known('Yuri Ushakov')?.name).toBe('Yuri Ushakov');
  });

  it('keeps the last answer when a lookup fails, says why, and clears that on the next answer', async () => {
    let fail = false;
    const s = new ActorSuggestions(async () => {
      if (fail) throw { kind: 'busy', message: 'database busy' };
      return [actor('RIA Novosti', [], 'outlet')];
    });
    expect(s.loading).toBe(true);
    await s.now('ria');
    expect([s.loading, s.failure]).toEqual([false, null]);
    fail = true;
    await s.now('ria n');
    expect(s.names).toEqual(['RIA Novosti']);
    expect(s.found.map((a) => a.name)).toEqual(['RIA Novosti']);
    expect([s.loading, s.failure]).toEqual([false, 'database busy']);
    fail = false;
    await s.now('ria');
    expect(s.failure).toBeNull();
  });

  it('asks for as many actors as it was made for', async () => {
    const suggest = vi.fn(async () => [] as ActorSummary[]);
    await new ActorSuggestions(suggest, 1001).now('');
    expect(suggest).toHaveBeenCalledWith('', 1001);
  });
});
