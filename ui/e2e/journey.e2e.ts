// A newcomer's first session, in the real Claimtrail window (tauri-driver +
// WebKitWebDriver under Xvfb; see scripts/e2e.sh): empty database, capture
// the Pasechnik claim with its relay chain from typed text, find it by
// search, mark it contested, check its chain, restart and find it all again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, sleep } from './webdriver';

const DRIVER = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
const APP = process.env.CLAIMTRAIL_APP;
const SHOTS = process.env.CLAIMTRAIL_SCREENSHOTS ?? join(__dirname, '..', '..', 'test-output');
const ENTER = '\uE007';
const CONTROL = '\uE009';
// Releases the modifier keys held by a key sequence.
const RELEASE = '\uE000';

// Typed by the test, in our own words: a wire story paragraph as a reader meets it.
const ARTICLE =
  'The Russian-installed governor Leonid Pasechnik said the region had been 100 per cent liberated, ' +
  'Al Jazeera reported, although not everyone agreed with that assessment.';
const QUOTE = '100 per cent liberated';
const CLAIM = 'Luhansk region has been 100 per cent liberated';
// Pasted into the capture screen to be read by the extractor, in our own words.
const PROPOSED_ARTICLE =
  'Dmitry Peskov, the Kremlin spokesman, said fewer missiles for Kyiv "could speed up the end of the war 🕊️", RT reported.\n\n' +
  'Ihor Terekhov, the mayor of Kharkiv, said on Friday that 𝔄ll 🏫 schools in the city would reopen next week.';

let s: Session;

async function choose(css: string, value: string) {
  await s.waitFor(css);
  await s.run(
    `const el = document.querySelector(arguments[0]); el.value = arguments[1];
     el.dispatchEvent(new Event('change', { bubbles: true })); return el.value;`,
    css,
    value,
  );
}

async function shot(name: string) {
  await s.screenshot(join(SHOTS, `${name}.png`));
}

async function openClaimFromList(text: string) {
  await s.waitForText('.row .row-text', (t) => t.includes(text));
  await s.click('.row');
  await s.waitForText('#claim-heading', (t) => t.includes(text));
}

beforeAll(async () => {
  if (!APP) throw new Error('CLAIMTRAIL_APP must name the built claimtrail-desktop binary (scripts/e2e.sh sets it)');
  s = await Session.start(DRIVER, APP);
});

afterAll(async () => {
  await s?.end();
});

describe('a first session in the window', () => {
  it('greets an empty database with the welcome and the demo offer', async () => {
    const text = await s.waitForText('.welcome', (t) => t.includes('Load the demo case'));
    expect(text).toContain('Welcome to Claimtrail');
    await shot('01-welcome');
  });

  it('captures the Pasechnik claim with its relay chain from typed text', async () => {
    await s.click('.welcome button:not(.primary)');
    await s.waitFor('textarea[name=text]');
    await s.type('textarea[name=text]', ARTICLE);
    // Select the quoted words in the text, as a reader would with the mouse.
    await s.run(
      `const ta = document.querySelector('textarea[name=text]'); const i = ta.value.indexOf(arguments[0]);
       ta.focus(); ta.setSelectionRange(i, i + arguments[0].length);
       ta.dispatchEvent(new Event('select', { bubbles: true })); return i;`,
      QUOTE,
    );
    await s.waitFor('input[name=quote]');
    expect(await s.run<string>(`return document.querySelector('input[name=quote]').value`)).toBe(QUOTE);

    await s.clear('input[name=claim]');
    await s.type('input[name=claim]', CLAIM);
    await s.type('input[name=speaker]', 'Leonid Pasechnik');
    await s.type('input[name=speakerRole]', 'Russian-installed governor');
    await s.type('input[name=cue]', 'said');

    await s.click('.add-relay');
    await s.type('#relay-name-0', 'Al Jazeera');
    await choose('select[name=relay-relation-0]', 'quotes');
    await s.click('.add-relay');
    await s.type('#relay-name-1', 'ANI');
    await choose('select[name=relay-kind-1]', 'agency');
    await s.type('input[name=relay-cue-1]', 'Al Jazeera reported');

    await s.type('input[name=url]', 'https://kenya-star.example/news/luhansk');
    await s.type('input[name=title]', 'Russia will not back down, Kremlin tells Washington');
    await s.type('input[name=outlet]', 'Kenya Star');
    await s.run(`document.querySelector('main').scrollTop = 0; return 1`);
    await shot('02-capture');

    // Enter saves.
    await s.type('input[name=outlet]', ENTER);
    const heading = await s.waitForText('#claim-heading', (t) => t.length > 0);
    expect(heading).toBe(CLAIM);
    const facts = await s.text('.claim-facts');
    expect(facts).toContain('3 outlets / 1 independent origin');
    expect(facts).toContain('4 appearances');
  });

  it('finds the claim by search as you type', async () => {
    await s.click('nav button:nth-of-type(1)');
    await s.waitFor('input[name=search]');
    await s.type('input[name=search]', 'Pasechnik');
    const row = await s.waitForText('.row', (t) => t.includes('100 per cent liberated'));
    expect(row).toContain('3 outlets / 1 independent origin');
    expect(row).toContain('Unverified');
    await s.clear('input[name=search]');
    await s.type('input[name=search]', 'nothing-like-this');
    await s.waitForText('.list-status', (t) => t.includes('No claim matches'));
    await s.clear('input[name=search]');
    await s.type('input[name=search]', 'liberated');
    await s.waitForText('.row', (t) => t.includes('liberated'));
    await shot('03-claims-list');
  });

  it('marks it contested, with a reason required and kept in the history', async () => {
    await openClaimFromList('liberated');
    await choose('select[name=status]', 'contested');
    // Without a reason nothing is saved.
    await s.click('.status-form button[type=submit]');
    await s.waitForText('.status-form .problem', (t) => t.includes('reason is required'));
    await s.type('textarea[name=reason]', 'Front-line maps show fighting inside the region; Kyiv denies the claim.');
    await s.type('textarea[name=evidence]', 'https://maps.example/luhansk-frontline');
    await s.click('.status-form button[type=submit]');
    await s.waitForText('.current-status', (t) => t.includes('Contested'));
    const history = await s.text('.history');
    expect(history).toContain('Front-line maps show fighting');
    expect(history).toContain('https://maps.example/luhansk-frontline');
  });

  it('draws the chain with Pasechnik as the origin on the left', async () => {
    await s.waitFor('.chain svg .node');
    const nodes = await s.run<{ actor: string; role: string; x: number }[]>(
      `return [...document.querySelectorAll('.chain .node')].map((n) => ({
         actor: n.dataset.actor, role: n.dataset.role, x: n.getBoundingClientRect().left }));`,
    );
    expect(nodes.map((n) => n.actor).sort()).toEqual(['ANI', 'Al Jazeera', 'Kenya Star', 'Leonid Pasechnik']);
    const origins = nodes.filter((n) => n.role === 'origin');
    expect(origins.map((n) => n.actor)).toEqual(['Leonid Pasechnik']);
    expect(Math.min(...nodes.map((n) => n.x))).toBe(origins[0].x);
    expect(await s.text('.chain-summary')).toContain('Leonid Pasechnik');
    // Clicking a node shows its quote and document.
    await s.click('.chain .node[data-actor="Kenya Star"] .shape');
    const detail = await s.waitForText('.node-detail', (t) => t.includes('Kenya Star'));
    expect(detail).toContain('https://kenya-star.example/news/luhansk');
    await s.click('.chain .node[data-actor="Leonid Pasechnik"] .shape');
    await s.waitForText('.node-detail', (t) => t.includes(QUOTE));
    await shot('04-claim-and-chain');
  });

  it('lists the actors it met', async () => {
    await s.click('nav button:nth-of-type(3)');
    const table = await s.waitForText('.actor-table', (t) => t.includes('Leonid Pasechnik'));
    expect(table).toContain('Kenya Star');
    expect(table).toContain('Russian-installed governor');
    await shot('05-actors');
    // The filter asks the database for names with a word starting as typed.
    await s.type('.actors input[type=search]', 'kenya');
    const found = await s.waitForText('.actor-table', (t) => !t.includes('Leonid Pasechnik'));
    expect(found).toContain('Kenya Star');
    expect(await s.text('.actors .list-status')).toBe('1 actor');
    await s.run(`const i = document.querySelector('.actors input[type=search]');
      i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true })); return 1`);
    await s.waitForText('.actor-table', (t) => t.includes('Leonid Pasechnik'));
  });

  it('gives an actor an alias on its page, and the list filters by it', async () => {
    const links = await s.findAll('.actor-table button.link');
    let opened = false;
    for (const link of links) {
      const name = await s.run<string>('return arguments[0].innerText', { 'element-6066-11e4-a52e-4f735466cecf': link.id });
      if (name === 'Leonid Pasechnik') {
        await s.click(link);
        opened = true;
        break;
      }
    }
    expect(opened).toBe(true);
    await s.waitForText('#actor-heading', (t) => t === 'Leonid Pasechnik');
    expect(await s.text('.actor-page')).toContain(CLAIM);
    await s.type('input[name=alias]', 'Pasechnik');
    await s.click('.inline-form button[type=submit]');
    await s.waitForText('.actor-page', (t) => t.includes('Aliases') && !t.includes('None yet.'));
    await s.click('nav button:nth-of-type(1)');
    await s.type('input[name=actor]', 'pasechnik');
    await s.waitForText('.list-status', (t) => t.startsWith('1 claim'));
    await s.clear('input[name=actor]');
  });

  it('loses nothing across a restart', async () => {
    await s.end();
    await sleep(500);
    s = await Session.start(DRIVER, APP!);
    // No welcome any more: the database has a claim.
    await openClaimFromList('liberated');
    expect(await s.text('.current-status')).toContain('Contested');
    expect(await s.text('.history')).toContain('Front-line maps show fighting');
    await s.waitFor('.chain .node');
    const count = await s.run<number>(`return document.querySelectorAll('.chain .node').length`);
    expect(count).toBe(4);
    const origin = await s.run<string>(`return document.querySelector('.chain .node[data-role=origin]').dataset.actor`);
    expect(origin).toBe('Leonid Pasechnik');
    await shot('06-after-restart');
  });

  it('attaches a second appearance of the same claim to it', async () => {
    await s.click('nav button:nth-of-type(2)');
    await s.waitFor('input[name=claim]');
    await s.type('input[name=claim]', CLAIM);
    await s.waitForText('.capture .attaches', (t) => t.includes('Already logged'));
    await s.type('input[name=speaker]', 'Leonid Pasechnik');
    await s.waitForText('.capture .speaker-hint', (t) => t.includes('known'));
    // The speaker field's suggestions are asked of the database as the name is typed.
    await s.waitFor('#capture-actors option[value="Leonid Pasechnik"]');
    await s.type('input[name=url]', 'https://rt.example/luhansk-liberated');
    await s.type('input[name=outlet]', 'RT');
    await choose('select[name=pageRelation]', 'quotes');
    await s.type('input[name=outlet]', ENTER);
    await s.waitForText('.notice', (t) => t.includes('attached'));
    const facts = await s.waitForText('.claim-facts', (t) => t.includes('5 appearances'));
    expect(facts).toContain('4 outlets / 1 independent origin');
    expect(await s.text('.current-status')).toContain('Contested');
  });

  it('loads the demo case from the command palette', async () => {
    await s.click('nav button:nth-of-type(1)');
    await s.type('input[name=search]', `${CONTROL}k${RELEASE}`);
    await s.waitFor('.palette input');
    await s.type('.palette input', 'demo');
    await s.waitForText('.palette li.active', (t) => t.includes('Load the demo case'));
    await s.type('.palette input', ENTER);
    await s.clear('input[name=search]');
    await s.type('input[name=search]', 'Washington');
    await s.waitForText('.row', (t) => t.includes('winding down'));
  });

  it('draws an unnamed source as a dead end', async () => {
    await openClaimFromList('winding down');
    await s.waitFor('.chain .node');
    const deadEnd = await s.run<string | null>(
      `const n = document.querySelector('.chain .node[data-role=dead_end]'); return n && n.dataset.actor;`,
    );
    expect(deadEnd).toBe('the British outlet');
    expect(await s.text('.warnings')).toContain('Unlocated source');
    await shot('07-dead-end');
  });

  it('shows the demo chain with its wording drift', async () => {
    await s.click('button.back');
    await s.clear('input[name=search]');
    await s.type('input[name=search]', 'Luhansk region');
    await openClaimFromList('under Russian control');
    await s.waitFor('.chain .node');
    expect(await s.text('.drift-list')).toContain('Wording drift');
    await s.click('.chain .node[data-actor="Al Jazeera"] .shape');
    await s.waitForText('.node-detail', (t) => t.includes('Al Jazeera'));
    await shot('08-demo-claim-chain');
  });

  it('exports the chain as SVG and PNG', async () => {
    const dir = process.env.CLAIMTRAIL_EXPORT_DIR;
    await s.click('.chain-tools button:nth-of-type(1)');
    const svgNotice = await s.waitForText('.notice', (t) => t.includes('.svg'));
    const svgPath = svgNotice.replace(/^Chain saved to /, '').trim();
    if (dir) expect(svgPath.startsWith(dir)).toBe(true);
    expect(existsSync(svgPath)).toBe(true);
    expect(readFileSync(svgPath, 'utf8')).toContain('Leonid Pasechnik');
    await s.click('.chain-tools button:nth-of-type(2)');
    const pngNotice = await s.waitForText('.notice', (t) => t.includes('.png') || t.includes('failed'));
    const pngPath = pngNotice.replace(/^Chain saved to /, '').trim();
    expect(readFileSync(pngPath).subarray(1, 4).toString()).toBe('PNG');
  });

  it('exports the claim as GraphML from the claim page', async () => {
    const dir = process.env.CLAIMTRAIL_EXPORT_DIR;
    await choose('select[name=export-format]', 'graphml');
    await s.click('.claim-export button[type=submit]');
    const notice = await s.waitForText('.notice', (t) => t.includes('.graphml') || t.includes('failed'));
    const path = notice.replace(/^Claim exported to /, '').trim();
    if (dir) expect(path.startsWith(dir)).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain('<graphml');
  });

  it('finds the page in the sources library and opens a claim it carries', async () => {
    await s.click('nav .nav-sources');
    await s.waitForText('.sources .list-status', (t) => t.includes('document'));
    await s.type('input[name=source-search]', 'putin-trump');
    await s.waitForText('.source-list', (t) => t.includes('as republished by Kenya Star'));
    expect(await s.text('.sources .list-status')).toBe('1 document');
    await s.click('.source-row');
    const detail = await s.waitForText('.source-detail', (t) => t.includes('Cited by') && t.includes('Luhansk'));
    expect(detail).toContain('Kenya Star');
    await shot('08b-sources');
    await s.run(
      `[...document.querySelectorAll('.source-detail .open-claim')].find((b) => b.innerText.includes('Luhansk')).click(); return 1`,
    );
    await s.waitForText('#claim-heading', (t) => t.includes('Luhansk'));
  });

  it('highlights proposals in pasted text; accepting one logs it, editing one fills the form', async () => {
    await s.click('nav button:nth-of-type(2)');
    await s.waitFor('textarea[name=text]');
    // Set as a paste would: the astral characters (emoji, a mathematical capital) move UTF-16
    // indexes away from the core's character offsets, so a wrong conversion shows in the marks.
    await s.run(
      `const ta = document.querySelector('textarea[name=text]'); ta.value = arguments[0];
       ta.dispatchEvent(new Event('input', { bubbles: true })); return 1;`,
      PROPOSED_ARTICLE,
    );
    await s.click('.proposals button.propose');
    await s.waitForText('.proposal-list', (t) => t.includes('Peskov') && t.includes('Terekhov'));
    // Every proposal is highlighted in the text, exactly over its own words.
    const highlighted = await s.run<{ card: string; marks: string }[]>(
      `return [...document.querySelectorAll('.proposal-list li')].map((li) => ({
         card: li.querySelector('q').textContent,
         marks: [...document.querySelectorAll('.marked-text mark[data-proposal="' + li.dataset.proposal + '"]')]
           .map((m) => m.textContent).join(''),
       }));`,
    );
    expect(highlighted).toHaveLength(2);
    expect(highlighted.map((h) => h.marks)).toEqual([
      'fewer missiles for Kyiv "could speed up the end of the war 🕊️"',
      '𝔄ll 🏫 schools in the city would reopen next week',
    ]);
    for (const h of highlighted) expect(h.marks).toBe(h.card);
    expect(await s.run<string>(`return document.querySelector('.marked-text').textContent`)).toBe(PROPOSED_ARTICLE);

    // Clicking a highlight selects its proposal.
    const schools = await s.run<string>(
      `return [...document.querySelectorAll('.marked-text mark')].find((m) => m.textContent.includes('schools')).dataset.proposal;`,
    );
    await s.click(`.marked-text mark[data-proposal="${schools}"]`);
    await s.waitFor(`.proposal-list li.selected[data-proposal="${schools}"]`);

    // Accept logs it with its chain in one step; the highlight shows it.
    await s.click(`.proposal-list li[data-proposal="${schools}"] button.accept`);
    await s.waitForText('.notice', (t) => t.includes('Claim logged'));
    await s.waitFor(`.proposal-list li.accepted[data-proposal="${schools}"]`);
    await s.waitFor(`.marked-text mark.accepted[data-proposal="${schools}"]`);

    // Reject sets the other aside; Undo brings it back; Edit fills the form from it.
    const peskov = schools === '0' ? '1' : '0';
    await s.click(`.proposal-list li[data-proposal="${peskov}"] button.reject`);
    await s.waitFor(`.marked-text mark.rejected[data-proposal="${peskov}"]`);
    await s.click(`.proposal-list li[data-proposal="${peskov}"] button.link:not(.show)`);
    await s.click(`.proposal-list li[data-proposal="${peskov}"] button.edit`);
    await s.waitForText(`.proposal-list li[data-proposal="${peskov}"]`, (t) => t.includes('In the form'));
    const speaker = await s.run<string>(`return document.querySelector('input[name=speaker]').value`);
    expect(speaker).toContain('Peskov');
    await s.run(`document.querySelector('main').scrollTop = 0; return 1`);
    await shot('10-capture-proposals');

    // The accepted claim is in the database, with the speaker and relay the proposal named.
    await s.click('nav button:nth-of-type(1)');
    await s.waitFor('input[name=search]');
    await s.clear('input[name=search]');
    await s.type('input[name=search]', 'schools');
    await openClaimFromList('schools in the city would reopen');
    const actors = await s.run<string[]>(
      `return [...document.querySelectorAll('.appearances .actor')].map((a) => a.textContent);`,
    );
    expect(actors).toEqual(expect.arrayContaining(['Ihor Terekhov', 'RT']));
    expect(await s.text('.claim-facts')).toContain('2 appearances');
  });

  it('opens the shortcut sheet with ?', async () => {
    await s.run(`document.activeElement && document.activeElement.blur(); return 1`);
    await s.type('body', '?');
    const sheet = await s.waitForText('.sheet', (t) => t.includes('Keyboard shortcuts'));
    expect(sheet).toContain('Command palette');
    await shot('09-shortcuts');
    await s.type('.sheet button', '\uE00C');
    await s.waitForText('body', () => true);
    for (let i = 0; i < 50 && (await s.findAll('.sheet')).length > 0; i++) await sleep(100);
    expect(await s.findAll('.sheet')).toHaveLength(0);
  });
});
