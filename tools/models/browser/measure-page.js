// Runs one model folder's towers on a chosen execution provider and reports median times and outputs.
// Driven by measure-browser.ts; query: ?model=<url of Hub-layout folder>&ep=webgpu|wasm&runs=N
import * as ort from '/node_modules/onnxruntime-web/dist/ort.webgpu.min.mjs';

const params = new URLSearchParams(location.search);
const model = params.get('model');
const ep = params.get('ep') ?? 'wasm';
const runs = Number(params.get('runs') ?? 5);

async function median(run) {
  await run(); // warm-up: first runs compile shaders or allocate
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function measure() {
  ort.env.wasm.numThreads = navigator.hardwareConcurrency;
  const adapter = ep === 'webgpu' ? await navigator.gpu?.requestAdapter() : undefined;
  if (ep === 'webgpu' && !adapter) throw new Error('no WebGPU adapter');
  const config = await (await fetch(`${model}/preprocessor_config.json`)).json();
  const side = config.crop_size?.height ?? config.crop_size;
  const pixels = new Float32Array(3 * side * side).map((_, i) => Math.sin(i) * 1.5);
  const ids = BigInt64Array.from([0, 1, 2, 3, 4, 5].map(BigInt));
  const options = { executionProviders: [ep] };
  const createStart = performance.now();
  const vision = await ort.InferenceSession.create(`${model}/onnx/vision_model.onnx`, options);
  const text = await ort.InferenceSession.create(`${model}/onnx/text_model.onnx`, options);
  const createMs = performance.now() - createStart;
  const image = () => vision.run({ [vision.inputNames[0]]: new ort.Tensor('float32', pixels, [1, 3, side, side]) });
  const label = () => text.run({ [text.inputNames[0]]: new ort.Tensor('int64', ids, [1, ids.length]) });
  const imageOut = await image();
  return {
    ep,
    fallbackAdapter: adapter?.info?.isFallbackAdapter ?? null,
    crossOriginIsolated,
    threads: ort.env.wasm.numThreads,
    sessionCreateMs: createMs,
    imageMs: await median(image),
    textMs: await median(label),
    imageEmbeds: Array.from(imageOut[vision.outputNames[0]].data),
  };
}

measure().then(
  (result) => (window.__result = result),
  (error) => (window.__result = { error: String(error?.message ?? error) }),
);
