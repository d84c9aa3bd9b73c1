import { describe, expect, it } from 'vitest';
import { connectAllowed, contentSecurityPolicy } from './content-security-policy';

const directive = (policy: string, name: string) =>
  policy
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1);

describe('contentSecurityPolicy', () => {
  it('allows scripts only from the site, with WebAssembly but no eval', () => {
    const policy = contentSecurityPolicy({ hubHost: 'https://huggingface.co' });
    expect(directive(policy, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directive(policy, 'default-src')).toEqual(["'none'"]);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain("'unsafe-eval'");
  });

  it('lets the model host and its download CDNs be reached, and nothing else off the device', () => {
    const connect = directive(contentSecurityPolicy({ hubHost: 'https://huggingface.co' }), 'connect-src');
    expect(connect).toEqual([
      "'self'",
      'https://huggingface.co',
      'https://*.huggingface.co',
      'https://*.hf.co',
      'http://localhost:*',
      'http://127.0.0.1:*',
    ]);
  });

  it('uses a mirror instead of huggingface.co, plus configured extra hosts', () => {
    const policy = contentSecurityPolicy({
      hubHost: 'https://hf-mirror.com/',
      extraConnect: ' https://cdn.example.org ',
    });
    expect(directive(policy, 'connect-src')).toEqual([
      "'self'",
      'https://hf-mirror.com',
      'https://cdn.example.org',
      'http://localhost:*',
      'http://127.0.0.1:*',
    ]);
  });

  it('refuses extra sources that would widen the policy', () => {
    for (const bad of ['*', 'https:', "'unsafe-inline'", 'https://a.org/path', 'https://a.org;script-src *']) {
      expect(() => contentSecurityPolicy({ hubHost: 'https://huggingface.co', extraConnect: bad }), bad).toThrow();
    }
  });

  it('adds frame-ancestors only to the header (a meta tag cannot carry it)', () => {
    const options = { hubHost: 'https://huggingface.co' };
    expect(contentSecurityPolicy(options)).not.toContain('frame-ancestors');
    expect(contentSecurityPolicy(options, true)).toContain("frame-ancestors 'none'");
  });
});

describe('connectAllowed', () => {
  const policy = contentSecurityPolicy({ hubHost: 'https://huggingface.co' });
  const page = 'https://clipscope.example';
  it('allows the page origin, the model host, its CDNs and loopback', () => {
    expect(connectAllowed(policy, 'https://clipscope.example/models/x.onnx', page)).toBe(true);
    expect(connectAllowed(policy, 'https://huggingface.co/a/b/resolve/main/x', page)).toBe(true);
    expect(connectAllowed(policy, 'https://cas-bridge.xethub.hf.co/x', page)).toBe(true);
    expect(connectAllowed(policy, 'http://127.0.0.1:8090/a/b', page)).toBe(true);
  });

  it('refuses other hosts, schemes and look-alikes', () => {
    expect(connectAllowed(policy, 'https://hf-mirror.com/a', page)).toBe(false);
    expect(connectAllowed(policy, 'http://huggingface.co/a', page)).toBe(false);
    expect(connectAllowed(policy, 'https://huggingface.co.evil.example/a', page)).toBe(false);
    expect(connectAllowed(policy, 'https://evilhf.co/a', page)).toBe(false);
    expect(connectAllowed(policy, 'https://huggingface.co:8443/a', page)).toBe(false);
  });
});
