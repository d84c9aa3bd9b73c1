// "Try an example": one click sets the example's labels and model and classifies its images like dropped ones.
import { EXAMPLES, type ExampleId } from '../model/catalogue/example-sets';
import { addFiles, applyPreset, selectModel } from './model-loading';
import { appStore } from './store';

async function exampleFile(folder: string, name: string): Promise<File> {
  const response = await fetch(new URL(`examples/${folder}/${name}`, document.baseURI));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  const blob = await response.blob();
  return new File([blob], name, { type: blob.type });
}

/**
 * Loads the example's labels and model (a model that must be downloaded starts downloading now: this click is the
 * intent, and the status shows progress with Cancel), then adds its images. Returns a problem in words, or ''.
 */
export async function tryExample(id: ExampleId): Promise<string> {
  const example = EXAMPLES.find((e) => e.id === id)!;
  const store = appStore.getState();
  if (example.presetId) applyPreset(example.presetId);
  else store.setLabelsText(example.labels.join('\n'));
  const now = appStore.getState();
  if (now.modelId !== example.modelId || now.modelStatus.phase === 'error') selectModel(example.modelId);
  try {
    addFiles(await Promise.all(example.files.map((name) => exampleFile(example.folder, name))));
    return '';
  } catch (error) {
    return `The example images could not be loaded (${(error as Error).message}). Check the connection and try again, or drop your own images.`;
  }
}
