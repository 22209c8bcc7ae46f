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
  { keys: 'N L A / ?', does: 'Act only outside a text field, and only while no form on screen holds unsaved text' },
];

/** Whether a key press belongs to a field being typed in, where letters must not act as shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** Input types that hold typed text. */
const TEXT_TYPES = new Set(['text', 'url', 'email', 'number', 'date', 'datetime-local', 'tel', '']);

/** The fields the checker has typed into (a value the app filled in is not her work). */
const typedInto = new WeakSet<object>();

/** Notes the field an `input` event came from as typed into; listen on the document. */
export function noteTyping(e: Event): void {
  if (e.target) typedInto.add(e.target);
}

/**
 * Whether a form under `root` holds text the checker typed and has not saved:
 * a stray letter must not then leave the screen (and a half-filled form with
 * it). Search boxes, choices and values the app filled in are not typed work.
 */
export function hasUnsavedInput(
  root: { querySelectorAll(css: string): ArrayLike<Field> } | null,
  typed: (field: Field) => boolean = (field) => typedInto.has(field),
): boolean {
  if (!root) return false;
  return Array.from(root.querySelectorAll('input, textarea')).some((el) => {
    if (el.tagName === 'INPUT' && !TEXT_TYPES.has(el.type)) return false;
    if (el.readOnly || el.disabled) return false;
    return typed(el) && el.value.trim() !== '';
  });
}

/** What `hasUnsavedInput` reads of an input or a text area. */
interface Field {
  tagName: string;
  type: string;
  value: string;
  readOnly: boolean;
  disabled: boolean;
}

export type Action = 'palette' | 'capture' | 'clipboard' | 'undo' | 'redo' | 'search' | 'claims' | 'actors' | 'sheet' | 'back' | null;

export function actionFor(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'> & { shiftKey?: boolean },
  typing: boolean,
  unsaved = false,
): Action {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') return 'palette';
  if (e.key === 'Escape') return 'back';
  // In a text field these paste as usual; elsewhere they start a capture.
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !typing && e.key.toLowerCase() === 'v') return 'clipboard';
  // In a text field Ctrl/⌘ Z undoes typing; elsewhere it undoes the last change, and with Shift redoes.
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !typing && e.key.toLowerCase() === 'z') return e.shiftKey ? 'redo' : 'undo';
  // Single keys act only when nothing typed on screen would be left behind.
  if (typing || unsaved || e.ctrlKey || e.metaKey || e.altKey) return null;
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
