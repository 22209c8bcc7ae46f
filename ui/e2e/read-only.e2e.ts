// A database the app cannot write (an archive copy, a read-only volume) opens
// read-only in the real window: the banner says so, what was saved is there,
// and a change is refused by name without losing what was typed. The file is
// made unwritable with the immutable attribute (`chattr +i`), which binds root
// too; where that cannot be set, the test says so and is skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { logClaim } from './capture-steps';
import { appWithOwnDatabase, type OwnDatabase } from './own-database';
import { Session } from './webdriver';

const DRIVER = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
const APP = process.env.CLAIMTRAIL_APP;
const SHOTS = process.env.CLAIMTRAIL_SCREENSHOTS ?? join(__dirname, '..', '..', 'test-output');
const ENTER = '\uE007';
const SAVED = 'The reservoir held nine tenths of its water in May';
const REFUSED = 'The reservoir was emptied overnight';

let s: Session | undefined;
let own: OwnDatabase | undefined;
let immutable = false;
let whyNot = '';

function chattr(flag: '+i' | '-i', path: string): string | null {
  try {
    execFileSync('chattr', [flag, path], { stdio: 'pipe' });
    return null;
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e).trim();
  }
}

beforeAll(async () => {
  if (!APP) throw new Error('CLAIMTRAIL_APP must name the built claimtrail-desktop binary (scripts/e2e.sh sets it)');
  own = appWithOwnDatabase(APP, 'read-only');
  // One claim saved while the file can still be written.
  const writer = await Session.start(DRIVER, own.launcher);
  await logClaim(writer, SAVED, 'Water board');
  await writer.end();
  // The driver ends the app without letting it close the database: fold the
  // write-ahead log into the file, as a clean close would, before freezing it.
  execFileSync('python3', [
    '-c',
    'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()',
    own.database,
  ]);
  if (existsSync(`${own.database}-wal`)) throw new Error('the write-ahead log is still there after a checkpoint');
  whyNot = chattr('+i', own.database) ?? '';
  immutable = whyNot === '';
  if (immutable) {
    s = await Session.start(DRIVER, own.launcher);
    await s.waitFor('nav button');
  }
}, 120_000);

afterAll(async () => {
  await s?.end();
  if (immutable && own) chattr('-i', own.database);
  own?.remove();
});

describe('a database the app cannot write', () => {
  it('opens read-only, shows what was saved, and refuses a change by name, keeping the form', async (ctx) => {
    if (!immutable) {
      process.stderr.write(`read-only e2e skipped: chattr +i failed (${whyNot})\n`);
      ctx.skip();
    }
    const w = s!;
    const banner = await w.waitForText('.read-only', (t) => t.startsWith('Read-only'));
    expect(banner).toContain('read-only.sqlite3');
    expect(banner).toContain('changes cannot be saved');
    await w.waitForText('.row', (t) => t.includes(SAVED));

    await w.click('nav button:nth-of-type(2)');
    await w.waitFor('input[name=claim]');
    await w.type('input[name=claim]', REFUSED);
    await w.type('input[name=speaker]', 'Water board');
    await w.type('input[name=speaker]', ENTER);
    const refused = await w.waitForText('.capture .error', (t) => t.startsWith('Not saved'));
    expect(refused).toMatch(/read-only/i);
    expect(await w.run<string>(`return document.querySelector('input[name=claim]').value`)).toBe(REFUSED);
    await w.screenshot(join(SHOTS, 'read-only.png'));

    // Still one claim: the refused one was not written anywhere.
    await w.click('nav button:nth-of-type(1)');
    await w.waitForText('.list-status', (t) => t.startsWith('1 claim'));
  });
});
