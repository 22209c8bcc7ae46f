// The e2e files share one tauri-driver and, through it, one environment. A
// file that needs a database of its own (whatever the other files left in
// theirs) starts the app through a small launcher that names it.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

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
