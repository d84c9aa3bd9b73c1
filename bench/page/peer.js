// The peer: transformers.js's zero-shot-image-classification pipeline on the same model files (served by the local
// model host), WASM, int8. Query: hub=<origin>&model=<repo>. The driver calls window.__peer.* and times them.
import {
  AutoProcessor,
  AutoTokenizer,
  CLIPTextModelWithProjection,
  CLIPVisionModelWithProjection,
  RawImage,
  env,
  pipeline,
} from '/node_modules/@huggingface/transformers/dist/transformers.min.js';

const params = new URLSearchParams(location.search);
env.allowLocalModels = false;
env.remoteHost = `${params.get('hub')}/`;
env.remotePathTemplate = '{model}/resolve/{revision}/';
env.useBrowserCache = false;
env.backends.onnx.wasm.numThreads = navigator.hardwareConcurrency;
env.backends.onnx.wasm.wasmPaths = '/node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist/';

let classifier;
let towers;
const urls = new Map();
const timed = async (work) => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

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
// The same library's separate CLIP towers, as an app that caches embeddings itself would use them.
window.__towers = {
  async load() {
    const model = params.get('model');
    const options = { device: 'wasm', dtype: 'q8' };
    return timed(async () => {
      towers = {
        tokenizer: await AutoTokenizer.from_pretrained(model),
        processor: await AutoProcessor.from_pretrained(model),
        text: await CLIPTextModelWithProjection.from_pretrained(model, options),
        vision: await CLIPVisionModelWithProjection.from_pretrained(model, options),
      };
    });
  },
  encodeImages(names) {
    return timed(async () => {
      const images = await Promise.all(names.map((n) => RawImage.read(urls.get(n))));
      await towers.vision(await towers.processor(images));
    });
  },
  encodeTexts(labels) {
    return timed(async () => {
      const prompts = labels.map((l) => `a photo of a ${l}.`);
      await towers.text(towers.tokenizer(prompts, { padding: true, truncation: true }));
    });
  },
};
window.__result = { ready: true };
