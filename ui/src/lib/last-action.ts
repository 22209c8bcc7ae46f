// Undo of the last action. Each action that changes the database leaves one
// way to take it back; the newest replaces the one before, and taking it back
// is done at most once. What an undo does is the core's business (a log's
// rows removed, a status change answered by a verdict restoring the one
// before); this only keeps track of which action is the last.

export interface Undoable {
  /** What was done, as the window says it: "Logged “…”". */
  label: string;
  /** Takes the action back; resolves to the message to show. */
  undo: () => Promise<string>;
}

export type UndoOutcome = { ok: true; message: string } | { ok: false; message: string };

export class LastAction {
  #current: Undoable | null = null;
  #running = false;

  get current(): Undoable | null {
    return this.#current;
  }

  get running(): boolean {
    return this.#running;
  }

  record(action: Undoable) {
    this.#current = action;
  }

  forget() {
    this.#current = null;
  }

  /** Undoes the last action once. A failed undo keeps it, so the user can retry after reading why. */
  async undo(): Promise<UndoOutcome | null> {
    const action = this.#current;
    if (!action || this.#running) return null;
    this.#running = true;
    try {
      const message = await action.undo();
      if (this.#current === action) this.#current = null;
      return { ok: true, message };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return { ok: false, message: `Could not undo: ${reason}` };
    } finally {
      this.#running = false;
    }
  }
}
