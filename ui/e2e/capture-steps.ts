// Logging a claim through the Capture screen, as the e2e files that need a few
// claims of their own do it: claim, speaker, optionally a case and one relay,
// then Enter, and wait for the claim page.
import type { Session } from './webdriver';

const ENTER = '\uE007';

export async function logClaim(s: Session, claim: string, speaker: string, more: { case?: string; relay?: string } = {}) {
  await s.click('nav button:nth-of-type(2)');
  await s.waitFor('input[name=claim]');
  await s.type('input[name=claim]', claim);
  await s.type('input[name=speaker]', speaker);
  if (more.case) await s.type('input[name=case]', more.case);
  if (more.relay) {
    await s.click('.add-relay');
    await s.type('#relay-name-0', more.relay);
  }
  await s.type('input[name=speaker]', ENTER);
  await s.waitForText('#claim-heading', (t) => t === claim);
}
