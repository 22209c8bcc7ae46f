import { describe, expect, it } from 'vitest';
import { pick, segments, utf16Offsets, utf16Spans } from './highlights';

// What the core sends: offsets counted in Unicode scalar values.
const scalarSpan = (text: string, part: string) => {
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const want = Array.from(part);
    if (want.every((c, j) => chars[i + j] === c)) return { start: i, end: i + want.length };
  }
  throw new Error(`${part} not in text`);
};

describe('utf16Offsets', () => {
  it('is the identity on text of the basic plane', () => {
    const text = 'Mr Müller said “no”.';
    expect(utf16Offsets(text, [0, 3, 9, 20])).toEqual([0, 3, 9, 20]);
  });

  it('counts an astral character as one scalar and two code units', () => {
    // 𝔄 (U+1D504) and 😀 (U+1F600) are each one scalar value, two UTF-16 units.
    const text = '𝔄 said 😀 "yes"';
    const yes = scalarSpan(text, '"yes"');
    expect(yes).toEqual({ start: 9, end: 14 });
    const [start, end] = utf16Offsets(text, [yes.start, yes.end]);
    expect(text.slice(start, end)).toBe('"yes"');
  });

  it('keeps emoji sequences whole and answers offsets given in any order', () => {
    // A family emoji: four people joined by zero-width joiners, 7 scalars, 11 units.
    const text = 'A 👨‍👩‍👧‍👦 family, she said, "was fine" 🇺🇦.';
    const span = scalarSpan(text, '"was fine"');
    const [end, start] = utf16Offsets(text, [span.end, span.start]);
    expect(text.slice(start, end)).toBe('"was fine"');
  });

  it('clamps offsets past the end and below zero', () => {
    expect(utf16Offsets('a😀b', [-1, 99])).toEqual([0, 4]);
  });

  it('counts a lone surrogate as one scalar, where a replacement character would stand', () => {
    const text = 'x\ud800y';
    expect(utf16Offsets(text, [1, 2, 3])).toEqual([1, 2, 3]);
  });

  it('is linear: a megabyte of emoji with thousands of spans', () => {
    const text = '😀 a '.repeat(200_000);
    const spans = Array.from({ length: 5000 }, (_, i) => ({ start: i * 40 + 2, end: i * 40 + 3 }));
    const at = utf16Spans(text, spans);
    expect(at.every((s) => text.slice(s.start, s.end) === 'a')).toBe(true);
  });
});

describe('segments', () => {
  it('gives back the text exactly, with the spans marked', () => {
    const text = 'Ushakov said talks were "useful", RIA reported.';
    const [said] = [{ start: text.indexOf('"useful"'), end: text.indexOf('"useful"') + 8 }];
    const runs = segments(text, [said]);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    expect(runs.map((r) => [r.text, r.ids])).toEqual([
      ['Ushakov said talks were ', []],
      ['"useful"', [0]],
      [', RIA reported.', []],
    ]);
  });

  it('splits overlapping spans, innermost first where they overlap', () => {
    const text = 'abcdefghij';
    const runs = segments(text, [
      { start: 0, end: 6 },
      { start: 4, end: 10 },
      { start: 2, end: 4 },
    ]);
    expect(runs.map((r) => [r.text, r.ids])).toEqual([
      ['ab', [0]],
      ['cd', [2, 0]],
      ['ef', [1, 0]],
      ['ghij', [1]],
    ]);
  });

  it('handles identical, touching, empty, reversed and out-of-range spans', () => {
    const text = 'one two three';
    const runs = segments(text, [
      { start: 4, end: 7 },
      { start: 4, end: 7 },
      { start: 0, end: 4 },
      { start: 8, end: 8 },
      { start: 9, end: 5 },
      { start: 8, end: 99 },
    ]);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    expect(runs.map((r) => [r.text, r.ids])).toEqual([
      ['one ', [2]],
      ['two', [0, 1]],
      [' ', []],
      ['three', [5]],
    ]);
  });

  it('marks spans in astral text once converted', () => {
    const text = '🇺🇦 Kyiv: "𝔄ll 😀 fine," the mayor said.';
    const quote = scalarSpan(text, '"𝔄ll 😀 fine,"');
    const runs = segments(text, utf16Spans(text, [quote]));
    expect(runs.find((r) => r.ids.length)?.text).toBe('"𝔄ll 😀 fine,"');
    expect(runs.map((r) => r.text).join('')).toBe(text);
  });

  it('gives one run for text with no spans, and none for empty text', () => {
    expect(segments('plain', [])).toEqual([{ text: 'plain', start: 0, end: 5, ids: [] }]);
    expect(segments('', [{ start: 0, end: 3 }])).toEqual([]);
  });
});

describe('pick', () => {
  it('takes the innermost proposal, then cycles through an overlap', () => {
    expect(pick([2, 0], null)).toBe(2);
    expect(pick([2, 0], 2)).toBe(0);
    expect(pick([2, 0], 0)).toBe(2);
    expect(pick([2, 0], 7)).toBe(2);
    expect(pick([], 1)).toBeNull();
  });
});
