// The capture form as typed, and how it becomes one `log` request: the
// speaker's appearance, each relay in order (each relaying the one before),
// and the page being read as the last step, carrying the document.
import { utf16Offsets } from './highlights';
import type { ActorKind, AppearanceKind, LogRequest, Relation, RelayStep, Stance } from '../../lib/ipc/bindings';

export interface RelayDraft {
  /** Stable identity for reordering; not sent. */
  key: number;
  name: string;
  kind: ActorKind;
  relation: Relation;
  cue: string;
}

export interface CaptureDraft {
  text: string;
  url: string;
  outlet: string;
  title: string;
  published: string;
  /** How the page being read carries the last relay. */
  pageRelation: Relation;
  claim: string;
  quote: string;
  prefix: string;
  suffix: string;
  speaker: string;
  speakerKind: ActorKind;
  speakerRole: string;
  /** Also make the role the speaker's usual one (it is always kept with this appearance). */
  updateRole: boolean;
  kind: AppearanceKind;
  cue: string;
  stance: Stance;
  saidAt: string;
  relays: RelayDraft[];
  caseName: string;
}

export function emptyDraft(): CaptureDraft {
  return {
    text: '',
    url: '',
    outlet: '',
    title: '',
    published: '',
    pageRelation: 'republishes',
    claim: '',
    quote: '',
    prefix: '',
    suffix: '',
    speaker: '',
    speakerKind: 'person',
    speakerRole: '',
    updateRole: false,
    kind: 'direct',
    cue: '',
    stance: 'asserts',
    saidAt: '',
    relays: [],
    caseName: '',
  };
}

/** W3C TextQuoteSelector of a selection in the pasted text: the exact words and a little context. */
export function quoteSelector(text: string, start: number, end: number, context = 32) {
  const [from, to] = start <= end ? [start, end] : [end, start];
  let a = from;
  let b = to;
  // A selection made by double-click or drag often catches the spaces around it.
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  return {
    exact: text.slice(a, b),
    prefix: text.slice(Math.max(0, a - context), a),
    suffix: text.slice(b, b + context),
  };
}

export type Problems = Partial<Record<'claim' | 'speaker' | 'url' | 'outlet' | 'relays', string>>;
export type DraftCheck = { ok: true; request: LogRequest } | { ok: false; problems: Problems };

const text = (s: string) => (s.trim() === '' ? null : s.trim());
const same = (a: string, b: string) => a.trim().normalize('NFC').toLowerCase() === b.trim().normalize('NFC').toLowerCase();

function isWebLink(s: string): boolean {
  try {
    const u = new URL(s.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export function toLogRequest(d: CaptureDraft): DraftCheck {
  const problems: Problems = {};
  const claim = text(d.claim) ?? text(d.quote);
  if (!claim) problems.claim = 'Write the claim, or select it in the text.';
  if (!text(d.speaker)) problems.speaker = 'Who made the claim?';
  if (text(d.url) && !isWebLink(d.url)) problems.url = 'The page address must be an http or https link.';
  const relays = d.relays.filter((r) => r.name.trim() !== '');
  const steps: RelayStep[] = relays.map((r) => ({
    actor: { name: r.name.trim(), kind: r.kind, role: null, aliases: [], state_affiliated: false },
    relation: r.relation,
    cue: text(r.cue),
    quote: null,
    document: null,
  }));
  const page = text(d.url) || text(d.outlet) || text(d.title) || text(d.published);
  if (page) {
    const document = { url: text(d.url), title: text(d.title), published_at: text(d.published), located: true };
    const last = steps[steps.length - 1];
    if (text(d.outlet) && last && same(last.actor.name, d.outlet)) {
      last.document = document;
    } else if (text(d.outlet)) {
      steps.push({
        actor: { name: d.outlet.trim(), kind: 'outlet', role: null, aliases: [], state_affiliated: false },
        relation: d.pageRelation,
        cue: null,
        quote: null,
        document,
      });
    } else if (last) {
      last.document = document;
    } else {
      problems.outlet = 'Name the outlet that published this page.';
    }
  }
  if (Object.keys(problems).length > 0 || !claim) return { ok: false, problems };
  return {
    ok: true,
    request: {
      claim,
      speaker: {
        name: d.speaker.trim(),
        kind: d.speakerKind,
        role: text(d.speakerRole),
        update_role: d.updateRole && !!text(d.speakerRole) ? true : undefined,
        aliases: [],
        state_affiliated: false,
      },
      quote: text(d.quote),
      prefix: d.quote.trim() ? d.prefix || null : null,
      suffix: d.quote.trim() ? d.suffix || null : null,
      kind: d.kind,
      cue: text(d.cue),
      stance: d.stance,
      said_at: text(d.saidAt),
      said_at_text: null,
      said_where: null,
      relays: steps,
      cases: text(d.caseName) ? [d.caseName.trim()] : [],
      tags: [],
    },
  };
}

/** Moves the relay at `from` to `to`, keeping the others in order. */
export function moveRelay(relays: RelayDraft[], from: number, to: number): RelayDraft[] {
  if (from === to || from < 0 || from >= relays.length || to < 0 || to >= relays.length) return relays;
  const next = relays.slice();
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

/**
 * The form filled from a proposal's log request. The step carrying the located
 * page becomes the page fields (outlet, address, date); the other relays stay
 * in the chain. What the checker typed about the page is kept where the
 * proposal says nothing.
 */
export function draftFromRequest(base: CaptureDraft, r: LogRequest, nextKey: () => number): CaptureDraft {
  const steps = r.relays.slice();
  const pageAt = steps.map((s) => !!s.document?.located).lastIndexOf(true);
  const page = pageAt >= 0 ? steps.splice(pageAt, 1)[0] : undefined;
  return {
    ...base,
    claim: r.claim,
    quote: r.quote ?? '',
    prefix: r.prefix ?? '',
    suffix: r.suffix ?? '',
    speaker: r.speaker.name,
    speakerKind: r.speaker.kind ?? 'person',
    speakerRole: r.speaker.role ?? '',
    kind: r.kind,
    cue: r.cue ?? '',
    stance: r.stance,
    saidAt: r.said_at ?? '',
    relays: steps.map((s) => ({
      key: nextKey(),
      name: s.actor.name,
      kind: s.actor.kind ?? 'outlet',
      relation: s.relation,
      cue: s.cue ?? '',
    })),
    outlet: page?.actor.name ?? base.outlet,
    pageRelation: page?.relation ?? base.pageRelation,
    url: page?.document?.url ?? base.url,
    title: page?.document?.title ?? base.title,
    published: page?.document?.published_at?.slice(0, 10) ?? base.published,
    caseName: r.cases[0] ?? base.caseName,
  };
}

/** A span given in Unicode scalar values (as the core counts) as UTF-16 indexes into `text`. */
export function utf16Span(text: string, start: number, end: number): [number, number] {
  const [a, b] = utf16Offsets(text, [start, end]);
  return [a, b];
}
