import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { serviceWorkerPlugin } from './tools/build/service-worker-plugin.ts';
import { cspHeaders, cspOptions, cspPlugin } from './tools/csp-plugin.ts';

// Cross-origin isolation lets ONNX Runtime's WASM backend use threads.
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig(({ mode }) => {
  const csp = cspOptions(mode, import.meta.dirname);
  return {
    base: './',
    plugins: [react(), serviceWorkerPlugin('src/sw/isolation-and-offline.ts'), cspPlugin(csp)],
    worker: { format: 'es' },
    optimizeDeps: { exclude: ['onnxruntime-web'] },
    server: { headers: ISOLATION_HEADERS },
    preview: { headers: { ...ISOLATION_HEADERS, ...cspHeaders(csp) } },
    build: { target: 'es2022', chunkSizeWarningLimit: 1000 },
  };
});
