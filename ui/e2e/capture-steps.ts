// Logging a claim through the Capture screen, as the e2e files that need a few
// claims of their own do it: claim, speaker, optionally a case and one relay,
// then Enter, and wait for the claim page. A name that looks like a known
// actor's makes the form ask before it logs; these files mean each name they
// type as its own actor, so the helper answers "This is someone else".
import type { Session } from './webdriver';

const ENTER = '\uE007';

export async function logClaim(s: Session, claim: string, speaker: string, more: { case?: string; relay?: string } = {}) {
  await s.click('nav button:nth-of-type(2)');
  await s.waitFor('input[name=claim]');
  await s.type('input[name=claim]', claim);
  // The relay row is added before any name is typed: the candidates a name
  // may bring appear under its field and move the button a click aims at.
  if (more.relay) await s.click('.add-relay');
  await s.type('input[name=speaker]', speaker);
  if (more.case) await s.type('input[name=case]', more.case);
  if (more.relay) await s.type('#relay-name-0', more.relay);
  await s.type('input[name=speaker]', ENTER);
  for (;;) {
    const at = await s.waitForText('#claim-heading, .name-prompt', (t) => t !== '');
    if (at === claim) return;
    // The prompt: the first name still asked about is someone else.
    await s.click('.name-prompt .someone-else');
  }
}

/** Opens Capture, sets the article text as a paste would, and asks for its proposals. */
export async function proposeFrom(s: Session, article: string) {
  await s.click('nav button:nth-of-type(2)');
  await s.waitFor('textarea[name=text]');
  await s.run(
    `const ta = document.querySelector('textarea[name=text]'); ta.value = arguments[0];
     ta.dispatchEvent(new Event('input', { bubbles: true })); return 1;`,
    article,
  );
  await s.click('.proposals button.propose');
}

/** Opens the claims list and, from it, the claim whose text holds `text`; waits for its page. */
export async function openClaim(s: Session, text: string) {
  await s.click('nav button:nth-of-type(1)');
  await s.waitForText('.claims .viewport', (t) => t.includes(text));
  const opened = await s.run<boolean>(
    `const r = [...document.querySelectorAll('.row')].find((r) => r.innerText.includes(arguments[0])); if (r) r.click(); return !!r`,
    text,
  );
  if (!opened) throw new Error(`no row of the claims list holds ${text}`);
  await s.waitForText('#claim-heading', (t) => t.includes(text));
}
