// A failed command as the UI sees it: the `{kind, message}` the shell sends,
// or a `storage` failure for anything that did not come from the core (the
// IPC bridge itself refusing, a missing permission).
import type { ErrorKind, IpcError } from './bindings';

// Every kind, checked by the compiler against the generated `ErrorKind`: a
// kind the core adds cannot be missed here and mistaken for a bridge failure.
const KNOWN: Record<ErrorKind, true> = {
  invalid_input: true,
  not_found: true,
  ambiguous: true,
  not_a_database: true,
  schema_too_new: true,
  busy: true,
  storage: true,
  network: true,
  refused: true,
  read_only: true,
  disk_full: true,
  damaged: true,
};
const KINDS = Object.keys(KNOWN) as ErrorKind[];

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
