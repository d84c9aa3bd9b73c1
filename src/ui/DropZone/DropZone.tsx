import { useEffect, useId, useRef, useState } from 'react';
import { droppedFolder, readFolder } from '../../client/folder-entries';
import { addFiles, openLocalFolder } from '../../store/controller';
import { appStore } from '../../store/store';

function filesOf(list: FileList | null | undefined): File[] {
  return list ? Array.from(list) : [];
}

/** Accepts images dropped anywhere on the page, picked with the file dialog, or pasted from the clipboard. */
export function DropZone() {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  useEffect(() => {
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current += 1;
      setDragging(true);
    };
    const leave = () => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const over = (e: DragEvent) => hasFiles(e) && e.preventDefault();
    const drop = (e: DragEvent) => {
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      const folder = droppedFolder(e.dataTransfer?.items);
      if (folder) {
        // A dropped folder is a model in the Hub layout, not a batch of images.
        void readFolder(folder).then((files) => {
          const problem = openLocalFolder(folder.name, files);
          if (problem) appStore.getState().addNotice(problem);
        });
        return;
      }
      const files = filesOf(e.dataTransfer?.files);
      if (files.length) addFiles(files);
    };
    const paste = (e: ClipboardEvent) => {
      const files = filesOf(e.clipboardData?.files);
      if (files.length) addFiles(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    window.addEventListener('paste', paste);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
      window.removeEventListener('paste', paste);
    };
  }, []);

  return (
    <div className={`drop-zone${dragging ? ' dragging' : ''}`} data-testid="drop-zone">
      <p>
        <strong>Drop images anywhere</strong>, paste them, or{' '}
        <label htmlFor={`${id}-input`} className="link-button">
          choose files
        </label>
        .
      </p>
      <p className="hint">JPEG, PNG, WebP, GIF, BMP or AVIF. Images never leave this device.</p>
      <input
        id={`${id}-input`}
        data-testid="image-input"
        className="visually-hidden"
        type="file"
        accept="image/*"
        multiple
        onChange={(e) => {
          addFiles(filesOf(e.target.files));
          e.target.value = '';
        }}
      />
    </div>
  );
}
