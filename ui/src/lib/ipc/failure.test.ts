import { describe, expect, it } from 'vitest';
import { CommandFailure } from './failure';

describe('CommandFailure.from', () => {
  it('keeps the kind and message the shell sent', () => {
    const f = CommandFailure.from({ kind: 'not_found', message: 'no claim matches `abc`' });
    expect(f.kind).toBe('not_found');
    expect(f.message).toBe('no claim matches `abc`');
  });

  it('treats an unknown shape as a storage failure, keeping its text', () => {
    const f = CommandFailure.from('list_claims not allowed. Permissions associated with this command: allow-list-claims');
    expect(f.kind).toBe('storage');
    expect(f.message).toContain('not allowed');
  });

  it('does not trust an unknown kind', () => {
    expect(CommandFailure.from({ kind: 'exploded', message: 'x' }).kind).toBe('storage');
  });

  it('keeps the storage fault kinds, so the window can say read-only, disk full or damaged', () => {
    for (const kind of ['read_only', 'disk_full', 'damaged', 'network', 'refused'] as const) {
      const f = CommandFailure.from({ kind, message: `cannot write /data/case.sqlite3: ${kind}` });
      expect(f.kind).toBe(kind);
      expect(f.message).toContain('/data/case.sqlite3');
    }
  });

  it('marks busy as transient', () => {
    expect(CommandFailure.from({ kind: 'busy', message: 'busy' }).transient).toBe(true);
  });
});
