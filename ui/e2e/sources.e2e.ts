// The sources library in the real window: a colleague's Zotero references
// imported with the CLI are listed and searched on the Sources screen; one is
// picked in Capture to say where a claim appeared, and the library then shows
// that claim under it.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cliOn, windowOnOwnDatabase } from './own-database';

const SHOTS = process.env.CLAIMTRAIL_SCREENSHOTS ?? join(__dirname, '..', '..', 'test-output');
const ENTER = '\uE007';
const CLAIM = 'The ferry at Kherson runs again';

const win = windowOnOwnDatabase('sources', (own, app) => {
  const library = join(dirname(own.database), 'library.json');
  writeFileSync(
    library,
    JSON.stringify([
      {
        id: 'http://zotero.org/users/local/Qm3bX1/items/AB12CD34',
        type: 'report',
        title: 'Field report on river crossings',
        'container-title': 'Kyiv Independent',
        URL: 'https://kyivindependent.example/river-crossings',
        issued: { 'date-parts': [['2025', '6', '30']] },
        author: [{ family: 'Shevchenko', given: 'Olena' }],
      },
      {
        id: 'http://zotero.org/users/local/Qm3bX1/items/9XW1B2CV',
        type: 'article-journal',
        title: 'Measuring the spread of wire copy',
        DOI: '10.1080/1461670X.2024.2311234',
        issued: { 'date-parts': [['2024']] },
      },
    ]),
  );
  cliOn(own, app, 'import', library);
});

describe('the sources library', () => {
  it('lists the imported references and finds one by its DOI', async () => {
    const s = win.session();
    await s.click('nav .nav-sources');
    await s.waitForText('.sources .list-status', (t) => t === '2 documents');
    expect(await s.text('.source-list')).toContain('cited by no claim');
    await s.type('input[name=source-search]', '1461670X');
    await s.waitForText('.sources .list-status', (t) => t === '1 document');
    await s.click('.source-row');
    const detail = await s.waitForText('.source-detail', (t) => t.includes('DOI'));
    expect(detail).toContain('10.1080/1461670X.2024.2311234');
  });

  it('gives Capture the page of a claim from the library, and lists the claim under it', async () => {
    const s = win.session();
    await s.click('nav button:nth-of-type(2)');
    await s.waitFor('input[name=library-search]');
    await s.type('input[name=library-search]', 'river');
    await s.waitForText('.library-found', (t) => t.includes('Field report on river crossings'));
    await s.click('.library-found .use-document');
    expect(await s.run<string>(`return document.querySelector('input[name=outlet]').value`)).toBe('Kyiv Independent');
    expect(await s.run<string>(`return document.querySelector('input[name=url]').value`)).toBe(
      'https://kyivindependent.example/river-crossings',
    );
    expect(await s.run<string>(`return document.querySelector('input[name=title]').value`)).toBe('Field report on river crossings');
    await s.type('input[name=claim]', CLAIM);
    await s.type('input[name=speaker]', 'Oleksandr Prokudin');
    await s.type('input[name=speaker]', ENTER);
    for (;;) {
      const at = await s.waitForText('#claim-heading, .name-prompt', (t) => t !== '');
      if (at === CLAIM) break;
      await s.click('.name-prompt .someone-else');
    }

    await s.click('nav .nav-sources');
    await s.waitForText('.sources .list-status', (t) => t === '2 documents');
    await s.run(
      `[...document.querySelectorAll('.source-row')].find((b) => b.innerText.includes('river crossings')).click(); return 1`,
    );
    const detail = await s.waitForText('.source-detail', (t) => t.includes(CLAIM));
    expect(detail).toContain('Olena Shevchenko');
    expect(await s.text('.source-list')).toContain('1 claim');
    await s.screenshot(join(SHOTS, 'sources.png'));
  });
});
