// A page sent from the browser, in the real window: the app is started by a
// claimtrail://capture link (as the bookmarklet makes the system do), opens
// the capture screen with the page's address and the selected text, and
// "Capture URL" fetches that page from a site this test serves on 127.0.0.1
// (scripts/e2e.sh allows loopback for the run) and keeps its snapshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Session } from './webdriver';

const DRIVER = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
const APP = process.env.CLAIMTRAIL_APP;
const SHOTS = process.env.CLAIMTRAIL_SCREENSHOTS ?? join(__dirname, '..', '..', 'test-output');

// Written for this test, in our own words.
const SELECTED = 'The region has been entirely conquered, the governor said on Friday.';
const PAGE = `<!doctype html><html><head><title>Governor claims full control | Valley Post</title>
<meta property="og:site_name" content="Valley Post">
<meta property="article:published_time" content="2025-07-04T08:00:00Z"></head>
<body><article><h1>Governor claims full control</h1>
<p>${SELECTED}</p>
<p>Officials in the neighbouring district said fighting continued near two villages on the western edge,
and independent map analyses published the same week did not show a change of the front line.</p>
<p>The governor's office did not answer questions about the villages by the time of publication.</p>
</article></body></html>`;

let s: Session;
let site: Server;
let pageUrl = '';

beforeAll(async () => {
  if (!APP) throw new Error('CLAIMTRAIL_APP must name the built claimtrail-desktop binary (scripts/e2e.sh sets it)');
  site = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
  pageUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/story?utm_source=share`;
  const link = `claimtrail://capture?url=${encodeURIComponent(pageUrl)}&text=${encodeURIComponent(SELECTED)}`;
  s = await Session.start(DRIVER, APP, [link]);
});

afterAll(async () => {
  await s?.end();
  site?.close();
});

describe('a page sent from the browser', () => {
  it('opens the capture screen with the address and the selected text', async () => {
    await s.waitFor('#capture-heading');
    const fields = await s.run<[string, string]>(
      `return [document.querySelector('input[name=url]').value, document.querySelector('textarea[name=text]').value];`,
    );
    expect(fields).toEqual([pageUrl, SELECTED]);
    await s.screenshot(join(SHOTS, 'capture-link-01-opened.png'));
  });

  it('captures the page: snapshot kept, outlet offered, selection kept', async () => {
    await s.click('button.capture-url');
    const kept = await s.waitForText('.capture-kept', (t) => t.includes('Snapshot kept'));
    expect(kept).toContain('HTTP 200');
    expect(kept).toContain('“Valley Post” is created when you save');
    const fields = await s.run<[string, string, string, string]>(
      `return ['url', 'title', 'outlet'].map((n) => document.querySelector('input[name=' + n + ']').value)
         .concat(document.querySelector('textarea[name=text]').value);`,
    );
    expect(fields[0]).toBe(pageUrl.replace('?utm_source=share', ''));
    expect(fields[1]).toContain('Governor claims full control');
    expect(fields[2]).toBe('Valley Post');
    expect(fields[3]).toBe(SELECTED);
    await s.screenshot(join(SHOTS, 'capture-link-02-captured.png'));
  });
});
