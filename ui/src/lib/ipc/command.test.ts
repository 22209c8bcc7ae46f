import { describe, expect, it } from 'vitest';
import type { Command } from './bindings';

// `Command` is generated from the shell's command list; `call()` takes nothing
// else. The type check (`npm run build` runs svelte-check over this file) fails
// if a misspelt name is ever accepted, since the expected error would be missing.
describe('Command', () => {
  it("holds the shell's command names and refuses any other", () => {
    const known: Command = 'trace_claim';
    // @ts-expect-error: `trace_claims` is no command of the shell.
    const misspelt: Command = 'trace_claims';
    expect([known, misspelt]).toEqual(['trace_claim', 'trace_claims']);
  });
});
