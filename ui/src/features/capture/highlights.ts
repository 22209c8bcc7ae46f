// The pasted text cut into runs for showing proposals in it: the core gives
// each proposal's span in Unicode scalar values, the page counts UTF-16 code
// units, and proposals may overlap or nest.

/** A span of the text in UTF-16 code units, [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** A run of the text covered by the same proposals (none for plain text). */
export interface Segment {
  text: string;
  start: number;
  end: number;
  /** Indexes of the spans covering the run, innermost (latest start, then shortest) first. */
  ids: number[];
}

/**
 * Each offset counted in Unicode scalar values, as a UTF-16 index into `text`,
 * in one pass over the text. Offsets past the end give `text.length`.
 */
export function utf16Offsets(text: string, scalarOffsets: readonly number[]): number[] {
  const order = scalarOffsets.map((_, i) => i).sort((a, b) => scalarOffsets[a] - scalarOffsets[b]);
  const out = new Array<number>(scalarOffsets.length);
  let unit = 0;
  let scalar = 0;
  for (const k of order) {
    const want = Math.max(0, scalarOffsets[k]);
    while (scalar < want && unit < text.length) {
      const c = text.charCodeAt(unit);
      const pair =
        c >= 0xd800 && c <= 0xdbff && unit + 1 < text.length && (text.charCodeAt(unit + 1) & 0xfc00) === 0xdc00;
      unit += pair ? 2 : 1;
      scalar++;
    }
    out[k] = unit;
  }
  return out;
}

/** Spans counted in Unicode scalar values, as UTF-16 spans of `text`. */
export function utf16Spans(text: string, spans: readonly Span[]): Span[] {
  const at = utf16Offsets(
    text,
    spans.flatMap((s) => [s.start, s.end]),
  );
  return spans.map((_, i) => ({ start: at[2 * i], end: at[2 * i + 1] }));
}

/**
 * The whole text as consecutive runs, cut wherever a span starts or ends. Each
 * run lists the spans covering it; empty or reversed spans cover nothing.
 * Joining the runs' text gives back `text` exactly.
 */
export function segments(text: string, spans: readonly Span[]): Segment[] {
  const clamp = (n: number) => Math.min(Math.max(0, n), text.length);
  const live = spans
    .map((s, id) => ({ id, start: clamp(s.start), end: clamp(s.end) }))
    .filter((s) => s.start < s.end);
  const cuts = [...new Set([0, text.length, ...live.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const byStart = live.slice().sort((a, b) => a.start - b.start);
  const inner = (a: (typeof live)[number], b: (typeof live)[number]) =>
    b.start - a.start || a.end - b.end || a.id - b.id;
  const out: Segment[] = [];
  let active: typeof live = [];
  let next = 0;
  for (let c = 0; c + 1 < cuts.length; c++) {
    const [from, to] = [cuts[c], cuts[c + 1]];
    active = active.filter((s) => s.end > from);
    while (next < byStart.length && byStart[next].start <= from) active.push(byStart[next++]);
    const ids = active.slice().sort(inner).map((s) => s.id);
    out.push({ text: text.slice(from, to), start: from, end: to, ids });
  }
  return out;
}

/**
 * Which proposal a click on a run picks: the innermost one, or, when the
 * selected one already covers the run, the next one covering it (so repeated
 * clicks reach every proposal of an overlap).
 */
export function pick(ids: readonly number[], selected: number | null): number | null {
  if (ids.length === 0) return null;
  const at = selected === null ? -1 : ids.indexOf(selected);
  return ids[(at + 1) % ids.length];
}
