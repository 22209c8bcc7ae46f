// One short message at the bottom of the window ("Logged, attached to an
// existing claim"), read out by screen readers, gone after a few seconds.

class Notice {
  text = $state('');
  #timer: ReturnType<typeof setTimeout> | undefined;

  show(text: string, ms = 5000) {
    this.text = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (this.text = ''), ms);
  }
}

export const notice = new Notice();
