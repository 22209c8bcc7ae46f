// Characters that change how text reads without showing themselves: bidi
// controls (which can reverse the letters after them, so "txt.exe" reads as
// "exe.txt") and zero-width characters (which make two names that look the
// same different text). Names and claims from the web may carry them; the
// window shows each as a visible badge such as ⟨U+202E⟩ instead, so nothing
// is hidden or reordered.

const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

const NAMES: Record<number, string> = {
  0x061c: 'Arabic letter mark',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'zero-width no-break space',
};

export type TextPart = { text: string } | { hidden: string; badge: string; name: string };

const badgeOf = (c: string) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;

/** The text split into plain runs and the invisible characters between them. */
export function textParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(INVISIBLE)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ hidden: m[0], badge: badgeOf(m[0]), name: NAMES[m[0].codePointAt(0)!] });
    last = m.index + m[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last) });
  return parts;
}

/** The text with every invisible character written as its badge, for places that take plain strings (SVG labels, titles). */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, badgeOf);
}

/** Whether the text holds any character that `visibleText` would show as a badge. */
export function hasInvisible(text: string): boolean {
  return text.search(INVISIBLE) >= 0;
}
