// The Possible duplicates screen in the real window: two spellings of one
// man on one claim are listed as a pair with the reason; Merge leaves the
// claim with one independent origin and the pair disappears. "Not the same"
// on another pair is recorded: the pair is not listed again.
//
// A name the checker types is decided as she logs it (a known actor, or
// someone else, which is recorded), so duplicates come from what cannot ask:
// a colleague's spreadsheet imported with the CLI beside the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { logClaim, openClaim } from './capture-steps';
import { appWithOwnDatabase, type OwnDatabase } from './own-database';
import { Session } from './webdriver';

const DRIVER = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
const APP = process.env.CLAIMTRAIL_APP;
const SHOTS = process.env.CLAIMTRAIL_SCREENSHOTS ?? join(__dirname, '..', '..', 'test-output');
const CLAIM = 'Luhansk is fully under Russian control';
const RIGHT = 'Leonid Pasechnik';
const SLIP = 'Leonid Pasechnick';

let s: Session;
let own: OwnDatabase | undefined;

/** The text of every listed pair, one string per row. */
const pairs = () => s.run<string[]>(`return [...document.querySelectorAll('.pair-row')].map((r) => r.innerText)`);

/** Clicks `button` in the row naming `name`; false when no row names it. */
const inRow = (name: string, button: string) =>
  s.run<boolean>(
    `const row = [...document.querySelectorAll('.pair-row')].find((r) => r.innerText.includes(arguments[0]));
     const b = row && row.querySelector(arguments[1]); if (b) b.click(); return !!b`,
    name,
    button,
  );

async function openDuplicates() {
  await s.click('nav button:nth-of-type(3)');
  await s.click('.possible-duplicates');
  await s.waitForText('.duplicates .list-status', (t) => t !== '' && !t.startsWith('Looking'));
}

beforeAll(async () => {
  if (!APP) throw new Error('CLAIMTRAIL_APP must name the built claimtrail-desktop binary (scripts/e2e.sh sets it)');
  own = appWithOwnDatabase(APP, 'duplicates');
  s = await Session.start(DRIVER, own.launcher);
  await s.waitFor('nav button');
  await logClaim(s, CLAIM, RIGHT);
  await logClaim(s, 'The bridge at Kherson was closed', 'Sergei Petrov');
  const rows = join(dirname(own.database), 'colleague.csv');
  writeFileSync(
    rows,
    [
      'appearance_id,claim,actor,actor_kind,stance',
      `01a24e7f-0000-7000-8000-0000000000d1,${CLAIM},${SLIP},person,asserts`,
      '01a24e7f-0000-7000-8000-0000000000d2,The bridge at Kherson reopened,Sergey Petrov,person,asserts',
      '',
    ].join('\n'),
  );
  const cli = process.env.CLAIMTRAIL_CLI ?? join(dirname(APP), 'claimtrail');
  const report = execFileSync(cli, ['--db', own.database, 'import', rows], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(report).toContain('2 new actors may be actors you already have');
}, 180_000);

afterAll(async () => {
  await s?.end();
  own?.remove();
});

async function originsOfTheClaim(): Promise<string> {
  await openClaim(s, CLAIM);
  return s.waitForText('.reach', (t) => t.includes('independent origin'));
}

describe('possible duplicates', () => {
  it('lists the two spellings with the reason, and a merge leaves the claim one origin', async () => {
    expect(await originsOfTheClaim()).toContain('2 independent origins');
    await openDuplicates();
    const listed = (await pairs()).find((p) => p.includes(RIGHT) && p.includes(SLIP));
    expect(listed).toBeDefined();
    expect(listed).toContain('another spelling of the same name');
    expect(listed).toContain('1 claim');
    await s.screenshot(join(SHOTS, 'possible-duplicates.png'));

    // Equal claims, so the pair is listed by name: the slip first. Swap to keep the right spelling.
    const keep = await s.run<string>(
      `const row = [...document.querySelectorAll('.pair-row')].find((r) => r.innerText.includes(arguments[0])); return row.querySelector('.keep').innerText`,
      RIGHT,
    );
    if (keep !== RIGHT) expect(await inRow(RIGHT, '.swap')).toBe(true);
    expect(await inRow(RIGHT, '.merge')).toBe(true);
    await s.waitForText('.notice', (t) => t.includes(`Merged ${SLIP} into ${RIGHT}`));
    await s.waitForText('.duplicates .list-status', (t) => t === '1 pair');
    expect((await pairs()).some((p) => p.includes('Pasechni'))).toBe(false);

    expect(await originsOfTheClaim()).toContain('1 independent origin');
    expect(await s.text('.reach')).not.toContain('2 independent origins');
  });

  it('records "not the same": the pair is not listed again', async () => {
    await openDuplicates();
    expect((await pairs()).some((p) => p.includes('Sergei Petrov') && p.includes('Sergey Petrov'))).toBe(true);
    expect(await inRow('Sergei Petrov', '.not-same')).toBe(true);
    await s.waitForText('.notice', (t) => t.includes('recorded as different'));
    await s.waitForText('.duplicates .list-status', (t) => t === 'No possible duplicates.');
    await s.click('nav button:nth-of-type(1)');
    await openDuplicates();
    expect(await s.text('.duplicates .list-status')).toBe('No possible duplicates.');
    expect(await pairs()).toEqual([]);
  });
});
