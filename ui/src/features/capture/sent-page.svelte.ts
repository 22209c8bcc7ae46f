// Material sent to the capture screen from outside the form: a page from the
// browser (the bookmarklet's claimtrail://capture link), the clipboard at a
// press of the system-wide shortcut (both wait in the shell until the window
// asks: at start, on focus and once a second), and what is pasted or dropped
// onto the window or read from the clipboard by the window's own shortcut.
// A draft being typed is never replaced unasked: the material then waits
// here for "Use it".
import type { CaptureLink } from '../../lib/ipc/bindings';
import { readClipboard, takeCaptureLink, takeClipboardCapture } from '../../lib/ipc/commands';
import { CommandFailure } from '../../lib/ipc/failure';
import { notice } from '../../lib/notice.svelte';
import { route } from '../../lib/route.svelte';
import { draft } from './draft.svelte';
import { fromText, type Incoming } from './pasted';
import { draftFromLink } from './sent-page';

class SentPage {
  /** Material that arrived while a draft was being typed. */
  waiting = $state<CaptureLink | null>(null);
  /** Where the waiting material came from, as the capture screen says it. */
  waitingFrom = $state('A page arrived from the browser');

  /** Asks the shell for a page sent from the browser, or the clipboard the global shortcut took. */
  async take(): Promise<void> {
    const link = await takeCaptureLink().catch(() => null);
    if (link) this.receive(link, 'A page arrived from the browser');
    const clipboard = await takeClipboardCapture().catch(() => null);
    if (clipboard !== null) this.open(fromText(clipboard), 'the clipboard');
  }

  /** The window's own "capture from the clipboard". */
  async fromClipboard(): Promise<void> {
    try {
      this.open(fromText((await readClipboard()) ?? ''), 'the clipboard');
    } catch (e) {
      notice.show(CommandFailure.from(e).message);
    }
  }

  /** Opens the capture screen with what a paste, a drop or the clipboard (`source`) brought. */
  open(incoming: Incoming, source: string): void {
    if (!incoming) notice.show(`Nothing to capture: ${source} holds no text or address.`);
    else if ('refused' in incoming) notice.show(incoming.refused);
    else this.receive(incoming.link, `Material arrived from ${source}`);
  }

  private receive(link: CaptureLink, from: string): void {
    if (draft.touched) {
      this.waiting = link;
      this.waitingFrom = from;
      notice.show(`${from}; your draft is kept until you choose.`);
    } else {
      // Text brought to the capture screen joins the address it shows; brought
      // from anywhere else it starts afresh, never beside a stale address.
      const onScreen = route.current.name === 'capture' && link.url === null && draft.value.url;
      this.use(onScreen ? { ...link, url: draft.value.url } : link);
    }
    if (route.current.name !== 'capture') route.go({ name: 'capture' });
  }

  use(link: CaptureLink = this.waiting ?? { url: null, text: null }): void {
    draft.value = draftFromLink(link, draft.value.caseName);
    this.waiting = null;
  }
}

export const sentPage = new SentPage();
