// A name spelt another way, in the real window: typing "Leonid Pasechnick"
// after "Leonid Pasechnik" was logged offers the known man under the field
// with the reason; one click uses his name, and the claim keeps one
// independent origin. Saving a look-alike without choosing asks first and
// logs nothing; "This is someone else" logs a new actor, recorded as
// different from the known one (not a possible duplicate), which the actor
// page can still merge into the known one.
//
// On a database of this test's own (through a launcher that sets CLAIMTRAIL_DB).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openActor } from './actor-steps';
import { logClaim } from './capture-steps';
import { appWithOwnDatabase, type OwnDatabase } from './own-database';
import { Session } from './webdriver';

const DRIVER = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
const APP = process.env.CLAIMTRAIL_APP;
const SHOTS = process.env.CLAIMTRAIL_SCREENSHOTS ?? join(__dirname, '..', '..', 'test-output');
const ENTER = '\uE007';
const KNOWN = 'Leonid Pasechnik';
const TYPO = 'Leonid Pasechnick';
const CLAIM = 'Luhansk is fully under Russian control';
const OTHER_CLAIM = 'Severodonetsk will be rebuilt by winter';

let s: Session;
let own: OwnDatabase | undefined;

/** Opens Capture and types a claim, its speaker and one relay, without saving. */
async function fillCapture(claim: string, speaker: string, relay: string) {
  await s.click('nav button:nth-of-type(2)');
  await s.waitFor('input[name=claim]');
  await s.type('input[name=claim]', claim);
  // Added before the names: candidates under a field move what is below it.
  await s.click('.add-relay');
  await s.type('input[name=speaker]', speaker);
  await s.type('#relay-name-0', relay);
}

const speakerValue = () => s.run<string>(`return document.querySelector('input[name=speaker]').value`);

beforeAll(async () => {
  if (!APP) throw new Error('CLAIMTRAIL_APP must name the built claimtrail-desktop binary (scripts/e2e.sh sets it)');
  own = appWithOwnDatabase(APP, 'names');
  s = await Session.start(DRIVER, own.launcher);
  await s.waitFor('nav button');
  await logClaim(s, CLAIM, KNOWN, { relay: 'Al Jazeera' });
}, 120_000);

afterAll(async () => {
  await s?.end();
  own?.remove();
});

describe('a name that may be a known actor', () => {
  it('is offered as she types, with the reason, and one click uses the known name', async () => {
    await fillCapture(CLAIM, TYPO, 'TASS');
    const offered = await s.waitForText('.name-candidates', (t) => t.includes(KNOWN));
    expect(offered).toContain(`${KNOWN} — another spelling of the same name`);
    expect(offered).toContain('This is someone else');
    await s.screenshot(join(SHOTS, 'name-candidates-offered.png'));

    await s.click('.name-candidates button.candidate');
    expect(await speakerValue()).toBe(KNOWN);
    // Picked: nothing left to offer, the speaker is known.
    await s.waitForText('.capture', (t) => !t.includes('This is someone else'));
    // The keyboard is back in the field, so Enter saves from there.
    expect(await s.run<string | null>(`return document.activeElement?.getAttribute('name') ?? null`)).toBe('speaker');
    await s.chord(ENTER);
    await s.waitForText('#claim-heading', (t) => t === CLAIM);
    const facts = await s.waitForText('.claim-facts', (t) => t.includes('2 outlets'));
    expect(facts).toContain('2 outlets / 1 independent origin');
    await s.screenshot(join(SHOTS, 'name-candidates-one-origin.png'));
  });

  it('asks on saving until she decides, logging nothing before; "someone else" logs a new actor', async () => {
    await fillCapture(OTHER_CLAIM, TYPO, 'RIA Novosti');
    await s.waitForText('.name-candidates', (t) => t.includes(KNOWN));
    await s.type('input[name=speaker]', ENTER);
    const prompt = await s.waitForText('.name-prompt', (t) => t.includes('Not saved yet'));
    expect(prompt).toContain(`${KNOWN} — another spelling of the same name`);
    // The prompt takes the keyboard: its first choice has focus.
    expect(await s.run<string>(`return document.activeElement?.closest('.name-prompt') ? 'prompt' : 'elsewhere'`)).toBe('prompt');
    expect(await s.run<boolean>(`return !!document.querySelector('#claim-heading')`)).toBe(false);
    await s.screenshot(join(SHOTS, 'name-candidates-prompt.png'));

    await s.click('.name-prompt .someone-else');
    await s.waitForText('#claim-heading', (t) => t === OTHER_CLAIM);
    await s.click('nav button:nth-of-type(3)');
    await s.waitForText('.actor-table', (t) => t.includes(TYPO));
    expect(await s.text('.actors .list-status')).toBe('5 actors');
    // She said it is someone else: the pair is recorded as different and not offered again as a possible duplicate.
    await s.click('.possible-duplicates');
    await s.waitForText('.duplicates .list-status', (t) => t !== '' && !t.startsWith('Looking'));
    expect(await s.text('.duplicates')).not.toContain(TYPO);
  });

  it('merges the duplicate into the known actor on the actor page', async () => {
    await openActor(s, KNOWN);
    await s.type('input[name=merge]', TYPO);
    await s.waitForText('.merge-target', (t) => t.includes(TYPO));
    await s.click('.merge-form button[type=submit]');
    await s.waitForText('.merge-form button[type=submit]', (t) => t === 'Confirm merge');
    await s.click('.merge-form button[type=submit]');
    await s.waitForText('.notice', (t) => t.includes(`Merged ${TYPO} into ${KNOWN}`));
    // Both claims are now his, and the other spelling is kept as an alias.
    const page = await s.waitForText('.actor-page', (t) => t.includes(OTHER_CLAIM) && t.includes(CLAIM));
    expect(page).toContain(TYPO);
    await s.screenshot(join(SHOTS, 'name-candidates-merged.png'));
    await s.click('nav button:nth-of-type(3)');
    await s.waitForText('.actors .list-status', (t) => t === '4 actors');
    const names = await s.run<string[]>(`return [...document.querySelectorAll('.actor-table button.link')].map((b) => b.textContent)`);
    expect(names.sort()).toEqual(['Al Jazeera', KNOWN, 'RIA Novosti', 'TASS'].sort());
  });
});
