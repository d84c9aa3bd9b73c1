// How this project starts Chromium, for Playwright tests and the measurement tools alike: Debian's build (never a
// downloaded one; CHROMIUM_PATH overrides), with the flags these machines need and software WebGPU enabled.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
];
