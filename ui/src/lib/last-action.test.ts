import { describe, expect, it } from 'vitest';
import { LastAction } from './last-action';

describe('the last action', () => {
  it('is undone once, and only the newest one', async () => {
    const undone: string[] = [];
    const last = new LastAction();
    last.record({ label: 'first', undo: async () => (undone.push('first'), 'took back first') });
    last.record({ label: 'second', undo: async () => (undone.push('second'), 'took back second') });
    expect(await last.undo()).toEqual({ ok: true, message: 'took back second' });
    expect(await last.undo()).toBeNull();
    expect(undone).toEqual(['second']);
    expect(last.current).toBeNull();
  });

  it('keeps an action whose undo failed, with the reason', async () => {
    const last = new LastAction();
    let fail = true;
    last.record({
      label: 'log',
      undo: async () => {
        if (fail) throw new Error('cannot undo: 1 appearance(s) logged since relay this one');
        return 'done';
      },
    });
    expect(await last.undo()).toEqual({
      ok: false,
      message: 'Could not undo: cannot undo: 1 appearance(s) logged since relay this one',
    });
    expect(last.current?.label).toBe('log');
    fail = false;
    expect(await last.undo()).toEqual({ ok: true, message: 'done' });
  });

  it('ignores a second undo while the first is running', async () => {
    const last = new LastAction();
    let release: (v: string) => void = () => {};
    last.record({ label: 'slow', undo: () => new Promise<string>((r) => (release = r)) });
    const first = last.undo();
    expect(last.running).toBe(true);
    expect(await last.undo()).toBeNull();
    release('ok');
    expect(await first).toEqual({ ok: true, message: 'ok' });
  });

  it('does not drop an action recorded while the previous one was being undone', async () => {
    const last = new LastAction();
    let release: (v: string) => void = () => {};
    last.record({ label: 'old', undo: () => new Promise<string>((r) => (release = r)) });
    const pending = last.undo();
    last.record({ label: 'new', undo: async () => 'new undone' });
    release('old undone');
    await pending;
    expect(last.current?.label).toBe('new');
  });
});
