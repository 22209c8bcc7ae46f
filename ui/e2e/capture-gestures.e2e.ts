// Getting material into the capture screen with one gesture, in the real
// window: a paste and a drop onto the window outside any text field, the
// window's clipboard shortcut and the system-wide one (the clipboard set
// through the X selection with xclip, as another program would; the
// system-wide keys pressed on the X server with xdotool, as a person would),
// and a claimtrail://capture link given to a second launch of the app, which
// hands it to the running window over the private session bus scripts/e2e.sh
// starts (single instance) and exits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Key, Session, sleep } from './webdriver';

const DRIVER = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
const APP = process.env.CLAIMTRAIL_APP;
const SHOTS = process.env.CLAIMTRAIL_SCREENSHOTS ?? join(__dirname, '..', '..', 'test-output');

// Written for this test, in our own words.
const PASTED_URL = 'https://valleypost.example/2025/07/bridge-reopens?utm_source=share';
const DROPPED_TEXT = '“The bridge will carry traffic again by May,” the city engineer told reporters on Monday.';
const COPIED_URL = 'https://harbourtimes.example/port-closure';
const COPIED_TEXT = 'The port will stay closed until the inspectors finish, the harbour master said.\n\nShips wait offshore.';
const LINK_URL = 'https://ridgegazette.example/dam-levels';
const LINK_TEXT = 'Reservoir levels are the lowest in twenty years, the water board said.';

let s: Session;

const fields = () =>
  s.run<[string, string]>(
    `return [document.querySelector('input[name=url]').value, document.querySelector('textarea[name=text]').value];`,
  );

/** The address and text fields once they hold `want` (or what they hold after 15 s, for the failure message). */
async function fieldsBecome(want: [string, string]): Promise<[string, string]> {
  const until = Date.now() + 15_000;
  for (;;) {
    const got = await fields();
    if ((got[0] === want[0] && got[1] === want[1]) || Date.now() > until) return got;
    await sleep(150);
  }
}

/** Puts `text` on the X clipboard as another program would. */
function copy(text: string): void {
  // xclip stays behind to serve the selection, so its output is not waited for.
  const xclip = spawnSync('xclip', ['-selection', 'clipboard'], {
    input: text,
    stdio: ['pipe', 'ignore', 'ignore'],
    timeout: 10_000,
  });
  expect([xclip.status, xclip.error?.message]).toEqual([0, undefined]);
  // The xclip left behind takes the selection on its own time: on a busy
  // machine a key pressed at once could find the clipboard empty.
  const until = Date.now() + 10_000;
  for (;;) {
    const held = spawnSync('xclip', ['-o', '-selection', 'clipboard'], { encoding: 'utf8', timeout: 5_000 });
    if (held.stdout === text) return;
    if (Date.now() > until) throw new Error(`the clipboard still holds ${JSON.stringify(held.stdout)}`);
    spawnSync('sleep', ['0.1']);
  }
}

/** Leaves the capture screen with an empty draft, as a checker starting afresh would. */
async function startAfresh(): Promise<void> {
  await s.run(`
    const discard = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Discard draft');
    if (discard) discard.click();
    return 1;`);
  await s.click('nav button:nth-of-type(1)');
  await s.waitFor('[data-screen=claims]');
}

beforeAll(async () => {
  if (!APP) throw new Error('CLAIMTRAIL_APP must name the built claimtrail-desktop binary (scripts/e2e.sh sets it)');
  s = await Session.start(DRIVER, APP);
  await s.waitFor('[data-screen=claims]');
});

afterAll(async () => {
  await s?.end();
});

describe('material brought to the window', () => {
  it('a pasted address opens the capture screen ready to fetch it', async () => {
    const taken = await s.run<boolean>(
      `const data = new DataTransfer();
       data.setData('text/plain', arguments[0]);
       const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
       document.body.dispatchEvent(paste);
       return paste.defaultPrevented;`,
      `  ${PASTED_URL}\n`,
    );
    expect(taken).toBe(true);
    await s.waitFor('#capture-heading');
    expect(await fieldsBecome([PASTED_URL, ''])).toEqual([PASTED_URL, '']);
  });

  it('dropped text becomes the article text beside the pasted address', async () => {
    const taken = await s.run<boolean>(
      `const target = document.querySelector('#capture-heading');
       const data = new DataTransfer();
       data.setData('text/plain', arguments[0]);
       const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true });
       target.dispatchEvent(over);
       const drop = new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
       target.dispatchEvent(drop);
       return [over.defaultPrevented, drop.defaultPrevented];`,
      DROPPED_TEXT,
    );
    expect(taken).toEqual([true, true]);
    expect(await fields()).toEqual([PASTED_URL, DROPPED_TEXT]);
    await s.screenshot(join(SHOTS, 'capture-gestures-01-pasted-and-dropped.png'));
  });

  it('a dropped javascript: link is refused and changes nothing', async () => {
    await s.run(
      `const data = new DataTransfer();
       data.setData('text/uri-list', '# from a page\\r\\njavascript:alert(1)\\r\\n');
       document.querySelector('#capture-heading')
         .dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
       return 1;`,
    );
    await s.waitForText('.notice', (t) => t.includes('Only http and https pages can be captured'));
    expect(await fields()).toEqual([PASTED_URL, DROPPED_TEXT]);
  });

  it('Ctrl+Shift+V opens the capture screen with what the clipboard holds', async () => {
    await startAfresh();
    copy(`${COPIED_URL}\n`);
    await s.chord(Key.control, Key.shift, 'v');
    await s.waitFor('#capture-heading');
    expect(await fieldsBecome([COPIED_URL, ''])).toEqual([COPIED_URL, '']);
  });

  it('the system-wide Ctrl+Alt+Shift+V brings the clipboard to the capture screen', async () => {
    await startAfresh();
    copy(COPIED_TEXT);
    // Pressed on the X server itself, where the shortcut is grabbed, not through the web view.
    const press = spawnSync('xdotool', ['key', '--clearmodifiers', 'ctrl+alt+shift+v'], { timeout: 10_000 });
    expect([press.status, press.error?.message]).toEqual([0, undefined]);
    await s.waitFor('#capture-heading');
    expect(await fieldsBecome(['', COPIED_TEXT])).toEqual(['', COPIED_TEXT]);
  });

  it('a second launch with a capture link hands it to this window and exits', async () => {
    await startAfresh();
    const link = `claimtrail://capture?url=${encodeURIComponent(LINK_URL)}&text=${encodeURIComponent(LINK_TEXT)}`;
    // The same environment as the running app: its display, its session bus, its database.
    const second = spawn(APP!, [link], { env: process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    second.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((done, fail) => {
      const limit = setTimeout(() => {
        second.kill('SIGKILL');
        fail(new Error(`the second launch did not hand over and exit within 30 s; stderr: ${stderr}`));
      }, 30_000);
      second.on('exit', (c) => {
        clearTimeout(limit);
        done(c);
      });
    });
    expect(code, stderr).toBe(0);
    await s.waitFor('#capture-heading');
    expect(await fieldsBecome([LINK_URL, LINK_TEXT])).toEqual([LINK_URL, LINK_TEXT]);
    await s.screenshot(join(SHOTS, 'capture-gestures-02-second-launch.png'));
  });
});
