import { describe, expect, it } from 'vitest';
import { Latest } from './latest';

/** A promise and the function that settles it, to answer questions in any order. */
function pending<T>() {
  let settle!: (v: T) => void;
  const promise = new Promise<T>((r) => (settle = r));
  return { promise, settle };
}

describe('Latest', () => {
  it('shows only the latest answer when an earlier one arrives last', async () => {
    const latest = new Latest();
    const shown: string[] = [];
    const look = async (answer: Promise<string>) => {
      const isLatest = latest.ask();
      const got = await answer;
      if (isLatest()) shown.push(got);
    };
    const slow = pending<string>();
    const fast = pending<string>();
    const first = look(slow.promise);
    const second = look(fast.promise);
    fast.settle('answer to "Pesk"');
    await second;
    slow.settle('answer to "Pe"');
    await first;
    expect(shown).toEqual(['answer to "Pesk"']);
  });

  it('keeps a next page of the latest question and drops it after a new question', () => {
    const latest = new Latest();
    latest.ask();
    const page = latest.continuing();
    expect(page()).toBe(true);
    latest.ask();
    expect(page()).toBe(false);
  });

  it('keeps each lookup apart', () => {
    const [a, b] = [new Latest(), new Latest()];
    const isLatest = a.ask();
    b.ask();
    expect(isLatest()).toBe(true);
  });
});
