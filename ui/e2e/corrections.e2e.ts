// The desk's daily corrections in the real window, from a fresh database: fix
// a wrong speaker (through the name candidates) and role, delete a mistaken
// relay and see the origin count come back, undo three steps and redo one,
// file claims under a case by picking them in the list and find them by the
// case, leave a note, record the published check's URL; the claim's history
// shows each step and `claimtrail verify` passes after all of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { logClaim } from './capture-steps';
import { appWithOwnDatabase, type OwnDatabase } from './own-database';
import { Session } from './webdriver';

const DRIVER = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
const APP = process.env.CLAIMTRAIL_APP;
const KNOWN = 'Anna Bellweather';
const FERRY = 'The ferry runs twice a day in winter';
const TOLLS = 'Tolls on the ring road rise by a third';
const BRIDGE = 'The river bridge closes for repairs in May';
const CASE = 'Riverton transport';

let s: Session;
let own: OwnDatabase | undefined;
let cli: string;

/** The CLI beside the app, on the window's database: what a colleague does at the same time. */
const claimtrail = (...args: string[]) =>
  execFileSync(cli, ['--db', own!.database, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const row = (handle: string) => `li[data-appearance="${handle}"]`;

async function handleOf(actor: string): Promise<string> {
  await s.waitForText('section[aria-labelledby="appearances-heading"]', (t) => t.includes(actor));
  return s.run<string>(
    `const li = [...document.querySelectorAll('.appearances li[data-appearance]')]
       .find((l) => l.querySelector('.actor')?.textContent === arguments[0]);
     return li ? li.dataset.appearance : '';`,
    actor,
  );
}

/** A key press on the window, outside any text field. */
async function press(key: string, mods: { shiftKey?: boolean } = {}) {
  await s.run(
    `document.activeElement?.blur();
     window.dispatchEvent(new KeyboardEvent('keydown', { key: arguments[0], ctrlKey: true, shiftKey: arguments[1], bubbles: true }));
     return 1;`,
    key,
    !!mods.shiftKey,
  );
}

beforeAll(async () => {
  if (!APP) throw new Error('CLAIMTRAIL_APP must name the built claimtrail-desktop binary (scripts/e2e.sh sets it)');
  cli = process.env.CLAIMTRAIL_CLI ?? join(dirname(APP), 'claimtrail');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: cargo build -p claimtrail-cli first`);
  own = appWithOwnDatabase(APP, 'corrections');
  s = await Session.start(DRIVER, own.launcher);
  await s.waitFor('nav button');
});

afterAll(async () => {
  await s?.end();
  own?.remove();
});

describe('correcting a claim on its page', () => {
  let speaker = '';
  let relayer = '';

  it('fixes a wrong speaker through the candidates, and the role, in one step', async () => {
    await logClaim(s, FERRY, KNOWN);
    await logClaim(s, TOLLS, 'Road agency');
    await logClaim(s, BRIDGE, 'Tom Bellweather', { relay: 'City Daily' });
    speaker = await handleOf('Tom Bellweather');
    relayer = await handleOf('City Daily');
    expect(speaker).not.toBe('');
    await s.waitForText('.claim-facts .reach', (t) => t.includes('1 independent origin'));

    // A colleague's mistaken relay, from the CLI: the speaker "took it" from the paper that quoted him.
    claimtrail('relay', speaker, relayer);

    await s.click(`${row(speaker)} .edit-appearance`);
    await s.waitFor('.appearance-editor input[name=speaker]');
    await s.clear('.appearance-editor input[name=speaker]');
    await s.type('.appearance-editor input[name=speaker]', 'Ana Bellweather');
    await s.type('.appearance-editor input[name=role]', 'Mayor of Riverton');
    await s.click('.appearance-editor button[type=submit]');
    // The name looks like a known actor's: the form asks, and the checker picks her.
    await s.waitForText('.appearance-editor .name-candidates', (t) => t.includes(KNOWN));
    const known = await s.run<string>(
      `return [...document.querySelectorAll('.appearance-editor .candidate')].find((b) => b.textContent.includes(arguments[0]))?.dataset.actor ?? ''`,
      KNOWN,
    );
    await s.click(`.appearance-editor .candidate[data-actor="${known}"]`);

    await s.waitForText(`${row(speaker)} .actor`, (t) => t === KNOWN);
    expect(await s.text(`${row(speaker)} .role`)).toContain('Mayor of Riverton');
    // The page was drawn again from the database: the colleague's loop shows.
    await s.waitForText('.claim-facts .reach', (t) => t.includes('0 independent origins'));
    expect(await s.text('.warnings')).toMatch(/circular/i);
  });

  it('deletes the mistaken relay and the origin count comes back', async () => {
    await s.waitFor(`${row(speaker)} .relay-edge .delete-relay`);
    await s.click(`${row(speaker)} .relay-edge .delete-relay`);
    await s.waitForText('.claim-facts .reach', (t) => t.includes('1 independent origin'));
    expect(await s.run<number>(`return document.querySelectorAll(arguments[0]).length`, `${row(speaker)} .relay-edge`)).toBe(0);
    await s.waitForText('.deleted-here', (t) => t.includes(`${speaker} took it from ${relayer}`));
  });

  it('undoes three steps from the footer and redoes one with Ctrl+Shift+Z', async () => {
    await s.click('.edit-text');
    await s.waitFor('textarea[name=claim-text]');
    await s.clear('textarea[name=claim-text]');
    await s.type('textarea[name=claim-text]', 'The river bridge closes for repairs in June');
    await s.click('.claim-text-form button[type=submit]');
    await s.waitForText('#claim-heading', (t) => t.endsWith('June'));

    await s.clear('input[name=undo-steps]');
    await s.type('input[name=undo-steps]', '3');
    await s.click('.footer .undo');
    await s.waitForText('.notice', (t) => t.startsWith('Undone 3 steps'));
    expect(await s.text('.notice')).toBe('Undone 3 steps: correct claim, delete relay, correct appearance.');
    await s.waitForText('#claim-heading', (t) => t === BRIDGE);
    await s.waitForText(`${row(speaker)} .actor`, (t) => t === 'Tom Bellweather');
    await s.waitForText('.claim-facts .reach', (t) => t.includes('0 independent origins'));

    await press('Z', { shiftKey: true });
    await s.waitForText('.notice', (t) => t === 'Redone 1 step: correct appearance.');
    await s.waitForText(`${row(speaker)} .actor`, (t) => t === KNOWN);
    expect(await s.text('.footer .undone')).toContain('Redone: 1 step');
  });
});

describe('cases, notes and the published check', () => {
  let bridgeId = '';

  it('files claims under a case by picking them in the list, and finds them by the case', async () => {
    bridgeId = await s.run<string>(`return document.querySelector('.claim-page').dataset.claimId`);
    await s.click('nav button:nth-of-type(1)');
    await s.waitForText('.list-status', (t) => t.startsWith('3 claims'));
    // The newest first: the bridge, then the tolls, then the ferry. A box, then Shift on the last: all three.
    await s.click(`.row[data-claim-id="${bridgeId}"] .pick`);
    await s.waitForText('.bulk .picked-count', (t) => t === '1 picked');
    await s.run(
      `document.querySelector('.row:last-of-type .pick').dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true })); return 1`,
    );
    await s.waitForText('.bulk .picked-count', (t) => t === '3 picked');
    await s.type('input[name=bulk-case]', CASE);
    await s.click('.bulk button[type=submit]');
    await s.waitForText('.notice', (t) => t.includes(`Filed 3 claims under “${CASE}”`));

    await s.click('nav .nav-cases');
    await s.waitForText(`.case-row[data-case="${CASE}"] .case-count`, (t) => t === '3 claims');
    await s.click(`.case-row[data-case="${CASE}"] .show-claims`);
    await s.waitFor('main[data-screen="claims"]');
    await s.waitForText('.list-status', (t) => t.startsWith('3 claims'));
    expect(await s.run<string>(`return document.querySelector('input[name=case]').value`)).toBe(CASE);
  });

  it('leaves a note and records the published check, and the history shows every step', async () => {
    await s.click(`.row[data-claim-id="${bridgeId}"] .row-text`);
    await s.waitForText('#claim-heading', (t) => t === BRIDGE);
    await s.type('textarea[name=note]', 'Asked the council for the works notice <b>today</b>');
    await s.click('textarea[name=note] + button');
    await s.waitForText('.notes', (t) => t.includes('Asked the council for the works notice <b>today</b>'));
    await s.type('input[name=review-url]', 'https://checks.example/river-bridge');
    await s.click('input[name=review-url] + button');
    await s.waitForText('.events', (t) => t.includes('review url'));

    const actions = await s.run<string[]>(
      `return [...document.querySelectorAll('.events li')].map((li) => li.dataset.action)`,
    );
    for (const step of ['log', 'correct_appearance', 'delete_relay', 'correct_claim', 'undo', 'redo', 'case_add', 'note', 'review_url']) {
      expect(actions).toContain(step);
    }
    expect(actions.filter((a) => a === 'undo')).toHaveLength(3);
    const history = await s.text('.events');
    expect(history).toContain(KNOWN);
    expect(history).toContain('Mayor of Riverton');
    // The note's markup is text on the page, not an element.
    expect(await s.run<number>(`return document.querySelectorAll('.notes b, .events b').length`)).toBe(0);

    expect(claimtrail('verify')).toContain('chain intact');
    const shown = JSON.parse(claimtrail('show', bridgeId, '--json'));
    expect(shown.review_url).toBe('https://checks.example/river-bridge');
    expect(shown.cases).toEqual([CASE]);
  });

  it('corrects an actor from its screen, and Ctrl+Z takes it back', async () => {
    await s.click('nav button:nth-of-type(3)');
    await s.waitForText('.actor-table', (t) => t.includes('City Daily'));
    await s.run(
      `[...document.querySelectorAll('.actor-table button')].find((b) => b.textContent === 'City Daily').click(); return 1`,
    );
    await s.waitForText('#actor-heading', (t) => t === 'City Daily');
    await s.click('.correct-actor');
    await s.type('input[name=actor-role]', 'Riverton evening paper');
    await s.click('.actor-correction button[type=submit]');
    await s.waitForText('.actor-page .screen-head .muted', (t) => t.includes('Riverton evening paper'));
    await s.waitFor('input[name=undo-steps]');
    await s.clear('input[name=undo-steps]');
    await s.type('input[name=undo-steps]', '1');
    await press('z');
    await s.waitForText('.notice', (t) => t === 'Undone 1 step: correct actor.');
    await s.waitForText('.actor-page .screen-head .muted', (t) => !t.includes('Riverton evening paper'));
  });
});
