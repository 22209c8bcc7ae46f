// Which rows of a fixed-height list are on screen. Only those are in the DOM,
// so 100,000 claims scroll as smoothly as 10.

export interface RowWindow {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
}

export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan = 8,
): RowWindow {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const shown = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first - overscan, total - 1));
  const end = Math.min(total, first + shown + overscan);
  return { start, end: Math.max(start, end) };
}

/** Whether the next keyset page should be fetched: the window nears the loaded end. */
export function wantsNextPage(window: RowWindow, loaded: number, exhausted: boolean, margin = 40): boolean {
  return !exhausted && loaded > 0 && window.end + margin >= loaded;
}
