// @vitest-environment jsdom
// @vitest-environment-options {"runScripts":"dangerously"}
// The hostile-input detector must be able to fail: a payload that is parsed as
// HTML (through {@html}, which the app never uses) leaves a handler in the DOM,
// and once its event fires the payload's marker is set; the detector reports
// both. The same payload rendered as text leaves nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import HtmlScratch from './HtmlScratch.svelte';
import TextScratch from './TextScratch.svelte';
import { clean, findHostile } from './detector';
import { corpus } from './corpus';

let mounted: ReturnType<typeof mount> | null = null;
// The page's own global, where jsdom runs handlers (the test's `window` is Node's global with the page's properties).
const page = (globalThis as unknown as { jsdom: { window: Window } }).jsdom.window;

afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  document.body.innerHTML = '';
  for (const k of Object.keys(page).filter((k) => k.startsWith('__xss_'))) delete (page as unknown as Record<string, unknown>)[k];
});

function render(component: typeof HtmlScratch, text: string) {
  const target = document.createElement('div');
  document.body.appendChild(target);
  mounted = mount(component, { target, props: { text } });
  flushSync();
  return target;
}

describe('the hostile-input detector', () => {
  const payload = corpus().find((p) => p.text.startsWith('<img src=x onerror="'))!;

  it('catches a payload rendered through {@html}: its handler, and its marker once the event fires', () => {
    const target = render(HtmlScratch, payload.text);
    const before = findHostile(document, page);
    expect(before.handlers).toEqual(['img onerror']);
    expect(clean(before)).toBe(false);
    // What the browser does when the image fails to load. jsdom compiles a
    // handler attribute only when it is set in a live document, and {@html}
    // parses in a template first, so the attribute is set again here.
    const img = target.querySelector('img')!;
    img.setAttribute('onerror', img.getAttribute('onerror')!);
    img.dispatchEvent(new window.Event('error'));
    expect(findHostile(document, page).fired).toEqual([`__xss_${payload.n}`]);
  });

  it('catches a javascript: link and a frame', () => {
    render(HtmlScratch, '<a href=" java&#x09;script:void 0">x</a><iframe srcdoc="x"></iframe>');
    const found = findHostile(document, page);
    expect(found.scriptUrls).toEqual(['a href= java&#x09;script:void 0'.replace('&#x09;', '\t')]);
    expect(found.foreign).toEqual(['iframe']);
  });

  it('leaves text that merely reads like a script URL in a label alone', () => {
    render(TextScratch, 'x');
    document.querySelector('.scratch')!.setAttribute('data-actor', 'javascript:alert(1)');
    expect(clean(findHostile(document, page))).toBe(true);
  });

  it('finds nothing when every payload is rendered as text, and the text reads back exactly', () => {
    for (const p of corpus()) {
      const target = render(TextScratch, p.text);
      for (const el of target.querySelectorAll('img, a, [onerror]')) el.dispatchEvent(new window.Event('error'));
      expect(target.firstElementChild!.textContent).toBe(p.text);
      expect(findHostile(document, page)).toEqual({ fired: [], handlers: [], scriptUrls: [], foreign: [] });
      unmount(mounted!);
      mounted = null;
      document.body.innerHTML = '';
    }
  });
});

describe('the corpus', () => {
  it('holds at least 200 distinct payloads, each with its own marker', () => {
    const all = corpus();
    expect(all.length).toBeGreaterThanOrEqual(200);
    expect(new Set(all.map((p) => p.text)).size).toBe(all.length);
    for (const p of all) expect(p.text).toMatch(new RegExp(`(__xss_${p.n}\\b|\\D${p.n}\\D|\\D${p.n}$)`));
  });
});
