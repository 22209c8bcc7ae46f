import { describe, expect, it } from 'vitest';
import type { Captured } from '../../lib/ipc/bindings';
import { emptyDraft } from './capture-draft';
import { BOOKMARKLET, describeCapture, draftFromLink, fillFromCapture } from './sent-page';

const page = (over: Partial<Captured> = {}): Captured => ({
  document_id: 'd1',
  new_document: true,
  url: 'https://www.kenyastar.example/luhansk?utm_source=x',
  canonical_url: 'https://www.kenyastar.example/luhansk',
  final_url: 'https://www.kenyastar.example/luhansk',
  title: 'Luhansk fully liberated, governor says',
  byline: null,
  published_at: '2025-07-04T01:27:00Z',
  outlet: null,
  outlet_id: null,
  outlet_created: false,
  unknown_outlet: { domain: 'kenyastar.example', name: 'Kenya Star' },
  claimed_name: null,
  snapshot_id: 's1',
  sha256: 'ab'.repeat(32),
  text_sha256: 'cd'.repeat(32),
  http_status: 200,
  content_type: 'text/html',
  retrieved_at: '2025-07-04T10:00:00Z',
  claim_reviews: [],
  text: 'The whole article.',
  ...over,
});

describe('the bookmarklet', () => {
  it('sends the address and the selection, both encoded', () => {
    expect(BOOKMARKLET.startsWith('javascript:')).toBe(true);
    expect(BOOKMARKLET).toContain("'claimtrail://capture?url='+encodeURIComponent(location.href)");
    expect(BOOKMARKLET).toContain("'&text='+encodeURIComponent(String(getSelection()))");
  });
});

describe('draftFromLink', () => {
  it('starts a fresh draft with the page and keeps the case', () => {
    const d = draftFromLink({ url: 'https://x.example/a', text: 'selected words' }, 'Ukraine, July 2025');
    expect(d).toEqual({ ...emptyDraft(), url: 'https://x.example/a', text: 'selected words', caseName: 'Ukraine, July 2025' });
  });
});

describe('fillFromCapture', () => {
  it('fills only what was not typed, and uses the canonical address', () => {
    const d = { ...emptyDraft(), text: 'the paragraph she selected', outlet: 'The Star' };
    fillFromCapture(d, page());
    expect(d.url).toBe('https://www.kenyastar.example/luhansk');
    expect(d.text).toBe('the paragraph she selected');
    expect(d.outlet).toBe('The Star');
    expect(d.title).toBe('Luhansk fully liberated, governor says');
    expect(d.published).toBe('2025-07-04');
  });

  it('takes the whole text and the offered outlet into an empty draft', () => {
    const d = emptyDraft();
    fillFromCapture(d, page());
    expect(d.text).toBe('The whole article.');
    expect(d.outlet).toBe('Kenya Star');
  });
});

describe('describeCapture', () => {
  it('says what was kept and whether the outlet is known', () => {
    expect(describeCapture(page())).toBe(
      'Snapshot kept (HTTP 200, SHA-256 abababababab…); no outlet owns kenyastar.example yet: “Kenya Star” is created when you save.',
    );
    expect(describeCapture(page({ outlet: 'Kenya Star', unknown_outlet: null }))).toContain('outlet Kenya Star');
  });
});
