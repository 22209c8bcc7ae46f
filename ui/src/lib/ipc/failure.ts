// A failed command as the UI sees it: the `{kind, message}` the shell sends,
// or a `storage` failure for anything that did not come from the core (the
// IPC bridge itself refusing, a missing permission).
import type { ErrorKind, IpcError } from './bindings';

const KINDS: readonly ErrorKind[] = [
  'invalid_input',
  'not_found',
  'ambiguous',
  'not_a_database',
  'schema_too_new',
  'busy',
  'storage',
];

export class CommandFailure extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'CommandFailure';
  }

  static from(raw: unknown): CommandFailure {
    if (raw instanceof CommandFailure) return raw;
    if (isIpcError(raw)) return new CommandFailure(raw.kind, raw.message);
    const message = raw instanceof Error ? raw.message : String(raw);
    return new CommandFailure('storage', message);
  }

  /** Whether trying again later may succeed without changing the input. */
  get transient(): boolean {
    return this.kind === 'busy';
  }
}

function isIpcError(raw: unknown): raw is IpcError {
  if (typeof raw !== 'object' || raw === null) return false;
  const r = raw as Record<string, unknown>;
  return typeof r.message === 'string' && KINDS.includes(r.kind as ErrorKind);
}
