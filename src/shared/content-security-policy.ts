// The site's Content-Security-Policy, built from the model host it is configured with; one definition for the
// <meta> tag written into index.html, the headers `vite preview` sends, and the _headers file for static hosts.
//
// What each source is for: 'wasm-unsafe-eval' lets ONNX Runtime compile its WebAssembly (no JS eval is
// allowed); worker-src 'self' for the model worker, ONNX Runtime's thread workers and a same-origin service
// worker, blob: for workers started from blob URLs; img-src blob: for thumbnails the worker makes; connect-src
// for the model host and the hosts it redirects downloads to, plus loopback for a local model mirror.

/** Hosts that serve the files of huggingface.co's /resolve/ URLs (LFS and Xet storage redirects). */
const HUGGING_FACE_CDNS = ['https://*.huggingface.co', 'https://*.hf.co'];
/** A model mirror on the user's own machine (`npx tsx tools/hub-server/cli.ts`): nothing leaves the device. */
const LOOPBACK = ['http://localhost:*', 'http://127.0.0.1:*'];
const MAX_EXTRA_SOURCES = 20;
// A CSP source expression: a scheme and host (wildcard subdomain and port allowed), no path, quotes or spaces.
const SOURCE = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:(\d{1,5}|\*))?$/i;

export interface CspOptions {
  /** The model host, e.g. https://huggingface.co (VITE_HUB_HOST). */
  hubHost: string;
  /** More hosts the site may download models from (VITE_CSP_CONNECT, space separated). */
  extraConnect?: string;
}

function connectSources({ hubHost, extraConnect = '' }: CspOptions): string[] {
  const hub = new URL(hubHost);
  const cdns = hub.hostname === 'huggingface.co' ? HUGGING_FACE_CDNS : [];
  const extra = extraConnect.split(/\s+/).filter(Boolean).slice(0, MAX_EXTRA_SOURCES);
  const bad = extra.filter((source) => !SOURCE.test(source));
  if (bad.length) throw new Error(`VITE_CSP_CONNECT has invalid sources: ${bad.join(' ')}`);
  return ["'self'", hub.origin, ...cdns, ...extra, ...LOOPBACK];
}

/** Directives, in order; `forHeader` adds those a <meta> tag cannot carry. */
export function contentSecurityPolicy(options: CspOptions, forHeader = false): string {
  const directives = [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    `connect-src ${connectSources(options).join(' ')}`,
    "img-src 'self' blob:",
    "style-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ];
  if (forHeader) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}

/** Whether a policy's connect-src lets the page (at `pageOrigin`) fetch from `url`. */
export function connectAllowed(policy: string, url: string, pageOrigin: string): boolean {
  const directives = policy.split(';').map((d) => d.trim().split(/\s+/));
  const directive =
    directives.find(([name]) => name === 'connect-src') ?? directives.find(([name]) => name === 'default-src');
  if (!directive) return true;
  const target = new URL(url);
  return directive.slice(1).some((source) => {
    if (source === "'self'") return target.origin === pageOrigin;
    const match = /^(https?):\/\/(\*\.)?([^:/]+)(?::(\d+|\*))?$/.exec(source);
    if (!match) return false;
    const [, scheme, wildcard, host, port] = match;
    const defaultPort = scheme === 'https' ? '443' : '80';
    const hostOk = wildcard ? target.hostname.endsWith(`.${host}`) : target.hostname === host;
    const portOk = port === '*' || (port ?? defaultPort) === (target.port || defaultPort);
    return target.protocol === `${scheme}:` && hostOk && portOk;
  });
}
