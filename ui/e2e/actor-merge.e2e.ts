// Merging two actors that are one person, in the real window: the other actor
// is found by typing its name (never picked from a list of every actor), the
// merge asks for confirmation, and afterwards the name is an alias. A
// look-alike name written with Cyrillic letters is offered, flagged, and left
// apart unless merged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openActor as openActorOf } from './actor-steps';
import { logClaim } from './capture-steps';
import { appWithOwnDatabase, type OwnDatabase } from './own-database';
import { Session } from './webdriver';

const DRIVER = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
const APP = process.env.CLAIMTRAIL_APP;
const SHOTS = process.env.CLAIMTRAIL_SCREENSHOTS ?? join(__dirname, '..', '..', 'test-output');
const FULL = 'Sergei Petrov';
const SHORT = 'S. Petrov';
/** Cyrillic Ѕ (U+0405) and е (U+0435): looks like the Latin name, is another. */
const LOOK_ALIKE = '\u0405\u0435rgei Petrov';

let s: Session;
let own: OwnDatabase | undefined;

const openActor = (name: string) => openActorOf(s, name);

beforeAll(async () => {
  if (!APP) throw new Error('CLAIMTRAIL_APP must name the built claimtrail-desktop binary (scripts/e2e.sh sets it)');
  own = appWithOwnDatabase(APP, 'merge');
  s = await Session.start(DRIVER, own.launcher);
  await s.waitFor('nav button');
  await logClaim(s, 'The dam spillway was opened at noon', FULL);
  await logClaim(s, 'Downstream villages were warned an hour before', SHORT);
  await logClaim(s, 'The spillway stayed shut all day', LOOK_ALIKE);
}, 120_000);

afterAll(async () => {
  await s?.end();
  own?.remove();
});

describe('merging actors', () => {
  it('offers the look-alike by name, flagged, without merging it', async () => {
    await openActor(FULL);
    await s.waitForText('.look-alike-warning', (t) => t.includes(LOOK_ALIKE));
    const offered = await s.run<boolean>(
      `const b = document.querySelector('.look-alike-choices button.link'); if (b) b.click(); return !!b`,
    );
    expect(offered).toBe(true);
    const target = await s.waitForText('.merge-target', (t) => t.includes(LOOK_ALIKE));
    expect(target).toContain('look-alike');
  });

  it('finds the other actor as its name is typed, asks to confirm, and keeps the name as an alias', async () => {
    await openActor(FULL);
    await s.type('input[name=merge]', SHORT);
    await s.waitFor(`#merge-candidates option[value="${SHORT}"]`);
    const target = await s.waitForText('.merge-target', (t) => t.includes(SHORT));
    expect(target).toContain('1 appearance');
    expect(target).not.toContain('look-alike');
    await s.click('.merge-form button[type=submit]');
    await s.waitForText('.merge-form button[type=submit]', (t) => t === 'Confirm merge');
    await s.click('.merge-form button[type=submit]');
    await s.waitForText('.notice', (t) => t.includes(`Merged ${SHORT} into ${FULL}`));
    await s.waitForText('.actor-page', (t) => t.includes('Downstream villages were warned an hour before'));
    expect(await s.text('.actor-page')).toContain(SHORT);
    await s.screenshot(join(SHOTS, 'actor-merged.png'));

    await s.click('nav button:nth-of-type(3)');
    const table = await s.waitForText('.actors .list-status', (t) => t === '2 actors');
    expect(table).toBe('2 actors');
    const names = await s.run<string[]>(`return [...document.querySelectorAll('.actor-table button.link')].map((b) => b.textContent)`);
    expect(names.sort()).toEqual([FULL, LOOK_ALIKE].sort());
  });
});
