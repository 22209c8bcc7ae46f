// The UI's invariants, checked on the source so that a shortcut taken under
// time pressure fails the build instead of shipping:
// - text from the web is rendered as text, never parsed as HTML;
// - only lib/ipc talks to Tauri;
// - a feature never imports another feature (the app root composes them).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(svelte|ts)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sources(SRC).map((path) => ({ path: relative(SRC, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }));

describe('UI invariants', () => {
  it('never renders text as HTML', () => {
    const offenders = files.filter((f) => /\{@html|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write/.test(f.text));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('talks to Tauri only from lib/ipc', () => {
    const offenders = files.filter((f) => f.text.includes('@tauri-apps/') && !f.path.startsWith('lib/ipc/'));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('keeps features apart', () => {
    const offenders: string[] = [];
    for (const f of files.filter((f) => f.path.startsWith('features/'))) {
      const feature = f.path.split('/')[1];
      for (const m of f.text.matchAll(/from\s+'([^']+)'/g)) {
        const target = m[1];
        const crossing = target.match(/features\/([^/]+)\//) ?? (target.startsWith('../') && !target.startsWith('../../') ? [target, target.split('/')[1]] : null);
        if (crossing && crossing[1] !== feature) offenders.push(`${f.path} imports ${target}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
