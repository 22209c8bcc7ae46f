// A published review that disagrees with the desk's verdict, imported with the
// CLI: the claim page shows both verdicts with their reasons, "Decide" fills
// the status form with that side's status, and setting it clears the conflict
// while both verdicts stay in the history.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openClaim } from './capture-steps';
import { cliOn, windowOnOwnDatabase } from './own-database';

const SHOTS = process.env.CLAIMTRAIL_SCREENSHOTS ?? join(__dirname, '..', '..', 'test-output');
const CLAIM = 'The dam was hit twice';

const win = windowOnOwnDatabase('conflict', (own, app) => {
  const run = (...args: string[]) => cliOn(own, app, ...args);
  run('log', '--claim', CLAIM, '--by', 'Regional governor');
  const handle: string = JSON.parse(run('list', '--json'))[0].handle;
  run('status', handle, '--set', 'verified', '--reason', 'two satellite images', '--author', 'Desk');
  const review = join(dirname(own.database), 'review.json');
  writeFileSync(
    review,
    JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: CLAIM,
      datePublished: new Date(Date.now() + 60_000).toISOString(),
      author: { '@type': 'Organization', name: 'Fact Desk' },
      reviewBody: 'Only one strike is on record',
      reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1 },
    }),
  );
  run('import', review);
});

describe('a verdict conflict', () => {
  it('shows both sides on the claim page and is decided by setting a status', async () => {
    const s = win.session();
    await openClaim(s, CLAIM);
    const shown = await s.waitForText('.conflicts', (t) => t.includes('Only one strike is on record'));
    expect(shown).toContain('two satellite images');
    expect(shown).toContain('Fact Desk');
    expect(await s.text('.current-status')).toMatch(/false/i);
    await s.screenshot(join(SHOTS, 'verdict-conflict.png'));

    await s.click('.conflict [data-side="theirs"] .take');
    expect(await s.run<string>(`return document.querySelector('.status-form select[name="status"]').value`)).toBe('false');
    expect(await s.run<string>(`return document.activeElement.getAttribute('name')`)).toBe('reason');
    await s.type('.status-form textarea[name="reason"]', 'The review holds: one strike');
    await s.click('.status-form button[type="submit"]');
    await s.waitForText('.status-form [aria-live]', (t) => t.includes('Marked false'));
    await s.waitForText('#history-heading', () => true);
    expect(await s.run<number>(`return document.querySelectorAll('.conflicts').length`)).toBe(0);
    const history = await s.text('.history');
    expect(history).toContain('two satellite images');
    expect(history).toContain('Only one strike is on record');
    expect(history).toContain('The review holds: one strike');
  });
});
