// Accepting an extraction proposal in the real window never creates a
// near-duplicate silently: a proposed speaker whose name only looks like a
// known actor is asked about first, and picking the known actor logs the
// claim under it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { logClaim, proposeFrom } from './capture-steps';
import { appWithOwnDatabase, type OwnDatabase } from './own-database';
import { Session } from './webdriver';

const DRIVER = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
const APP = process.env.CLAIMTRAIL_APP;
const SHOTS = process.env.CLAIMTRAIL_SCREENSHOTS ?? join(__dirname, '..', '..', 'test-output');
const KNOWN = 'Leonid Pasechnik';
const ARTICLE = 'Leonid Pasechnick said the region had been "fully liberated" by the end of June, Al Jazeera reported.';

let s: Session;
let own: OwnDatabase | undefined;

beforeAll(async () => {
  if (!APP) throw new Error('CLAIMTRAIL_APP must name the built claimtrail-desktop binary (scripts/e2e.sh sets it)');
  own = appWithOwnDatabase(APP, 'proposal-names');
  s = await Session.start(DRIVER, own.launcher);
  await s.waitFor('nav button');
  await logClaim(s, 'Luhansk is fully under Russian control', KNOWN);
}, 120_000);

afterAll(async () => {
  await s?.end();
  own?.remove();
});

describe('accepting a proposal', () => {
  it('asks about a name that looks like a known actor, and logs under the one picked', async () => {
    await proposeFrom(s, ARTICLE);
    await s.waitForText('.proposal-list', (t) => t.includes('fully liberated'));
    await s.click('.proposal-list li[data-proposal="0"] button.accept');
    // Nothing is logged yet: the name is asked about, with the known actor offered.
    const asked = await s.waitForText('.proposal-list .proposal-names', (t) => t.includes(KNOWN));
    expect(asked).toContain('another spelling of the same name');
    expect(await s.run<boolean>(`return !!document.querySelector('.proposal-list li.accepted')`)).toBe(false);
    await s.screenshot(join(SHOTS, 'proposal-names.png'));
    await s.click('.proposal-list .proposal-names button.candidate');
    await s.waitFor('.proposal-list li.accepted[data-proposal="0"]');
    await s.waitForText('.notice', (t) => t.includes('Claim logged'));

    await s.click('nav button:nth-of-type(3)');
    const status = await s.waitForText('.actors .list-status', (t) => /\d+ actors?$/.test(t));
    const names = await s.run<string[]>(`return [...document.querySelectorAll('.actor-table button.link')].map((b) => b.textContent)`);
    expect(names).toContain(KNOWN);
    expect(names).not.toContain('Leonid Pasechnick');
    expect(status).toBe(`${names.length} actors`);
  });
});
