// What Accept logs is what the proposal showed: a claim proposed as disputed
// ("although not everyone agreed") is saved with its disputing appearance, so
// the claim page says it is disputed and lists who disputes it; the wording
// typed on the card is the claim (the quote stays as written) and it is filed
// under the case named once in the form.
import { describe, expect, it } from 'vitest';
import { proposeFrom } from './capture-steps';
import { windowOnOwnDatabase } from './own-database';

const WORDING = 'The Luhansk region is fully under Russian control';
const CASE = 'Luhansk, July 2025';
const ARTICLE =
  'The Russian-installed governor of Luhansk, Leonid Pasechnik, said on Thursday that the region ' +
  '"has been 100 per cent liberated", although not everyone agreed, Al Jazeera reported.';

const win = windowOnOwnDatabase('dispute');

describe('accepting a disputed proposal', () => {
  it('logs the claim with the dispute the proposal showed', async () => {
    const s = win.session();
    await s.click('nav button:nth-of-type(2)');
    await s.type('input[name=case]', CASE);
    await proposeFrom(s, ARTICLE);
    const card = await s.waitForText('.proposal-list', (t) => t.includes('Pasechnik'));
    expect(card).toContain('disputed');
    expect(await s.text('.proposal-case')).toContain(CASE);
    await s.clear('.proposal-list li input[name=proposal-claim]');
    await s.type('.proposal-list li input[name=proposal-claim]', WORDING);
    await s.click('.proposal-list li button.accept');
    await s.waitForText('.notice', (t) => t.includes('Claim logged'));
    await s.waitFor('.proposal-list li.accepted');

    await s.click('nav button:nth-of-type(1)');
    await s.waitForText('.claims .viewport', (t) => t.includes(WORDING));
    await s.run(`document.querySelector('.row').click(); return 1`);
    await s.waitForText('#claim-heading', (t) => t === WORDING);
    expect(await s.text('.claim-facts')).toContain(CASE);
    expect(await s.text('section[aria-labelledby="appearances-heading"]')).toContain('has been 100 per cent liberated');
    expect(await s.text('.current-status')).toMatch(/disputed/i);
    const disputes = await s.waitForText('section[aria-labelledby="disputes-heading"]', (t) => t !== '');
    expect(disputes).toContain('although not everyone agreed');
  });

  it('loses nothing to a stray key outside a field while the status form holds a reason', async () => {
    const s = win.session();
    await s.waitForText('#claim-heading', (t) => t === WORDING);
    await s.type('.status-form textarea[name="reason"]', 'Two maps disagree');
    await s.run(`document.activeElement.blur(); return 1`);
    await s.type('body', 'a');
    await s.type('body', 'n');
    expect(await s.text('#claim-heading')).toBe(WORDING);
    expect(await s.run<string>(`return document.querySelector('.status-form textarea[name="reason"]').value`)).toBe(
      'Two maps disagree',
    );
    // With nothing typed on screen, the same key goes to Actors.
    await s.run(
      `const ta = document.querySelector('.status-form textarea[name="reason"]'); ta.value = '';
       ta.dispatchEvent(new Event('input', { bubbles: true })); document.activeElement.blur(); return 1`,
    );
    await s.type('body', 'a');
    await s.waitFor('.actors');
  });
});
