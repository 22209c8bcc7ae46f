// Undo and the case map in the real window: log two claims into a case, undo
// a status change with the footer's button and a log with Ctrl+Z, then see
// what is left of the case drawn as one graph. (Undo of several steps and
// redo: corrections.e2e.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { logClaim } from './capture-steps';
import { appWithOwnDatabase, type OwnDatabase } from './own-database';
import { Session, sleep } from './webdriver';

const DRIVER = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
const APP = process.env.CLAIMTRAIL_APP;
const SHOTS = process.env.CLAIMTRAIL_SCREENSHOTS ?? join(__dirname, '..', '..', 'test-output');
const CASE = 'Harbour fire, March';
const KEPT = 'The harbour fire started in warehouse 9';
const UNDONE = 'Forty ships left the harbour overnight';

let s: Session;
let own: OwnDatabase | undefined;

beforeAll(async () => {
  if (!APP) throw new Error('CLAIMTRAIL_APP must name the built claimtrail-desktop binary (scripts/e2e.sh sets it)');
  own = appWithOwnDatabase(APP, 'undo');
  s = await Session.start(DRIVER, own.launcher);
  await s.waitFor('nav button');
});

afterAll(async () => {
  await s?.end();
  own?.remove();
});

describe('undo of the last action', () => {
  it('offers to undo a log, then a status change, and undoes the status from the footer', async () => {
    await logClaim(s, KEPT, 'Port authority', { case: CASE, relay: 'Harbour Radio' });
    expect(await s.waitForText('.footer .undo', (t) => t.includes('Logged'))).toContain(KEPT.slice(0, 20));

    await s.run(
      `const el = document.querySelector('select[name=status]'); el.value = 'false';
       el.dispatchEvent(new Event('change', { bubbles: true })); return el.value;`,
    );
    await s.type('textarea[name=reason]', 'Fire brigade log puts the start in warehouse 4.');
    await s.click('.status-form button[type=submit]');
    await s.waitForText('.current-status', (t) => t.includes('False'));
    await s.waitForText('.footer .undo', (t) => t.includes('Marked false'));

    await s.click('.footer .undo');
    await s.waitForText('.notice', (t) => t === 'Undone 1 step: status.');
    await s.waitForText('.current-status', (t) => t.includes('Unverified'));
    const history = await s.text('.history');
    expect(history).toContain('Fire brigade log puts the start in warehouse 4.');
    expect(history).toContain('Undo: withdrew the change to false');
    // The button no longer names an action: the next undo takes back whatever is next on the stack.
    expect(await s.text('.footer .undo')).toBe('Undo');
  });

  it('takes back a whole log with Ctrl+Z outside a text field', async () => {
    await logClaim(s, UNDONE, 'Harbour master', { case: CASE, relay: 'Coast Daily' });
    await s.waitForText('.footer .undo', (t) => t.includes('Logged'));
    await s.run(`document.activeElement?.blur(); return 1`);
    await s.run(
      `window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true })); return 1`,
    );
    await s.waitForText('.notice', (t) => t === 'Undone 1 step: log.');
    // The claim page it was on is gone: the window is back on the list, and the claim is not in it.
    await s.waitFor('main[data-screen="claims"]');
    await s.waitFor('input[name=search]');
    await s.type('input[name=search]', 'Forty ships');
    await s.waitForText('.list-status', (t) => t.includes('No claim matches'));
  });
});

describe('the case map', () => {
  it('draws every chain left in the case, and a node opens its claim', async () => {
    await s.click('nav button:nth-of-type(4)');
    await s.waitFor('select[name=case]');
    await s.run(
      `const el = document.querySelector('select[name=case]'); el.value = arguments[0];
       el.dispatchEvent(new Event('change', { bubbles: true })); return el.value;`,
      CASE,
    );
    await s.waitFor('.case-canvas svg[data-nodes="2"]', 30_000);
    expect(await s.text('.chain-summary')).toContain('1 claim · 2 appearances');
    const actors = await s.run<string[]>(
      `return [...document.querySelectorAll('.case-canvas .node')].map((n) => n.getAttribute('aria-label'))`,
    );
    expect(actors.sort()).toEqual(['Harbour Radio, outlet', 'Port authority, person, origin']);
    await sleep(300);
    await s.screenshot(join(SHOTS, 'case-map.png'));

    // SVG groups take no WebDriver element click in WebKit: the click is sent as the page would get it.
    await s.run(`document.querySelector('.case-canvas .node.role-origin').dispatchEvent(new MouseEvent('click', { bubbles: true })); return 1`);
    await s.waitForText('.node-detail', (t) => t.includes(KEPT));
    await s.click('.node-detail button');
    await s.waitForText('#claim-heading', (t) => t === KEPT);
  });
});
