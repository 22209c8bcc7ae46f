// Hostile text in the real window: every payload of the corpus (script tags,
// handlers on many elements, SVG/MathML mutation shapes, javascript: and data:
// URLs, CSS, template syntax, broken tags and encodings) is typed into every
// field of the capture form and the status form, then shown on the claim page,
// in the chain (labels and the node detail), the claims list and its search,
// the actors list and actor pages (with the payload as an alias) and a chain
// exported as SVG. After each screen: no payload's marker was set, no element
// carries an on… handler or a script URL, nothing foreign (script, frame,
// object, base) is in the page, the text reads back exactly, and the only IPC
// commands called are the ones the screens call themselves.
//
// The window runs on a database of this test's own (through a small launcher
// that sets CLAIMTRAIL_DB), so the other suites still start from an empty one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appWithOwnDatabase, type OwnDatabase } from './own-database';
import { Session, sleep } from './webdriver';
import { corpus, payloadUrl, type Payload } from './xss/corpus';
import { DETECT_IN_PAGE, type Findings } from './xss/detector';
import { visibleText } from '../src/lib/visible-text';

const DRIVER = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
const APP = process.env.CLAIMTRAIL_APP;
const SHOTS = process.env.CLAIMTRAIL_SCREENSHOTS ?? join(__dirname, '..', '..', 'test-output');
const NOTHING: Findings = { fired: [], handlers: [], scriptUrls: [], foreign: [] };

// What the screens visited here call on their own; anything else (load_demo,
// merge_actors, open_link, capture_page…) would have come from a payload.
const EXPECTED_COMMANDS = new Set([
  'list_claims',
  'show_claim',
  'log_claim',
  'trace_claim',
  'list_actors',
  'suggest_actors',
  'resolve_name',
  'actor_profile',
  'add_actor_alias',
  'set_status',
  'database_info',
  'take_capture_link',
  'take_clipboard_capture',
  'capture_shortcut',
  'save_export',
  'propose_claims',
  'claim_history',
  'mark_distinct_from',
]);

const PAYLOADS = corpus();
/** What `logThroughCapture` reads while the form asks who a name is. */
const ASKING = '\u0000asking';
let s: Session;
let own: OwnDatabase | undefined;

/**
 * Records every IPC command the page sends, from now on, and any other request
 * it makes. Tauri's own `invoke` cannot be wrapped (it is a read-only
 * property), but every call ends in a `fetch` of `ipc://localhost/<command>`,
 * looked up on the window at call time; a payload calling `fetch` itself is
 * seen the same way.
 */
const OBSERVE_IPC = `
  if (!window.__ipc_seen) {
    window.__ipc_seen = [];
    window.__net_seen = [];
    const record = (url) => {
      const u = String(url);
      const m = u.match(/^(?:ipc:\\/\\/localhost|https?:\\/\\/ipc\\.localhost)\\/([^?#]*)/);
      if (m) window.__ipc_seen.push(decodeURIComponent(m[1]));
      else window.__net_seen.push(u.slice(0, 80));
    };
    const fetch = window.fetch;
    window.fetch = function (input, init) {
      record(input instanceof Request ? input.url : input);
      return fetch.apply(this, arguments);
    };
    const open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (method, url) {
      record(url);
      return open.apply(this, arguments);
    };
    const beacon = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = (url, data) => {
      record(url);
      return beacon(url, data);
    };
  }
  return Array.isArray(window.__ipc_seen);`;

async function scan(where: string) {
  // Handlers such as onerror and onload fire shortly after insertion.
  await sleep(50);
  const found = await s.run<Findings>(DETECT_IN_PAGE);
  expect(found, where).toEqual(NOTHING);
}

async function until<T>(script: string, ok: (v: T) => boolean, what: string, timeoutMs = 15_000, ...args: unknown[]): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await s.run<T>(script, ...args);
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: never happened; last ${JSON.stringify(v)}`);
    await sleep(40);
  }
}

const nav = (i: number) => s.run(`document.querySelector('nav button:nth-of-type(${i})').click(); return 1`);

/** Sets form fields as typing would (Svelte's bindings listen to `input`), and returns what each field holds. */
const FILL = `
  const out = {};
  for (const [sel, value] of Object.entries(arguments[0])) {
    const el = document.querySelector(sel);
    if (!el) throw new Error('no field ' + sel);
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    out[sel] = el.value;
  }
  return out;`;

async function logThroughCapture(p: Payload): Promise<string> {
  await nav(2);
  await until<boolean>(`return !!document.querySelector('textarea[name=text]')`, Boolean, 'capture screen');
  await s.run(`document.querySelector('.add-relay').click(); return 1`);
  await until<boolean>(`return !!document.querySelector('#relay-name-0')`, Boolean, 'relay row');
  const held = await s.run<Record<string, string>>(FILL, {
    'textarea[name=text]': `${p.text}\n\n${p.text}`,
    'input[name=claim]': p.text,
    'input[name=quote]': p.text,
    'input[name=speaker]': p.text,
    'input[name=speakerRole]': p.text,
    'input[name=cue]': p.text,
    'input[name=case]': `case ${p.n}`,
    '#relay-name-0': `${p.text} relay`,
    'input[name=relay-cue-0]': p.text,
    'input[name=url]': payloadUrl(p),
    'input[name=outlet]': `${p.text} outlet`,
    'input[name=title]': p.text,
  });
  await scan(`capture form, payload ${p.n}`);
  await s.run(`document.querySelector('form.capture-form').requestSubmit(); return 1`);
  const claim = held['input[name=claim]'].trim();
  const landed = () =>
    until<string | null>(
      `const h = document.querySelector('#claim-heading'); const e = document.querySelector('.capture .error');
       const asking = document.querySelector('.name-prompt .someone-else');
       return h ? h.textContent : e ? 'error: ' + e.textContent : asking ? '\\u0000asking' : null`,
      (t) => t !== null,
      `claim page of payload ${p.n}`,
    );
  let heading = await landed();
  // A payload name that looks like an earlier payload's actor is asked about
  // (its candidates shown as text): each is someone else here.
  while (heading === ASKING) {
    await scan(`name prompt, payload ${p.n}`);
    await s.run(`document.querySelector('.name-prompt .someone-else')?.click(); return 1`);
    heading = await landed();
  }
  // Shown literally, with bidi controls and zero-width characters as visible badges.
  expect(heading, `claim heading of payload ${p.n}`).toBe(visibleText(claim));
  return claim;
}

async function setStatus(p: Payload) {
  await until<boolean>(`return !!document.querySelector('.status-form textarea[name=reason]')`, Boolean, 'status form');
  await s.run(
    `const el = document.querySelector('select[name=status]'); el.value = 'contested';
     el.dispatchEvent(new Event('change', { bubbles: true })); return 1`,
  );
  await s.run(FILL, {
    'textarea[name=reason]': p.text,
    'textarea[name=evidence]': payloadUrl(p),
    'input[name=author]': `${p.text} checker`,
  });
  await s.run(`document.querySelector('.status-form').requestSubmit(); return 1`);
  const reason = await until<string | null>(
    `const r = document.querySelector('.history .reason'); const e = document.querySelector('.status-form .problem, .status-form .error');
     return r ? r.textContent : e ? 'error: ' + e.textContent : null`,
    (t) => t !== null,
    `status of payload ${p.n}`,
  );
  expect(reason, `reason of payload ${p.n}`).toBe(p.text.trim());
}

async function visitChain(p: Payload) {
  await until<number>(`return document.querySelectorAll('.chain .node').length`, (n) => n >= 3, `chain of payload ${p.n}`);
  const actors = await s.run<string[]>(`return [...document.querySelectorAll('.chain .node')].map((n) => n.dataset.actor)`);
  expect(actors, `chain actors of payload ${p.n}`).toContain(p.text.replace(/[\r\n]/g, '').trim());
  // Every node's detail (its quote, document and address) in turn.
  const count = await s.run<number>(`return document.querySelectorAll('.chain .node').length`);
  for (let i = 0; i < count; i++) {
    // Clicked again while waiting: the chain may be redrawn under the first click.
    await until<boolean>(
      `const n = document.querySelectorAll('.chain .node')[arguments[0]];
       if (n) n.dispatchEvent(new MouseEvent('click', { bubbles: true }));
       return !!n && !!document.querySelector('.node-detail')`,
      Boolean,
      `node detail ${i} of payload ${p.n}`,
      15_000,
      i,
    );
  }
}

/** Saves the chain on screen as SVG: a file someone may open in a browser must carry no live markup either. */
async function exportSvg(p: Payload) {
  await s.run(`document.querySelector('.chain-tools button').click(); return 1`);
  const notice = await until<string>(`return document.querySelector('.notice')?.textContent ?? ''`, (t) => t.includes('.svg'), 'svg export');
  const svg = readFileSync(notice.replace(/^Chain saved to /, '').trim(), 'utf8');
  expect(svg).toContain(`&lt;svg onload=`);
  const tags = [...svg.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)];
  // Attribute values are quoted and escaped, so names are what stands before each `="…"`.
  const names = (attrs: string) => [...attrs.matchAll(/([^\s=]+)\s*=\s*(?:"[^"]*"|'[^']*')/g)].map((m) => m[1].toLowerCase());
  expect(tags.filter((t) => names(t[2]).some((n) => n.startsWith('on'))).map((t) => t[0])).toEqual([]);
  expect(tags.filter((t) => /\s(href|xlink:href|src)\s*=\s*"\s*javascript:/i.test(t[2])).map((t) => t[0])).toEqual([]);
  expect(tags.filter((t) => /^(script|foreignObject|iframe|a|use|image)$/i.test(t[1])).map((t) => t[0])).toEqual([]);
  await scan(`claim page of payload ${p.n} after export`);
}

beforeAll(async () => {
  if (!APP) throw new Error('CLAIMTRAIL_APP must name the built claimtrail-desktop binary (scripts/e2e.sh sets it)');
  own = appWithOwnDatabase(APP, 'hostile');
  s = await Session.start(DRIVER, own.launcher);
});

afterAll(async () => {
  await s?.end();
  own?.remove();
});

describe('hostile text in every field of the real window', () => {
  it('starts on an empty database of its own, with the IPC observer in place and inline script refused', async () => {
    await s.waitForText('.welcome', (t) => t.includes('Load the demo case'));
    expect(await s.run<boolean>(OBSERVE_IPC)).toBe(true);
    // The content security policy: a script element added to the page with
    // inline code must not run (only the app's own bundle may).
    await s.run(`const el = document.createElement('script'); el.textContent = 'window.__csp_broken = 1';
                 document.body.appendChild(el); el.remove(); return 1`);
    await sleep(200);
    expect(await s.run<unknown>(`return window.__csp_broken ?? null`)).toBeNull();
    await scan('welcome');
  });

  it(`logs ${PAYLOADS.length} payloads through the capture and status forms and shows each inert`, async () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(200);
    for (const p of PAYLOADS) {
      await logThroughCapture(p);
      await scan(`claim page of payload ${p.n}`);
      await setStatus(p);
      await visitChain(p);
      await scan(`chain of payload ${p.n}`);
      if (p.text.startsWith('<svg onload=')) await exportSvg(p);
    }
    await s.screenshot(join(SHOTS, 'hostile-claim.png'));
  }, 1_800_000);

  it('lists and searches them inert', async () => {
    await nav(1);
    await until<number>(`return document.querySelectorAll('.row').length`, (n) => n > 0, 'claims list');
    // Scroll the whole list so every row is drawn once (it draws only the rows in view, and pages as it goes).
    for (let top = 0; ; top += 300) {
      const more = await s.run<boolean>(
        `const v = document.querySelector('.viewport'); v.scrollTop = arguments[0]; v.dispatchEvent(new Event('scroll'));
         return arguments[0] < v.scrollHeight`,
        top,
      );
      await sleep(30);
      if (!more) break;
      await scan(`claims list at ${top}px`);
    }
    await until<string>(`return document.querySelector('.list-status').textContent.trim()`, (t) => t.startsWith(`${PAYLOADS.length} claims`), 'whole list');
    await scan('claims list');
    for (const p of PAYLOADS.filter((p) => p.n % 4 === 0)) {
      await s.run(FILL, { 'input[name=search]': p.text });
      await sleep(200);
      await until<string>(`return document.querySelector('.list-status').textContent`, (t) => !t.includes('Loading'), 'search');
      await scan(`search for payload ${p.n}`);
    }
    await s.run(FILL, { 'input[name=search]': '' });
  }, 600_000);

  it('shows every actor inert, and takes a payload as an alias', async () => {
    await nav(3);
    await until<number>(`return document.querySelectorAll('.actor-table button.link').length`, (n) => n >= PAYLOADS.length * 3, 'actors');
    await scan('actors list');
    const names = await s.run<string[]>(`return [...document.querySelectorAll('.actor-table button.link')].map((b) => b.textContent)`);
    for (const p of PAYLOADS.slice(0, 40)) {
      const name = p.text.replace(/[\r\n]/g, '').trim();
      expect(names, `actor named by payload ${p.n}`).toContain(visibleText(name));
    }
    for (const p of PAYLOADS.filter((p) => p.n % 10 === 0)) {
      await nav(3);
      const opened = await until<boolean>(
        `const b = [...document.querySelectorAll('.actor-table button.link')].find((b) => b.textContent === arguments[0]);
         if (b) b.click(); return !!b`,
        Boolean,
        `actor of payload ${p.n}`,
        15_000,
        visibleText(`${p.text.replace(/[\r\n]/g, '')} relay`.trim()),
      );
      expect(opened).toBe(true);
      await until<string | null>(`return document.querySelector('#actor-heading')?.textContent ?? null`, (t) => t !== null, 'actor page');
      await s.run(FILL, { 'input[name=alias]': `${p.text} aka` });
      await s.run(`document.querySelector('.inline-form').requestSubmit(); return 1`);
      await until<boolean>(
        `return [...document.querySelectorAll('.actor-page p')].some((e) => e.textContent.includes(arguments[0]))`,
        Boolean,
        `alias of payload ${p.n}`,
        15_000,
        visibleText(`${p.text.replace(/[\r\n]/g, '')} aka`.trim()),
      );
      await scan(`actor page of payload ${p.n}`);
    }
    await nav(3);
    await sleep(300);
    await scan('actors list with aliases');
    await s.screenshot(join(SHOTS, 'hostile-actors.png'));
  }, 600_000);

  it('called no IPC command a screen does not call itself', async () => {
    const seen = await s.run<string[]>(`return window.__ipc_seen`);
    expect(await s.run<string[]>(`return window.__net_seen`)).toEqual([]);
    // The observer saw the app's own traffic, so it would have seen a payload's.
    expect(seen).toContain('log_claim');
    expect(seen).toContain('set_status');
    expect([...new Set(seen)].filter((c) => !EXPECTED_COMMANDS.has(c))).toEqual([]);
    // And the database shows none of what the payloads tried (the demo, a merge).
    await nav(1);
    await s.run(FILL, { 'input[name=search]': 'Washington' });
    await until<string>(`return document.querySelector('.list-status')?.textContent ?? ''`, (t) => t.includes('No claim matches'), 'no demo');
    await scan('end');
  });
});
