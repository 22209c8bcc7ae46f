// Getting a page into the capture screen with one gesture: the bookmarklet
// the help sheet shows, the draft a `claimtrail://capture` link starts, and
// what a fetched page fills in. Pure functions; the IPC calls are elsewhere.
import type { CaptureLink, Captured } from '../../lib/ipc/bindings';
import { emptyDraft, type CaptureDraft } from './capture-draft';

/**
 * Sends the page's address and the selected text to the running app. Typed
 * once as a bookmark's address; no browser extension needed.
 */
export const BOOKMARKLET =
  "javascript:location.href='claimtrail://capture?url='+encodeURIComponent(location.href)" +
  "+'&text='+encodeURIComponent(String(getSelection()))";

/** A fresh draft from a link, keeping the case the checker is working in. */
export function draftFromLink(link: CaptureLink, caseName: string): CaptureDraft {
  return { ...emptyDraft(), caseName, url: link.url ?? '', text: link.text ?? '' };
}

/**
 * Fills what the checker has not typed from a fetched page. Text she selected
 * stays (the whole page is in the snapshot anyway); the address becomes the
 * canonical one, so the claim lands on the same document as the snapshot.
 */
export function fillFromCapture(d: CaptureDraft, page: Captured): void {
  d.url = page.canonical_url;
  if (!d.text.trim()) d.text = page.text;
  if (!d.title.trim()) d.title = page.title ?? '';
  if (!d.outlet.trim()) d.outlet = page.outlet ?? page.unknown_outlet?.name ?? '';
  if (!d.published && page.published_at) d.published = page.published_at.slice(0, 10);
}

/** One line on what was kept, for the capture screen. */
export function describeCapture(page: Captured): string {
  const kept = page.sha256
    ? `Snapshot kept (HTTP ${page.http_status ?? '?'}, SHA-256 ${page.sha256.slice(0, 12)}…)`
    : 'Pasted text kept';
  const outlet = page.outlet
    ? `outlet ${page.outlet}`
    : page.unknown_outlet
      ? `no outlet owns ${page.unknown_outlet.domain} yet: “${page.unknown_outlet.name}” is created when you save`
      : 'outlet unknown';
  return `${kept}; ${outlet}.`;
}
