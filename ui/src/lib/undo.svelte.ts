// The window's undo and redo, any number of steps: the footer's buttons (with
// how many steps) and Ctrl/⌘ Z, Ctrl/⌘ ⇧ Z outside a text field walk the
// database's own undo stack (`undo`/`redo` over IPC), the same one the CLI's
// `claimtrail undo` walks. Every change made in the window — a log, a status,
// a correction, a deletion — is one step there. After any change the current
// screen is drawn afresh from the database (`version` changes).

import { author } from './author';
import { CommandFailure } from './ipc/failure';
import { redoSteps, showClaim, undoSteps } from './ipc/commands';
import type { Logged, UndoneStep, VerdictEvent } from './ipc/bindings';
import { notice } from './notice.svelte';
import { route } from './route.svelte';
import { describeSteps, stepCount } from './undo-steps';
import { short } from './words';

class Undo {
  /** The last change made in this window, for the Undo button's title. */
  label = $state<string | null>(null);
  running = $state(false);
  version = $state(0);
  /** How many steps the footer's buttons take. */
  steps = $state(1);
  /** What the latest undo or redo did, step by step. */
  last = $state<{ direction: 'undo' | 'redo'; steps: UndoneStep[] } | null>(null);

  /** A change was saved: the screen is drawn again from the database. */
  changed(label: string) {
    this.label = label;
    this.version += 1;
  }

  /** A log from the capture screen or an accepted proposal. */
  logged(logged: Logged, claimText: string) {
    if (logged.created_appearance_ids.length > 0) this.label = `Logged “${short(claimText, 48)}”`;
  }

  /** A status change on the claim page. */
  statusSet(_claimId: string, event: VerdictEvent) {
    this.label = `Marked ${event.status}`;
  }

  undo(steps = this.steps) {
    return this.#walk('undo', steps);
  }

  redo(steps = this.steps) {
    return this.#walk('redo', steps);
  }

  async #walk(direction: 'undo' | 'redo', typed: number) {
    if (this.running) return;
    this.running = true;
    try {
      const n = stepCount(typed);
      const done = await (direction === 'undo' ? undoSteps(n, author()) : redoSteps(n, author()));
      this.last = { direction, steps: done };
      this.label = null;
      await this.#leaveWhatIsGone();
      this.version += 1;
      notice.show(describeSteps(direction, done), 8000);
    } catch (e) {
      notice.show(`Could not ${direction}: ${CommandFailure.from(e).message}`, 8000);
    } finally {
      this.running = false;
    }
  }

  /** The claim page of a claim an undo took away goes back to the list. */
  async #leaveWhatIsGone() {
    const here = route.current;
    if (here.name !== 'claim') return;
    try {
      await showClaim(here.claimId);
    } catch {
      route.go({ name: 'claims' });
    }
  }
}

export const undo = new Undo();
