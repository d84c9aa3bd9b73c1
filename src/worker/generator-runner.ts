// The generation code's Runner (model/generation/tensor.ts) on ONNX Runtime sessions: plain typed arrays in and out.
// Only types come from ONNX Runtime here, so the Node tests drive the same adapter with onnxruntime-node.
import type { Runner, SessionName, Tensor } from '../model/generation/tensor';

/** The part of an ONNX Runtime tensor the adapter reads (web and node builds alike). */
interface OrtTensorLike {
  readonly type: string;
  readonly data: unknown;
  readonly dims: readonly number[];
}

interface OrtLike {
  Tensor: new (type: Tensor['type'], data: Tensor['data'], dims: readonly number[]) => OrtTensorLike;
}

interface SessionLike {
  readonly inputNames: readonly string[];
  run(feeds: Record<string, OrtTensorLike>): Promise<Record<string, OrtTensorLike>>;
}

function plain(name: string, tensor: OrtTensorLike): Tensor {
  const dims = [...tensor.dims];
  if (tensor.type === 'float32') return { type: 'float32', data: tensor.data as Float32Array, dims };
  if (tensor.type === 'int64') return { type: 'int64', data: tensor.data as BigInt64Array, dims };
  if (tensor.type === 'bool') return { type: 'bool', data: tensor.data as Uint8Array, dims };
  throw new Error(
    `The model's output "${name}" is ${tensor.type}, which this page cannot read: use its fp32 or q8 files.`,
  );
}

/**
 * Runs the named sessions. Feeds a graph does not take are left out (an export without some pasts); `guard` wraps
 * each run (WebGPU failures become WebGpuFailure in the worker).
 */
export function ortRunner(
  ort: OrtLike,
  sessions: Record<SessionName, SessionLike>,
  guard: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
): Runner {
  return {
    run: async (name, feeds) => {
      const session = sessions[name];
      const inputs: Record<string, OrtTensorLike> = {};
      for (const input of session.inputNames) {
        const feed = feeds[input];
        if (!feed)
          throw new Error(
            `The model's ${name} wants an input "${input}" this page does not know: it is not a supported generator.`,
          );
        inputs[input] = new ort.Tensor(feed.type, feed.data, feed.dims);
      }
      const outputs = await guard(() => session.run(inputs));
      return Object.fromEntries(Object.entries(outputs).map(([key, tensor]) => [key, plain(key, tensor)]));
    },
  };
}
