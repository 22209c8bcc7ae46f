// The capture draft lives outside the screen so that leaving the screen (Esc,
// the palette, a misclick) never throws away what was typed. Only a
// successful save or "Discard" clears it.
import { emptyDraft, type CaptureDraft } from './capture-draft';

class Draft {
  value = $state<CaptureDraft>(emptyDraft());
  nextKey = 1;

  discard() {
    const caseName = this.value.caseName;
    // The case is kept: a checker logs many claims into the same case in a row.
    this.value = { ...emptyDraft(), caseName };
  }

  get touched(): boolean {
    const d = this.value;
    return d.text !== '' || d.claim !== '' || d.speaker !== '' || d.relays.length > 0 || d.quote !== '';
  }
}

export const draft = new Draft();
