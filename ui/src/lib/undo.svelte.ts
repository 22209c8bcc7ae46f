// The window's one "undo the last action": the Undo button at the bottom of
// the window and Ctrl/⌘ Z outside a text field both take back what the last
// log or status change did. After an undo the current screen is drawn afresh
// from the database (`version` changes).

import { LastAction, type Undoable } from './last-action';
import { notice } from './notice.svelte';
import { route } from './route.svelte';
import { undoLog, undoStatus } from './ipc/commands';
import type { Logged, VerdictEvent } from './ipc/bindings';

const short = (text: string) => (text.length > 48 ? `${text.slice(0, 47)}…` : text);

class Undo {
  label = $state<string | null>(null);
  running = $state(false);
  version = $state(0);
  #last = new LastAction();

  record(action: Undoable) {
    this.#last.record(action);
    this.label = action.label;
  }

  /** A log from the capture screen or an accepted proposal. */
  logged(logged: Logged, claimText: string) {
    const ids = logged.created_appearance_ids;
    if (ids.length === 0) {
      // Nothing new was stored (the whole chain was already logged): nothing to take back.
      return;
    }
    this.record({
      label: `Logged “${short(claimText)}”`,
      undo: async () => {
        const done = await undoLog(logged.claim_id, ids);
        const here = route.current;
        if (done.claim_removed && here.name === 'claim' && here.claimId === logged.claim_id) route.go({ name: 'claims' });
        return done.claim_removed
          ? 'Undone: the claim and its chain are removed.'
          : `Undone: ${done.appearances_removed} appearance${done.appearances_removed === 1 ? '' : 's'} removed.`;
      },
    });
  }

  /** A status change on the claim page. */
  statusSet(claimId: string, event: VerdictEvent) {
    this.record({
      label: `Marked ${event.status}`,
      undo: async () => {
        const back = await undoStatus(claimId, event.id, event.author);
        return `Undone: the status is back to ${back.status} (the change stays in the history).`;
      },
    });
  }

  async undo() {
    this.running = true;
    try {
      const outcome = await this.#last.undo();
      if (!outcome) return;
      this.label = this.#last.current?.label ?? null;
      if (outcome.ok) this.version += 1;
      notice.show(outcome.message, 8000);
    } finally {
      this.running = false;
    }
  }
}

export const undo = new Undo();
