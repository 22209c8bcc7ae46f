// Checked by svelte-check in `npm run build`, never bundled: a command's
// arguments are held to its Rust signature. Each line marked
// `@ts-expect-error` must fail to type-check, so if the generated argument
// types ever stop catching one of these slips, the build fails.
import type { ArgsOf } from './commands';

// @ts-expect-error an argument name spelt differently from the Rust parameter
export const misspelt: ArgsOf<'show_claim'> = [{ claimId: 'c1' }];
// @ts-expect-error a number where the command takes text
export const wrongType: ArgsOf<'show_claim'> = [{ claim: 1 }];
// @ts-expect-error a required argument left out
export const missing: ArgsOf<'undo'> = [{ steps: 1 }];
// @ts-expect-error arguments given to a command that takes none
export const extra: ArgsOf<'list_actors'> = [{ actor: 'a1' }];
// @ts-expect-error a snake_case name where `invoke` takes camelCase
export const snake: ArgsOf<'rename_case'> = [{ case: 'x', new_name: 'y', author: 'desk' }];

export const right: ArgsOf<'rename_case'> = [{ case: 'x', newName: 'y', author: 'desk' }];
export const optionalLeftOut: ArgsOf<'export_data'> = [{ format: 'json' }];
export const none: ArgsOf<'list_actors'> = [];
