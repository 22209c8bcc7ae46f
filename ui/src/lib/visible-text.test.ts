import { describe, expect, it } from 'vitest';
import { hasInvisible, textParts, visibleText } from './visible-text';

describe('invisible characters made visible', () => {
  it('shows a right-to-left override as a badge, so the letters after it keep their order', () => {
    const name = 'invoice\u202Etxt.exe';
    expect(visibleText(name)).toBe('invoice⟨U+202E⟩txt.exe');
    expect(textParts(name)).toEqual([
      { text: 'invoice' },
      { hidden: '\u202E', badge: '⟨U+202E⟩', name: 'right-to-left override' },
      { text: 'txt.exe' },
    ]);
  });

  it('covers every bidi control and zero-width character', () => {
    const all = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff];
    for (const cp of all) {
      const c = String.fromCodePoint(cp);
      expect(hasInvisible(`a${c}b`)).toBe(true);
      const shown = visibleText(`a${c}b`);
      expect(shown).toBe(`a⟨U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟩b`);
      expect(shown).not.toContain(c);
      const badge = textParts(c)[0];
      expect('name' in badge && badge.name.length > 0).toBe(true);
    }
  });

  it('leaves ordinary text, other scripts and emoji alone', () => {
    for (const t of ['Petrov', 'Реtrov', 'الجزيرة', '東京', 'Zoë', '👩‍⚕️', '']) {
      expect(visibleText(t)).toBe(t.replace('\u200d', '⟨U+200D⟩'));
    }
    expect(textParts('')).toEqual([{ text: '' }]);
    expect(textParts('plain')).toEqual([{ text: 'plain' }]);
  });

  it('makes two names that differ only by a zero-width space look different', () => {
    expect(visibleText('Pet\u200Brov')).not.toBe(visibleText('Petrov'));
  });

  it('keeps adjacent controls apart', () => {
    expect(visibleText('\u2067\u202E')).toBe('⟨U+2067⟩⟨U+202E⟩');
    expect(textParts('x\u200B\u200By')).toHaveLength(4);
  });
});
