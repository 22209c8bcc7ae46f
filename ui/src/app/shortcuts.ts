// The window's keyboard map, in one place so the shortcut sheet and the key
// handler cannot disagree.

export interface Shortcut {
  keys: string;
  does: string;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: 'Ctrl/⌘ K', does: 'Command palette: go anywhere, find a claim' },
  { keys: 'N', does: 'Capture a claim' },
  {
    keys: 'Ctrl/⌘ ⇧ V',
    does: 'Capture from the clipboard: an address to fetch or article text (Ctrl/⌘ V too, outside a text field)',
  },
  { keys: 'Ctrl/⌘ Z', does: 'Undo the last change: a log, a status, a correction, a deletion (outside a text field)' },
  { keys: 'Ctrl/⌘ ⇧ Z', does: 'Redo what was undone (outside a text field)' },
  { keys: '/', does: 'Search claims' },
  { keys: 'L', does: 'Claims list' },
  { keys: 'A', does: 'Actors' },
  { keys: '↑ ↓ Enter', does: 'Move through the claims list and open one' },
  { keys: 'Enter', does: 'Save the capture form (Ctrl/⌘ Enter inside the article text)' },
  { keys: 'Esc', does: 'Close, leave or go back (a capture draft is kept)' },
  { keys: '?', does: 'This sheet' },
];

/** Whether a key press belongs to a field being typed in, where letters must not act as shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export type Action = 'palette' | 'capture' | 'clipboard' | 'undo' | 'redo' | 'search' | 'claims' | 'actors' | 'sheet' | 'back' | null;

export function actionFor(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'> & { shiftKey?: boolean },
  typing: boolean,
): Action {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') return 'palette';
  if (e.key === 'Escape') return 'back';
  // In a text field these paste as usual; elsewhere they start a capture.
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !typing && e.key.toLowerCase() === 'v') return 'clipboard';
  // In a text field Ctrl/⌘ Z undoes typing; elsewhere it undoes the last change, and with Shift redoes.
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !typing && e.key.toLowerCase() === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'n':
    case 'N':
      return 'capture';
    case '/':
      return 'search';
    case 'l':
    case 'L':
      return 'claims';
    case 'a':
    case 'A':
      return 'actors';
    case '?':
      return 'sheet';
    default:
      return null;
  }
}
