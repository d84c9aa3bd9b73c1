// Reads a dropped folder (the FileSystemEntry tree a drop gives) into files with their paths inside the folder.
export interface FolderFile {
  /** Path inside the dropped folder, e.g. "onnx/text_model.onnx". */
  path: string;
  file: File;
}

// Enough for any model folder; a dropped home directory must not make the page walk the whole disk.
const MAX_FILES = 200;

function readBatch(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All files below `root`, depth first; readEntries returns a folder in batches until it returns none. */
export async function readFolder(root: FileSystemDirectoryEntry): Promise<FolderFile[]> {
  const files: FolderFile[] = [];
  const walk = async (directory: FileSystemDirectoryEntry, prefix: string): Promise<void> => {
    const reader = directory.createReader();
    for (let batch = await readBatch(reader); batch.length > 0; batch = await readBatch(reader)) {
      for (const entry of batch) {
        if (files.length >= MAX_FILES) return;
        if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, `${prefix}${entry.name}/`);
        else files.push({ path: `${prefix}${entry.name}`, file: await fileOf(entry as FileSystemFileEntry) });
      }
    }
  };
  await walk(root, '');
  return files;
}

/** The folder among dropped items, if one was dropped. */
export function droppedFolder(items: DataTransferItemList | undefined): FileSystemDirectoryEntry | undefined {
  for (const item of Array.from(items ?? [])) {
    const entry = item.kind === 'file' ? item.webkitGetAsEntry?.() : null;
    if (entry?.isDirectory) return entry as FileSystemDirectoryEntry;
  }
  return undefined;
}
