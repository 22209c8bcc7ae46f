// The e2e files share one tauri-driver and, through it, one environment. A
// file that needs a database of its own (whatever the other files left in
// theirs) starts the app through a small launcher that names it.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { Session } from './webdriver';

export interface OwnDatabase {
  /** Give this to `Session.start` in place of the app. */
  launcher: string;
  database: string;
  remove(): void;
}

export function appWithOwnDatabase(app: string, name: string): OwnDatabase {
  const work = mkdtempSync(join(tmpdir(), `claimtrail-${name}-`));
  const database = join(work, `${name}.sqlite3`);
  const launcher = join(work, 'claimtrail-desktop');
  writeFileSync(launcher, `#!/bin/sh\nCLAIMTRAIL_DB='${database}' exec '${app}' "$@"\n`);
  chmodSync(launcher, 0o755);
  return { launcher, database, remove: () => rmSync(work, { recursive: true, force: true }) };
}

/** Runs the `claimtrail` CLI built beside `app` on this database, as a colleague beside the window would; its stdout. */
export function cliOn(own: OwnDatabase, app: string, ...args: string[]): string {
  const cli = process.env.CLAIMTRAIL_CLI ?? join(dirname(app), 'claimtrail');
  return execFileSync(cli, ['--db', own.database, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The real window on a database of its own for one e2e file: `prepare` may
 * write to the database first (with `cliOn`); the window is started before the
 * file's tests and closed, with its database, after them.
 */
export function windowOnOwnDatabase(name: string, prepare?: (own: OwnDatabase, app: string) => void) {
  const driver = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
  let session: Session | undefined;
  let own: OwnDatabase | undefined;
  beforeAll(async () => {
    const app = process.env.CLAIMTRAIL_APP;
    if (!app) throw new Error('CLAIMTRAIL_APP must name the built claimtrail-desktop binary (scripts/e2e.sh sets it)');
    own = appWithOwnDatabase(app, name);
    prepare?.(own, app);
    session = await Session.start(driver, own.launcher);
    await session.waitFor('nav button');
  }, 180_000);
  afterAll(async () => {
    await session?.end();
    own?.remove();
  });
  return {
    /** The window's WebDriver session (once the file's tests run). */
    session: (): Session => {
      if (!session) throw new Error('the window is not started');
      return session;
    },
  };
}
