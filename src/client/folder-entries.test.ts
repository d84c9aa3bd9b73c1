import { describe, expect, it } from 'vitest';
import { readFolder } from './folder-entries';

type Tree = { [name: string]: Tree | string };

// A stand-in for the browser's FileSystemDirectoryEntry that, like Chromium, returns entries in small batches.
function entry(name: string, node: Tree | string): FileSystemEntry {
  if (typeof node === 'string') {
    const file = new File([node], name);
    return { name, isDirectory: false, isFile: true, file: (ok: (f: File) => void) => ok(file) } as never;
  }
  const children = Object.entries(node).map(([n, child]) => entry(n, child));
  return {
    name,
    isDirectory: true,
    isFile: false,
    createReader: () => {
      let next = 0;
      return {
        readEntries: (ok: (batch: FileSystemEntry[]) => void) => {
          ok(children.slice(next, next + 2));
          next += 2;
        },
      };
    },
  } as never;
}

describe('readFolder', () => {
  it('lists every file with its path inside the folder, across reader batches and subfolders', async () => {
    const root = entry('model', {
      'config.json': '{}',
      'tokenizer.json': '{}',
      'tokenizer_config.json': '{}',
      onnx: { 'text_model.onnx': 'T', 'vision_model.onnx': 'V' },
    }) as FileSystemDirectoryEntry;
    const files = await readFolder(root);
    expect(files.map((f) => f.path).sort()).toEqual([
      'config.json',
      'onnx/text_model.onnx',
      'onnx/vision_model.onnx',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    expect(await files.find((f) => f.path === 'onnx/vision_model.onnx')!.file.text()).toBe('V');
  });
});
