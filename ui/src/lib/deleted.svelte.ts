// What was deleted in this window since it opened, so it can be restored
// where it was: a deleted appearance or relay edge on its claim's page, a
// deleted claim on the claims list. A deletion is a tombstone in the
// database; restoring is an undelete (also one step of the undo stack).
import { author } from './author';
import { undeleteRecord, undeleteRelay } from './ipc/commands';

export type Deleted =
  | { kind: 'appearance'; id: string; claimId: string; label: string }
  | { kind: 'relay'; from: string; to: string; claimId: string; label: string }
  | { kind: 'claim'; id: string; claimId: string; label: string };

class DeletedHere {
  items = $state<Deleted[]>([]);

  add(item: Deleted) {
    this.items = [...this.items, item];
  }

  of(claimId: string, kinds: Deleted['kind'][]): Deleted[] {
    return this.items.filter((d) => d.claimId === claimId && kinds.includes(d.kind));
  }

  claims(): Deleted[] {
    return this.items.filter((d) => d.kind === 'claim');
  }

  /** Restores it; it leaves the list whether the restore worked or found it restored already (by an undo). */
  async restore(item: Deleted) {
    this.items = this.items.filter((d) => d !== item);
    if (item.kind === 'relay') await undeleteRelay(item.from, item.to, author());
    else await undeleteRecord(item.id, author());
  }
}

export const deleted = new DeletedHere();
