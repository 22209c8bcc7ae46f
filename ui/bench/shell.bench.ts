// The shell's own targets, measured in the real window (tauri-driver +
// WebKitWebDriver under Xvfb, the release build; see scripts/bench-shell.sh):
// - start-up: from launch to a window that answers input, and to the first
//   rows of the claims list, on the database named by CLAIMTRAIL_DB;
// - idle memory: PSS summed over the app and every process it started (the
//   web view's processes included), a few seconds after start-up.
// One database per run of this file; the script runs it on an empty database
// (the baseline) and on a large one, and prints both side by side.
import { readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Session, sleep } from '../e2e/webdriver';

const DRIVER = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
const APP = process.env.CLAIMTRAIL_APP!;
const LABEL = process.env.CLAIMTRAIL_BENCH_LABEL ?? 'database';
const RUNS = Number(process.env.CLAIMTRAIL_BENCH_RUNS ?? 5);
const OUT = process.env.CLAIMTRAIL_BENCH_OUT;
const IDLE_MS = 5000;

/** Every process (pid) whose executable is the app, and all their descendants. */
function appProcessTree(app: string): number[] {
  const target = realpathSync(app);
  const parents = new Map<number, number>();
  const roots: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(pid, ppid);
      if (realpathSync(`/proc/${pid}/exe`) === target) roots.push(pid);
    } catch {
      // gone already, or not ours to read
    }
  }
  const tree = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

function pssKb(pid: number): number {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const line = rollup.split('\n').find((l) => l.startsWith('Pss:'));
  return line ? Number(line.split(/\s+/)[1]) : 0;
}

function processName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

interface Run {
  interactiveMs: number;
  rowsMs: number;
  pssMb: number;
  processes: string[];
}

async function oneRun(): Promise<Run> {
  const started = performance.now();
  const s = await Session.start(DRIVER, APP);
  try {
    // Interactive: the page is up and a click opens the shortcut sheet (no
    // database round trip is needed for that), and Escape closes it.
    await s.waitFor('nav button[aria-label="Keyboard shortcuts"]', 30_000);
    await s.run(`document.querySelector('nav button[aria-label="Keyboard shortcuts"]').click(); return true;`);
    await s.waitFor('.sheet[role="dialog"]', 30_000);
    const interactiveMs = performance.now() - started;
    await s.run(`window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })); return true;`);
    // The claims list's first rows (or, on an empty database, the welcome).
    await s.waitFor('.viewport .row, [data-screen="claims"] .welcome', 60_000);
    const rowsMs = performance.now() - started;
    await sleep(IDLE_MS);
    const pids = appProcessTree(APP);
    expect(pids.length).toBeGreaterThan(0);
    const pssMb = pids.reduce((sum, pid) => sum + pssKb(pid), 0) / 1024;
    return { interactiveMs, rowsMs, pssMb, processes: pids.map(processName) };
  } finally {
    await s.end();
    await sleep(500);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe(`shell start-up and idle memory (${LABEL})`, () => {
  it(`runs ${RUNS} cold starts`, async () => {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await oneRun());
    const summary = {
      label: LABEL,
      runs: runs.length,
      interactive_ms: { median: median(runs.map((r) => r.interactiveMs)), max: Math.max(...runs.map((r) => r.interactiveMs)) },
      first_rows_ms: { median: median(runs.map((r) => r.rowsMs)), max: Math.max(...runs.map((r) => r.rowsMs)) },
      idle_pss_mb: { median: median(runs.map((r) => r.pssMb)), max: Math.max(...runs.map((r) => r.pssMb)) },
      processes: runs[0].processes,
    };
    console.log(JSON.stringify(summary));
    if (OUT) writeFileSync(OUT, JSON.stringify(summary));
    expect(summary.runs).toBe(RUNS);
  });
});
