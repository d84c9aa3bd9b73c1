// The peer: transformers.js's zero-shot-image-classification pipeline on the same model files (served by the local
// model host), WASM, int8. Query: hub=<origin>&model=<repo>. The driver calls window.__peer.* and times them.
import { env, pipeline } from '/node_modules/@huggingface/transformers/dist/transformers.min.js';

const params = new URLSearchParams(location.search);
env.allowLocalModels = false;
env.remoteHost = `${params.get('hub')}/`;
env.remotePathTemplate = '{model}/resolve/{revision}/';
env.useBrowserCache = false;
env.backends.onnx.wasm.numThreads = navigator.hardwareConcurrency;
env.backends.onnx.wasm.wasmPaths = '/node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist/';

let classifier;
const urls = new Map();

window.__peer = {
  async load() {
    const start = performance.now();
    classifier = await pipeline('zero-shot-image-classification', params.get('model'), { device: 'wasm', dtype: 'q8' });
    return performance.now() - start;
  },
  addImages(list) {
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      urls.set(f.name, URL.createObjectURL(new Blob([bytes], { type: f.type })));
    }
  },
  /** ms to classify the named images against the labels, as an app built on the pipeline would. */
  async classify(names, labels) {
    const start = performance.now();
    const output = await classifier(
      names.map((n) => urls.get(n)),
      labels,
      { hypothesis_template: 'a photo of a {}.' },
    );
    return { ms: performance.now() - start, results: output.length };
  },
};
window.__result = { ready: true };
