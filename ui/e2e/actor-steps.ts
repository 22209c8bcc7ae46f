// Opening an actor's page from the Actors screen by its name, as the e2e files
// that merge actors do it.
import { expect } from 'vitest';
import type { Session } from './webdriver';

export async function openActor(s: Session, name: string) {
  await s.click('nav button:nth-of-type(3)');
  await s.waitForText('.actor-table', (t) => t.includes(name));
  const clicked = await s.run<boolean>(
    `const b = [...document.querySelectorAll('.actor-table button.link')].find((b) => b.textContent === arguments[0]);
     if (b) b.click(); return !!b`,
    name,
  );
  expect(clicked).toBe(true);
  await s.waitForText('#actor-heading', (t) => t === name);
}
