// Answers to questions asked as the user types arrive in any order; only the
// answer to the latest question may be shown. Every as-you-type lookup numbers
// its questions here.

/** The questions of one lookup (one field, one list), numbered as they are asked. */
export class Latest {
  #asked = 0;

  /**
   * Starts a question: answers to every earlier one are stale from now on.
   * The returned function tells, when the answer arrives, whether it is still
   * the latest question's.
   */
  ask(): () => boolean {
    const mine = ++this.#asked;
    return () => mine === this.#asked;
  }

  /** Work that continues the latest question (its next page): stale once another question is asked. */
  continuing(): () => boolean {
    const mine = this.#asked;
    return () => mine === this.#asked;
  }
}
