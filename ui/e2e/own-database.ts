// The e2e files share one tauri-driver and, through it, one environment. A
// file that needs a database of its own (whatever the other files left in
// theirs) starts the app through a small launcher that names it.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
