// What a paste, a drop or the clipboard brings to the window, decided before
// anything opens: a web address to capture, article text to read, an address
// that is refused, or nothing. Pure functions; the window's handlers are in
// App.svelte and the clipboard is read by the shell.
import type { CaptureLink } from '../../lib/ipc/bindings';

/** A capture to open, an address refused (with why), or nothing worth opening. */
export type Incoming = { link: CaptureLink } | { refused: string } | null;

/** The parts of a `DataTransfer` that are read (a paste's `clipboardData`, a drop's `dataTransfer`). */
export interface Transfer {
  readonly types: readonly string[];
  getData(format: string): string;
}

/** True for an absolute http(s) address with a host; `javascript:`, `file:` and the rest are not fetched. */
export function isWebAddress(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** `javascript:alert(1)` → `javascript`: a word that looks like a scheme, for the refusal. */
function schemeOf(s: string): string | null {
  return /^([a-z][a-z0-9+.-]*):/i.exec(s)?.[1].toLowerCase() ?? null;
}

/**
 * Text from a paste or the clipboard: one http(s) address (surrounding
 * whitespace ignored) opens the capture screen ready to fetch it; one word
 * with another scheme is refused; anything else is article text, kept exactly
 * as it came.
 */
export function fromText(text: string): Incoming {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (!/\s/.test(trimmed)) {
    if (isWebAddress(trimmed)) return { link: { url: trimmed, text: null } };
    const scheme = schemeOf(trimmed);
    if (scheme && scheme !== 'http' && scheme !== 'https') return { refused: refusal(scheme) };
  }
  return { link: { url: null, text } };
}

/**
 * An RFC 2483 `text/uri-list` (what a dragged link carries): lines split on
 * CRLF or LF, `#` lines are comments; the first http(s) address is taken.
 */
export function fromUriList(list: string): Incoming {
  const uris = list
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const web = uris.find(isWebAddress);
  if (web) return { link: { url: web, text: null } };
  const scheme = uris.map(schemeOf).find((s) => s !== null);
  return scheme ? { refused: refusal(scheme) } : null;
}

/** A paste or a drop: a dragged link (`text/uri-list`) first, else its plain text. */
export function fromTransfer(t: Transfer | null | undefined): Incoming {
  if (!t) return null;
  const types = Array.from(t.types);
  if (types.includes('text/uri-list')) {
    const fromList = fromUriList(t.getData('text/uri-list'));
    if (fromList) return fromList;
  }
  if (types.includes('text/plain')) return fromText(t.getData('text/plain'));
  return null;
}

/** Whether a drag carries something a drop could open (so the window accepts it). */
export function carriesText(t: Pick<Transfer, 'types'> | null | undefined): boolean {
  return !!t && Array.from(t.types).some((type) => type === 'text/uri-list' || type === 'text/plain');
}

function refusal(scheme: string): string {
  return `Only http and https pages can be captured; a ${scheme}: address was not taken.`;
}
