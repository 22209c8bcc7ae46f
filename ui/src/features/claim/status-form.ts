// Setting a status: a reason is required (a verdict nobody can explain is
// worthless) and evidence must be web links the checker can reopen.
import type { Status, StatusRequest } from '../../lib/ipc/bindings';

export interface StatusForm {
  status: Status;
  reason: string;
  /** One link per line. */
  evidence: string;
  author: string;
}

export type StatusCheck = { ok: true; request: StatusRequest } | { ok: false; problems: Partial<Record<keyof StatusForm, string>> };

export function evidenceLinks(text: string): string[] {
  return text
    .split(/[\n\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function isWebLink(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export function checkStatusForm(form: StatusForm): StatusCheck {
  const problems: Partial<Record<keyof StatusForm, string>> = {};
  if (form.reason.trim() === '') problems.reason = 'Say why: a reason is required.';
  const links = evidenceLinks(form.evidence);
  const bad = links.filter((l) => !isWebLink(l));
  if (bad.length > 0) problems.evidence = `Not a web link (http or https): ${bad.join(', ')}`;
  if (form.author.trim() === '') problems.author = 'Who is setting it?';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    request: { status: form.status, reason: form.reason.trim(), evidence: links, author: form.author.trim() },
  };
}
