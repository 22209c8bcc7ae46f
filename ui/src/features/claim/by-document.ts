// The claim page lists appearances under the document they appear in, so a
// checker sees at a glance which pages carry the claim and who speaks in each.
import type { AppearanceView } from '../../lib/ipc/bindings';

export interface DocumentGroup {
  /** The document id, or `null` for appearances not tied to any document. */
  documentId: string | null;
  title: string;
  url: string | null;
  outlet: string | null;
  published: string | null;
  located: boolean;
  /** When a recapture found the page gone (404, 410, 451); `null` while it is there. */
  takenDown: string | null;
  appearances: AppearanceView[];
}

export function groupByDocument(appearances: AppearanceView[]): DocumentGroup[] {
  const groups = new Map<string, DocumentGroup>();
  for (const a of appearances) {
    const key = a.document_id ?? `none:${a.actor_id}:${a.id}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        documentId: a.document_id,
        title: a.title ?? a.url ?? (a.document_id ? `Untitled item${a.outlet ? ` by ${a.outlet}` : ''}` : `Said by ${a.actor}`),
        url: a.url,
        outlet: a.outlet,
        published: a.published_at,
        located: a.located,
        takenDown: a.taken_down_at,
        appearances: [],
      };
      groups.set(key, g);
    }
    g.appearances.push(a);
  }
  // Located documents first, then what nobody has found, then bare statements.
  const rank = (g: DocumentGroup) => (g.documentId === null ? 2 : g.located ? 0 : 1);
  return [...groups.values()].sort((a, b) => rank(a) - rank(b));
}
