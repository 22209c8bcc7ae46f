// The correction form of one appearance: what it holds when opened, and the
// edit that saving sends — only the fields that changed, so the history
// shows exactly what the checker corrected. The speaker is sent separately,
// once the name has been resolved to a known actor or declared someone new.
import type { AppearanceKind, AppearanceView, Edit, Stance } from '../../lib/ipc/bindings';

export interface AppearanceForm {
  speaker: string;
  role: string;
  quote: string;
  kind: AppearanceKind;
  cue: string;
  stance: Stance;
  saidAt: string;
  document: string;
  /** A claim's id or handle to move the appearance to; blank keeps it. */
  moveTo: string;
}

export function formOf(a: AppearanceView): AppearanceForm {
  return {
    speaker: a.actor,
    role: a.actor_role ?? '',
    quote: a.quote ?? '',
    kind: a.kind,
    cue: a.cue ?? '',
    stance: a.stance,
    saidAt: a.said_at_text ?? a.said_at ?? '',
    document: a.document_id ?? '',
    moveTo: '',
  };
}

/** Whether the speaker's name was changed (spacing and case alone are no change). */
export function speakerChanged(before: AppearanceForm, after: AppearanceForm): boolean {
  const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  return key(before.speaker) !== key(after.speaker);
}

/** The fields that differ, as the core's edit takes them (an empty string clears an optional field). */
export function changedFields(before: AppearanceForm, after: AppearanceForm): Partial<Edit> {
  const edit: Partial<Edit> = {};
  const text = (a: string, b: string) => a.trim() !== b.trim();
  if (text(before.role, after.role)) edit.role = after.role.trim();
  if (text(before.quote, after.quote)) edit.quote = after.quote.trim();
  if (before.kind !== after.kind) edit.kind = after.kind;
  if (text(before.cue, after.cue)) edit.cue = after.cue.trim();
  if (before.stance !== after.stance) edit.stance = after.stance;
  if (text(before.saidAt, after.saidAt)) edit.said_at = after.saidAt.trim();
  if (text(before.document, after.document)) edit.document = after.document.trim();
  if (after.moveTo.trim() !== '') edit.claim = after.moveTo.trim();
  return edit;
}
