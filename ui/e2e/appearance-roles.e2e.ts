// A role belongs to the article that gave it: logging a second claim by the
// same man under another title, in the real window, leaves the first claim's
// appearance as it was and his usual role unchanged, unless the checker ticks
// "Also make it his usual role".
import { describe, expect, it } from 'vitest';
import { openClaim } from './capture-steps';
import { windowOnOwnDatabase } from './own-database';

const ENTER = '\uE007';
const SPEAKER = 'Leonid Pasechnik';

const win = windowOnOwnDatabase('roles');

/** Logs `claim` by the speaker with `role` through Capture; ticks "usual role" when asked to. */
async function logWithRole(claim: string, role: string, usual = false) {
  const s = win.session();
  await s.click('nav button:nth-of-type(2)');
  await s.waitFor('input[name=claim]');
  await s.type('input[name=claim]', claim);
  await s.type('input[name=speaker]', SPEAKER);
  await s.type('input[name=speakerRole]', role);
  if (usual) {
    await s.waitFor('input[name=updateRole]');
    await s.click('input[name=updateRole]');
  }
  await s.type('input[name=speaker]', ENTER);
  await s.waitForText('#claim-heading', (t) => t === claim);
}

/** The role the open claim page shows beside the speaker's appearance. */
const roleShown = () => win.session().waitForText('section[aria-labelledby="appearances-heading"] .role', (t) => t !== '');

describe('roles per appearance', () => {
  it('keeps what each article called the speaker', async () => {
    const s = win.session();
    await logWithRole('Luhansk is fully under Russian control', 'Russian-installed governor');
    expect(await roleShown()).toContain('Russian-installed governor');
    await logWithRole('The water supply is restored', 'head of the occupation authority');
    expect(await roleShown()).toContain('head of the occupation authority');

    await openClaim(win.session(), 'Luhansk is fully under Russian control');
    expect(await roleShown()).toContain('Russian-installed governor');
    await s.click('nav button:nth-of-type(3)');
    const listed = await s.waitForText('.actors', (t) => t.includes(SPEAKER));
    expect(listed).toContain('Russian-installed governor');
    expect(listed).not.toContain('head of the occupation authority');
  });

  it('changes the usual role only when asked, and never an appearance that has its own', async () => {
    const s = win.session();
    await logWithRole('Schools reopen on Monday', 'self-styled governor', true);
    await s.click('nav button:nth-of-type(3)');
    await s.waitForText('.actors', (t) => t.includes('self-styled governor'));
    await openClaim(win.session(), 'Luhansk is fully under Russian control');
    expect(await roleShown()).toContain('Russian-installed governor');
  });
});
