// What the hostile-input tests look for in a rendered page. It is kept as
// source text so that the very same code runs inside the real window (through
// WebDriver's "execute script") and in the unit test that proves it catches a
// payload rendered as HTML.

/** What a scan found; every list empty means nothing hostile is live in the page. */
export interface Findings {
  /** Markers set by a payload that ran (`window.__xss_<n>`). */
  fired: string[];
  /** Elements carrying an event-handler attribute (`on…`). */
  handlers: string[];
  /** Address attributes holding a script URL (`javascript:`, `vbscript:`, `data:text/html`). */
  scriptUrls: string[];
  /** Elements the app never renders itself (scripts other than its bundle, frames, objects, bases, refreshes). */
  foreign: string[];
}

/** A function body over `doc` and `win` returning `Findings`. */
export const DETECTOR_SOURCE = String.raw`
  const fired = Object.keys(win).filter((k) => /^__xss_\d+$/.test(k)).sort();
  const handlers = [];
  const scriptUrls = [];
  const foreign = [];
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
  const scriptUrl = /^(javascript|vbscript|data:text\/html)/i;
  // Attributes a browser follows or loads as an address (SVG animations can write one into href).
  const urlAttributes = ['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction', 'data', 'background', 'poster',
    'codebase', 'cite', 'ping', 'lowsrc', 'dynsrc', 'longdesc', 'manifest', 'icon', 'usemap', 'archive', 'classid',
    'to', 'from', 'by', 'values'];
  for (const el of doc.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) handlers.push(describe(el) + ' ' + name);
      // Browsers drop tabs, newlines and leading control characters and spaces before the scheme.
      const value = attr.value.replace(/[\u0000-\u0020]/g, '');
      if (urlAttributes.includes(name) && scriptUrl.test(value)) scriptUrls.push(describe(el) + ' ' + name + '=' + attr.value.slice(0, 40));
    }
    const tag = el.tagName.toLowerCase();
    if (tag === 'script') {
      const src = el.getAttribute('src') || '';
      const own = el.getAttribute('type') === 'module' && /^(\.\/|\/)assets\/[\w.-]+\.js$/.test(src) && el.text === '';
      if (!own) foreign.push('script ' + (src || el.text.slice(0, 40)));
    } else if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal'].includes(tag)) {
      foreign.push(tag);
    } else if (tag === 'meta' && el.hasAttribute('http-equiv') && el.getAttribute('http-equiv').toLowerCase() !== 'content-security-policy') {
      foreign.push('meta http-equiv=' + el.getAttribute('http-equiv'));
    }
  }
  return { fired, handlers, scriptUrls, foreign };
`;

/** Scans `doc` (and the globals of `win`) for anything a payload left live. */
export function findHostile(doc: Document, win: object): Findings {
  return new Function('doc', 'win', DETECTOR_SOURCE)(doc, win) as Findings;
}

/** The same scan as a WebDriver script for the window under test. */
export const DETECT_IN_PAGE = `return (function (doc, win) {${DETECTOR_SOURCE}})(document, window);`;

/** True when nothing was found. */
export function clean(f: Findings): boolean {
  return f.fired.length + f.handlers.length + f.scriptUrls.length + f.foreign.length === 0;
}
