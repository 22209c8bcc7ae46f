// How the window says what an undo or a redo did: the core answers with the
// actions it took back (or made again), newest first for an undo.
import type { UndoneStep } from './ipc/bindings';

/** "correct_appearance" → "correct appearance". */
export const actionWords = (action: string) => action.replace(/_/g, ' ');

export function describeSteps(direction: 'undo' | 'redo', steps: UndoneStep[]): string {
  const verb = direction === 'undo' ? 'Undone' : 'Redone';
  const what = steps.map((s) => actionWords(s.action)).join(', ');
  return `${verb} ${steps.length} step${steps.length === 1 ? '' : 's'}: ${what}.`;
}

/** The number of steps typed in the footer: a whole number from 1, else 1. */
export function stepCount(typed: string | number): number {
  const n = typeof typed === 'number' ? typed : Number.parseInt(typed, 10);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 1000) : 1;
}
