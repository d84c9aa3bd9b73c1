import { describe, expect, it } from 'vitest';
import { findModel, MINI_ID, type Dtype } from './catalogue';
import { downloadNeed, possibleDtypes, type ChoiceContext } from './download-need';

const B32 = findModel('Xenova/clip-vit-base-patch32')!;
const FOLDER = 'https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/main/';
// The file names transformers.js repos use for each weight type.
const Q8_FILES = [`${FOLDER}onnx/text_model_quantized.onnx`, `${FOLDER}onnx/vision_model_quantized.onnx`];
const FP16_FILES = [`${FOLDER}onnx/text_model_fp16.onnx`, `${FOLDER}onnx/vision_model_fp16.onnx`];

function context(cached: string[], requested?: Dtype, backends: ChoiceContext['backends'] = ['wasm']): ChoiceContext {
  const available: Dtype[] = ['fp32', 'fp16', 'q8'];
  return { model: B32, available, requested, backends, folderUrl: FOLDER, cached: new Set(cached) };
}

describe('whether a model choice needs a download', () => {
  it('the bundled model never does', () => {
    const mini = findModel(MINI_ID)!;
    expect(downloadNeed({ ...context([]), model: mini, available: ['fp32', 'q8'] })).toBeUndefined();
  });

  it('a Hub model does until both towers of the weights it would run are cached, and says their size', () => {
    expect(downloadNeed(context([]))).toEqual({ dtypes: ['q8'], sizeMb: 152 });
    expect(downloadNeed(context(Q8_FILES.slice(0, 1)))).toEqual({ dtypes: ['q8'], sizeMb: 152 });
    expect(downloadNeed(context(Q8_FILES))).toBeUndefined();
  });

  it('other weights of a cached model still need their own download', () => {
    expect(downloadNeed(context(Q8_FILES, 'fp16'))).toEqual({ dtypes: ['fp16'], sizeMb: 303 });
    expect(downloadNeed(context([...Q8_FILES, ...FP16_FILES], 'fp16'))).toBeUndefined();
  });

  it('cached files of another host do not count', () => {
    const mirror = Q8_FILES.map((url) => url.replace('huggingface.co', 'mirror.example'));
    expect(downloadNeed(context(mirror))).toEqual({ dtypes: ['q8'], sizeMb: 152 });
  });

  it('when the backend is not known yet, every weight a load could pick must be cached; the size is the largest', () => {
    expect(possibleDtypes(['fp32', 'fp16', 'q8'], 'q8', undefined, ['wasm', 'webgpu']).sort()).toEqual([
      'fp16',
      'fp32',
      'q8',
    ]);
    expect(downloadNeed(context(Q8_FILES, undefined, ['wasm', 'webgpu']))).toEqual({
      dtypes: ['fp32', 'fp16'],
      sizeMb: 606,
    });
  });

  it('a model outside the catalogue has no known size', () => {
    const other = findModel('someone/clip')!;
    const need = downloadNeed({
      ...context([]),
      model: other,
      folderUrl: 'https://huggingface.co/someone/clip/resolve/main/',
    });
    expect(need).toEqual({ dtypes: ['q8'], sizeMb: undefined });
  });
});
