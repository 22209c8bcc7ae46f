// A small W3C WebDriver client over fetch: enough to drive the real Claimtrail
// window through tauri-driver without pulling a browser-automation framework
// (and its browser downloads) into the install.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export interface Element {
  id: string;
}

export class WebDriverError extends Error {}

async function request<T>(base: string, method: string, path: string, body?: unknown, timeoutMs?: number): Promise<T> {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs),
  }).catch((e: Error) => {
    throw new WebDriverError(`${method} ${path}: ${e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : e.message}`);
  });
  const json = (await res.json().catch(() => ({}))) as { value?: unknown };
  if (!res.ok) {
    const v = json.value as { error?: string; message?: string } | undefined;
    throw new WebDriverError(`${method} ${path}: ${v?.error ?? res.status} ${v?.message ?? ''}`.trim());
  }
  return json.value as T;
}

export class Session {
  private constructor(
    private readonly base: string,
    readonly id: string,
  ) {}

  /** Starts the app under test (with `args` on its command line); tauri-driver launches it through WebKitWebDriver. */
  static async start(driver: string, application: string, args: string[] = []): Promise<Session> {
    // A launch that hands over to a Claimtrail still running on the test's
    // session bus (single instance) exits at once, and the driver would wait
    // for its window forever.
    const value = await request<{ sessionId: string }>(
      driver,
      'POST',
      '/session',
      { capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application, args } } } },
      120_000,
    );
    return new Session(driver, value.sessionId);
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return request<T>(this.base, method, `/session/${this.id}${path}`, body);
  }

  async end(): Promise<void> {
    await this.call('DELETE', '').catch(() => {});
  }

  async find(css: string): Promise<Element> {
    const v = await this.call<Record<string, string>>('POST', '/element', { using: 'css selector', value: css });
    return { id: v[ELEMENT] };
  }

  async findAll(css: string): Promise<Element[]> {
    const v = await this.call<Record<string, string>[]>('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => ({ id: e[ELEMENT] }));
  }

  /** Waits until `css` matches an element, polling: the UI answers asynchronously. */
  async waitFor(css: string, timeoutMs = 15_000): Promise<Element> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = await this.findAll(css);
      if (found.length > 0) return found[0];
      if (Date.now() > until) throw new WebDriverError(`nothing matched ${css} within ${timeoutMs} ms`);
      await sleep(150);
    }
  }

  /** Waits until the text of the first match of `css` satisfies `test`. */
  async waitForText(css: string, test: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = (await this.textOf(css)) ?? '';
      if (test(last)) return last;
      if (Date.now() > until) throw new WebDriverError(`text of ${css} never matched; last: ${JSON.stringify(last)}`);
      await sleep(150);
    }
  }

  /**
   * The text a reader sees in the first match of `css` (`innerText`), or null.
   * WebKitWebDriver's own "element text" skips text clipped with an ellipsis,
   * which the claims list uses for long claims.
   */
  async textOf(css: string): Promise<string | null> {
    return this.run<string | null>(
      'const el = document.querySelector(arguments[0]); return el ? el.innerText : null;',
      css,
    );
  }

  async click(e: Element | string): Promise<void> {
    const el = typeof e === 'string' ? await this.waitFor(e) : e;
    // WebKitWebDriver does not scroll nested scroll areas (the window's main
    // pane) to reach an element; a user would, so the test does it for them.
    await this.run(
      `arguments[0].scrollIntoView({ block: 'center', inline: 'center' }); return 1;`,
      { [ELEMENT]: el.id },
    );
    await this.call('POST', `/element/${el.id}/click`, {});
  }

  async type(e: Element | string, text: string): Promise<void> {
    const el = typeof e === 'string' ? await this.waitFor(e) : e;
    await this.call('POST', `/element/${el.id}/value`, { text });
  }

  async clear(e: Element | string): Promise<void> {
    const el = typeof e === 'string' ? await this.waitFor(e) : e;
    await this.call('POST', `/element/${el.id}/clear`, {});
  }

  async text(css: string): Promise<string> {
    await this.waitFor(css);
    return (await this.textOf(css)) ?? '';
  }

  async attribute(e: Element, name: string): Promise<string | null> {
    return this.call<string | null>('GET', `/element/${e.id}/attribute/${name}`);
  }

  /**
   * Presses a chord on the real keyboard, as a person would: each key down in
   * order, then all up. Keys are characters or WebDriver key codes
   * (`Key.control`…), sent to whatever has focus.
   */
  async chord(...keys: string[]): Promise<void> {
    const down = keys.map((value) => ({ type: 'keyDown', value }));
    const up = [...keys].reverse().map((value) => ({ type: 'keyUp', value }));
    await this.call('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: [...down, ...up] }] });
    await this.call('DELETE', '/actions');
  }

  async run<T>(script: string, ...args: unknown[]): Promise<T> {
    return this.call<T>('POST', '/execute/sync', { script, args });
  }

  /** Saves a PNG of the window, after a pause for the screen to settle. */
  async screenshot(path: string, settleMs = 1000): Promise<void> {
    await sleep(settleMs);
    const b64 = await this.call<string>('GET', '/screenshot');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.from(b64, 'base64'));
  }
}

/** WebDriver's codes for modifier keys. */
export const Key = { control: '\uE009', shift: '\uE008', alt: '\uE00A', meta: '\uE03D' } as const;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
