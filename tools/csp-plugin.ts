// Puts the Content-Security-Policy on the built site: a <meta> tag in index.html (works on any static host), a
// _headers file for hosts that read one (Netlify, Cloudflare Pages), and the header `vite preview` sends (which
// also covers the model worker: a <meta> policy does not reach workers, their own response headers do).
// Not applied to `vite dev`, whose React refresh needs inline scripts.
import { loadEnv, type Plugin } from 'vite';
import { contentSecurityPolicy, type CspOptions } from '../src/shared/content-security-policy.ts';

export function cspOptions(mode: string, root: string): CspOptions {
  const env = loadEnv(mode, root, 'VITE_');
  return { hubHost: env.VITE_HUB_HOST || 'https://huggingface.co', extraConnect: env.VITE_CSP_CONNECT };
}

/** Headers for `vite preview` and the _headers file: the policy plus its header-only directives. */
export function cspHeaders(options: CspOptions): Record<string, string> {
  return { 'Content-Security-Policy': contentSecurityPolicy(options, true) };
}

export function cspPlugin(options: CspOptions): Plugin {
  return {
    name: 'clipscope-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(options) },
        injectTo: 'head-prepend',
      },
    ],
    generateBundle() {
      const headers = Object.entries(cspHeaders(options))
        .map(([name, value]) => `  ${name}: ${value}`)
        .join('\n');
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${headers}\n` });
    },
  };
}
