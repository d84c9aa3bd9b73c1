// Fetches a Hub-layout model folder, reporting bytes as they arrive.
export type ProgressReporter = (stage: string, loadedBytes: number, totalBytes: number) => void;

export interface ModelFiles {
  config: { clipscope?: { logit_scale?: number }; projection_dim?: number };
  preprocessor: object;
  tokenizer: object;
  tokenizerConfig: object;
  textModel: Uint8Array;
  visionModel: Uint8Array;
}

async function fetchOk(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error(`Could not download ${url}: the network request failed. Check the connection and retry.`);
  }
  if (!response.ok) {
    throw new Error(`Could not download ${url}: the server answered ${response.status}. Retry, or pick another model.`);
  }
  return response;
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetchOk(url);
  try {
    return (await response.json()) as T;
  } catch {
    throw new Error(`${url} is not valid JSON: the model folder looks damaged.`);
  }
}

async function fetchBytes(url: string, onBytes: (loaded: number, total: number) => void): Promise<Uint8Array> {
  const response = await fetchOk(url);
  const total = Number(response.headers.get('Content-Length') ?? 0);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onBytes(loaded, Math.max(total, loaded));
  }
  const bytes = new Uint8Array(loaded);
  chunks.reduce((offset, chunk) => (bytes.set(chunk, offset), offset + chunk.length), 0);
  return bytes;
}

export async function fetchModelFiles(modelUrl: string, report: ProgressReporter): Promise<ModelFiles> {
  const url = (path: string) => new URL(path, modelUrl).href;
  const [config, preprocessor, tokenizer, tokenizerConfig] = await Promise.all([
    fetchJson<ModelFiles['config']>(url('config.json')),
    fetchJson<object>(url('preprocessor_config.json')),
    fetchJson<object>(url('tokenizer.json')),
    fetchJson<object>(url('tokenizer_config.json')),
  ]);
  const progress = { text: [0, 0], vision: [0, 0] };
  const update = (tower: 'text' | 'vision') => (loaded: number, total: number) => {
    progress[tower] = [loaded, total];
    report('Downloading model', progress.text[0]! + progress.vision[0]!, progress.text[1]! + progress.vision[1]!);
  };
  const [textModel, visionModel] = await Promise.all([
    fetchBytes(url('onnx/text_model.onnx'), update('text')),
    fetchBytes(url('onnx/vision_model.onnx'), update('vision')),
  ]);
  return { config, preprocessor, tokenizer, tokenizerConfig, textModel, visionModel };
}
