// Times raw onnxruntime-web session.run for one tower of a Hub-layout model folder on WASM (in a module worker,
// like the app, with worker=1).
// Query: build=<dist file>&threads=N&opt=<all|extended|basic|disabled>&fixBatch=1&model=<folder url>&tower=vision|text&suffix=<'' | _quantized | _fp16>&batch=N&runs=N
//        &ids=<comma-separated int64 ids, row-major>&seq=<sequence length> (text only)
//        session options, one at a time: memPattern=0, arena=0, mode=parallel; prealloc=1 passes a preallocated
//        output tensor to every run.
//        After warm-up, window.__run(n) (in a worker: the message {run: n}, answered with {ran: ms}) times n more
//        runs back to back, for a driver that interleaves raw runs with other work under the same machine load.
//        worker=1: runs all of it in a module worker, as the app runs ONNX Runtime (off the page's main thread,
//        where WASM threads must spin instead of sleeping while they wait).
const params = new URLSearchParams(location.search);
const inWorker = typeof window === 'undefined';
// Which onnxruntime-web build: ort.webgpu.min.mjs (the app's; asyncify WASM), ort.wasm.min.mjs (plain WASM) ...
const build = params.get('build') ?? 'ort.webgpu.min.mjs';
if (!/^ort(\.[a-z]+)*\.min\.mjs$/.test(build)) throw new Error(`unknown build ${build}`);
const tower = params.get('tower');
const batch = Number(params.get('batch') ?? 1);
const runs = Number(params.get('runs') ?? 10);
const WARMUP_RUNS = 2;

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1) };
}

/** The page side of worker=1: relays the worker's result and __run calls. */
function startWorker() {
  const worker = new Worker(`./raw-encode.js${location.search}`, { type: 'module', name: 'raw-encode' });
  let ran;
  worker.onmessage = ({ data }) => (data.ran !== undefined ? ran(data.ran) : (window.__result = data.result));
  worker.onerror = (event) => (window.__result = { error: event.message || 'the worker failed' });
  window.__run = (n) => new Promise((resolve) => ((ran = resolve), worker.postMessage({ run: n })));
}

async function bench() {
  const ort = await import(`/node_modules/onnxruntime-web/dist/${build}`);
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
  const runMany = async (n) => {
    const start = performance.now();
    for (let i = 0; i < n; i++) await run();
    return performance.now() - start;
  };
  if (inWorker) self.onmessage = async ({ data }) => self.postMessage({ ran: await runMany(data.run) });
  else window.__run = runMany;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return { createMs, threads: ort.env.wasm.numThreads, crossOriginIsolated, inWorker, ...stats(times) };
}

const report = (result) => (inWorker ? self.postMessage({ result }) : (window.__result = result));
if (!inWorker && params.get('worker') === '1') startWorker();
else bench().then(report, (error) => report({ error: String(error?.message ?? error) }));
