// Which claims of the list are picked for a bulk action. A click on a row's
// box picks or drops that claim; a shift-click sets every claim between the
// last one clicked and this one the way the last click set it, as in a file
// manager. Ids, not positions: the list may load more pages meanwhile.

export interface Picked {
  ids: string[];
  /** The last claim clicked without Shift, and whether it was picked then. */
  anchor: { id: string; picked: boolean } | null;
}

export const NOTHING_PICKED: Picked = { ids: [], anchor: null };

export function pick(state: Picked, order: string[], id: string, shift: boolean): Picked {
  const from = state.anchor ? order.indexOf(state.anchor.id) : -1;
  const to = order.indexOf(id);
  if (shift && state.anchor && from >= 0 && to >= 0) {
    const span = order.slice(Math.min(from, to), Math.max(from, to) + 1);
    const ids = state.anchor.picked
      ? [...state.ids, ...span.filter((x) => !state.ids.includes(x))]
      : state.ids.filter((x) => !span.includes(x));
    return { ids, anchor: state.anchor };
  }
  const picked = !state.ids.includes(id);
  return { ids: picked ? [...state.ids, id] : state.ids.filter((x) => x !== id), anchor: { id, picked } };
}
