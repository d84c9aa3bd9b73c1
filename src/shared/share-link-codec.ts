// Share links: the app's setup (labels or preset, template, model, backend and dtype preference, model host) packed
// into the URL fragment, which browsers never send to the server. Images are never part of it. The JSON is
// compressed (deflate-raw, built into browsers and Node) and base64url-encoded, so a list of hundreds of labels
// still fits in a link; limits on every size keep a hostile link from costing memory or freezing the page.
import type { BackendPreference } from './protocol';
import { SHARE_PREFIX } from './share-link-prefix';
import { MAX_DESCRIBE_CHARS, MAX_LABEL_CHARS, MAX_LABELS } from './settings';

export { SHARE_PREFIX, sharePayload } from './share-link-prefix';

export interface SharedSetup {
  /** The labels, in order; empty when `preset` names them. */
  labels: string[];
  /** A preset id whose labels are exactly the setup's labels. */
  preset?: string;
  template: string;
  model?: string;
  backend: BackendPreference;
  dtype?: string;
  hub?: string;
  /** The Describe view's settings (never its results, never images); absent when they are the defaults. */
  describe?: SharedDescribe;
}

export interface SharedDescribe {
  question: string;
  prefix: string;
  beams: 1 | 2 | 3 | 4;
  /** The link opens on the Describe tab. */
  open: boolean;
}

export type ShareDecodeResult = { ok: true; setup: SharedSetup } | { ok: false; problem: string };

/** Longest encoded setup a link may carry; about 24 KB of compressed labels. Browsers and chat apps cope. */
export const MAX_SHARE_CHARS = 32_000;
/** Longest JSON a link may unpack to: a decompression bomb stops here. */
export const MAX_SHARE_JSON_BYTES = 1_000_000;
const MAX_FIELD_CHARS = 300;
const FORMAT_VERSION = 1;
const BACKENDS: readonly BackendPreference[] = ['auto', 'webgpu', 'wasm'];

/** Wire format: short keys keep links short. */
interface Wire {
  v: number;
  l?: string;
  p?: string;
  t: string;
  m?: string;
  b?: string;
  d?: string;
  h?: string;
  /** Describe: question, prefix, beams, and 'describe' when the link opens on that tab. */
  q?: string;
  x?: string;
  n?: number;
  o?: string;
}

export class ShareLinkTooLongError extends Error {}

/** The fragment (starting with `#share=`) for a setup; throws ShareLinkTooLongError when it would not fit. */
export async function encodeShare(setup: SharedSetup): Promise<string> {
  const wire: Wire = { v: FORMAT_VERSION, t: setup.template };
  if (setup.preset) wire.p = setup.preset;
  else wire.l = setup.labels.join('\n');
  if (setup.model) wire.m = setup.model;
  if (setup.backend !== 'auto') wire.b = setup.backend;
  if (setup.dtype) wire.d = setup.dtype;
  if (setup.hub) wire.h = setup.hub;
  if (setup.describe) {
    const { question, prefix, beams, open } = setup.describe;
    if (question) wire.q = question;
    if (prefix) wire.x = prefix;
    if (beams !== 1) wire.n = beams;
    if (open) wire.o = 'describe';
  }
  const packed = toBase64Url(await deflate(new TextEncoder().encode(JSON.stringify(wire))));
  if (packed.length > MAX_SHARE_CHARS) {
    throw new ShareLinkTooLongError(
      `These labels are too many for a link (${packed.length} characters packed, at most ${MAX_SHARE_CHARS}): share fewer labels, or send them as a text file.`,
    );
  }
  return SHARE_PREFIX + packed;
}

const DAMAGED =
  'This share link is damaged (perhaps cut short when it was copied), so Clipscope started with its defaults.';

export async function decodeShare(payload: string): Promise<ShareDecodeResult> {
  const fail = (problem: string): ShareDecodeResult => ({ ok: false, problem });
  if (payload.length > MAX_SHARE_CHARS) {
    return fail(
      `This share link is too long (over ${MAX_SHARE_CHARS} characters), so Clipscope started with its defaults.`,
    );
  }
  const bytes = fromBase64Url(payload);
  if (!bytes) return fail(DAMAGED);
  let wire: unknown;
  try {
    const json = await inflate(bytes, MAX_SHARE_JSON_BYTES);
    if (json === undefined)
      return fail(`This share link unpacks to more than ${MAX_SHARE_JSON_BYTES / 1e6} MB, so Clipscope ignored it.`);
    wire = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    return fail(DAMAGED);
  }
  return fromWire(wire) ?? fail(DAMAGED);
}

function fromWire(value: unknown): ShareDecodeResult | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const wire = value as Record<string, unknown>;
  if (typeof wire.v === 'number' && wire.v > FORMAT_VERSION) {
    return { ok: false, problem: 'This share link comes from a newer Clipscope; reload the page to update it.' };
  }
  const text = (key: string, max = MAX_FIELD_CHARS) =>
    wire[key] === undefined || (typeof wire[key] === 'string' && wire[key].length <= max);
  if (wire.v !== FORMAT_VERSION || typeof wire.t !== 'string') return undefined;
  if (!['t', 'p', 'm', 'b', 'd', 'h'].every((k) => text(k)) || !text('l', MAX_LABELS * (MAX_LABEL_CHARS + 1))) {
    return undefined;
  }
  if ((wire.l === undefined) === (wire.p === undefined)) return undefined; // exactly one of labels and preset
  const backend = (wire.b as string | undefined) ?? 'auto';
  if (!BACKENDS.includes(backend as BackendPreference)) return undefined;
  const labels = wire.l === undefined ? [] : (wire.l as string).split('\n');
  if (labels.length > MAX_LABELS) return undefined;
  const setup: SharedSetup = { labels, template: wire.t, backend: backend as BackendPreference };
  const describe = describeFromWire(wire);
  if (describe === null) return undefined;
  if (describe) setup.describe = describe;
  for (const [key, field] of [
    ['p', 'preset'],
    ['m', 'model'],
    ['d', 'dtype'],
    ['h', 'hub'],
  ] as const) {
    if (typeof wire[key] === 'string') setup[field] = wire[key];
  }
  return { ok: true, setup };
}

/** The Describe settings a link carries: undefined when none, null when one breaks its limits. */
function describeFromWire(wire: Record<string, unknown>): SharedDescribe | undefined | null {
  const { q, x, n, o } = wire;
  if (q === undefined && x === undefined && n === undefined && o === undefined) return undefined;
  const short = (value: unknown) =>
    value === undefined || (typeof value === 'string' && value.length <= MAX_DESCRIBE_CHARS);
  if (!short(q) || !short(x)) return null;
  if (n !== undefined && !(n === 1 || n === 2 || n === 3 || n === 4)) return null;
  if (o !== undefined && o !== 'describe') return null;
  return {
    question: (q as string | undefined) ?? '',
    prefix: (x as string | undefined) ?? '',
    beams: (n as 1 | 2 | 3 | 4 | undefined) ?? 1,
    open: o === 'describe',
  };
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The inflated bytes, or undefined as soon as they pass `maxBytes`. Throws on corrupt data. */
async function inflate(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array | undefined> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
