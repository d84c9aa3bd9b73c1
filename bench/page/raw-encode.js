// Times raw onnxruntime-web session.run for one tower of a Hub-layout model folder on WASM.
// Query: build=<dist file>&threads=N&opt=<all|extended|basic|disabled>&fixBatch=1&model=<folder url>&tower=vision|text&suffix=<'' | _quantized | _fp16>&batch=N&runs=N
//        &ids=<comma-separated int64 ids, row-major>&seq=<sequence length> (text only)
//        session options, one at a time: memPattern=0, arena=0, mode=parallel; prealloc=1 passes a preallocated
//        output tensor to every run.
//        serve=1: after warm-up, leaves window.__run(n) (resolves with the ms of n runs back to back) for a driver
//        that interleaves raw runs with other work, so both see the same machine load.
const params = new URLSearchParams(location.search);
// Which onnxruntime-web build: ort.webgpu.min.mjs (the app's; asyncify WASM), ort.wasm.min.mjs (plain WASM) ...
const build = params.get('build') ?? 'ort.webgpu.min.mjs';
if (!/^ort(\.[a-z]+)*\.min\.mjs$/.test(build)) throw new Error(`unknown build ${build}`);
const ort = await import(`/node_modules/onnxruntime-web/dist/${build}`);
const tower = params.get('tower');
const batch = Number(params.get('batch') ?? 1);
const runs = Number(params.get('runs') ?? 10);
const WARMUP_RUNS = 2;

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1) };
}

async function bench() {
  ort.env.wasm.numThreads = Number(params.get('threads') ?? navigator.hardwareConcurrency);
  const file = `${params.get('model')}/onnx/${tower}_model${params.get('suffix') ?? ''}.onnx`;
  const options = { executionProviders: ['wasm'], graphOptimizationLevel: params.get('opt') ?? 'all' };
  // Fixing the batch dimension lets ONNX Runtime plan memory and shapes ahead.
  if (params.get('fixBatch')) options.freeDimensionOverrides = { batch_size: batch };
  if (params.get('memPattern') === '0') options.enableMemPattern = false;
  if (params.get('arena') === '0') options.enableCpuMemArena = false;
  if (params.get('mode')) options.executionMode = params.get('mode');
  const createStart = performance.now();
  const session = await ort.InferenceSession.create(file, options);
  const createMs = performance.now() - createStart;
  let feed;
  if (tower === 'vision') {
    const side = Number(params.get('side') ?? 224);
    const pixels = new Float32Array(batch * 3 * side * side).map((_, i) => Math.sin(i));
    feed = { [session.inputNames[0]]: new ort.Tensor('float32', pixels, [batch, 3, side, side]) };
  } else {
    const ids = BigInt64Array.from(params.get('ids').split(',').map(BigInt));
    feed = { [session.inputNames[0]]: new ort.Tensor('int64', ids, [batch, Number(params.get('seq'))]) };
  }
  let fetches;
  if (params.get('prealloc')) {
    // ONNX Runtime writes the output into this tensor instead of allocating one per run.
    const output = (await session.run(feed))[session.outputNames[0]];
    fetches = { [session.outputNames[0]]: new ort.Tensor(output.type, new Float32Array(output.size), output.dims) };
  }
  const run = () => (fetches ? session.run(feed, fetches) : session.run(feed));
  for (let i = 0; i < WARMUP_RUNS; i++) await run();
  window.__run = async (n) => {
    const start = performance.now();
    for (let i = 0; i < n; i++) await run();
    return performance.now() - start;
  };
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return { createMs, threads: ort.env.wasm.numThreads, crossOriginIsolated, ...stats(times) };
}

bench().then(
  (result) => (window.__result = result),
  (error) => (window.__result = { error: String(error?.message ?? error) }),
);
