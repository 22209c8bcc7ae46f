// A page sent from the browser (the bookmarklet's claimtrail://capture link)
// waits in the shell until the window asks: at start and whenever the window
// gains focus, which the shell gives it when a link arrives. A draft being
// typed is never replaced unasked: the page then waits here for "Use it".
import type { CaptureLink } from '../../lib/ipc/bindings';
import { takeCaptureLink } from '../../lib/ipc/commands';
import { notice } from '../../lib/notice.svelte';
import { route } from '../../lib/route.svelte';
import { draft } from './draft.svelte';
import { draftFromLink } from './sent-page';

class SentPage {
  /** A page that arrived while a draft was being typed. */
  waiting = $state<CaptureLink | null>(null);

  /** Asks the shell for a page sent from the browser and opens the capture screen with it. */
  async take(): Promise<void> {
    const link = await takeCaptureLink().catch(() => null);
    if (!link) return;
    if (draft.touched) {
      this.waiting = link;
      notice.show('A page arrived from the browser; your draft is kept until you choose.');
    } else {
      this.use(link);
    }
    if (route.current.name !== 'capture') route.go({ name: 'capture' });
  }

  use(link: CaptureLink = this.waiting ?? { url: null, text: null }): void {
    draft.value = draftFromLink(link, draft.value.caseName);
    this.waiting = null;
  }
}

export const sentPage = new SentPage();
