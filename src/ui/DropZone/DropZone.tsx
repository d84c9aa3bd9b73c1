import { useEffect, useRef } from 'react';
import { droppedFolder, readFolder } from '../../client/folder-entries';
import { addFiles, openLocalFolder } from '../../store/model-loading';
import { appStore } from '../../store/store';
import { useFileDrag } from './useFileDrag';
import './drop-zone.css';

function filesOf(list: FileList | null | undefined): File[] {
  return list ? Array.from(list) : [];
}

function onDrop(e: DragEvent) {
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
}

/**
 * Accepts images dropped anywhere on the page (a full-window overlay shows while files are dragged), picked with
 * the file dialog (on phones it offers the camera too), or pasted from the clipboard.
 */
export function DropZone() {
  const input = useRef<HTMLInputElement>(null);
  const dragging = useFileDrag(onDrop);

  useEffect(() => {
    const paste = (e: ClipboardEvent) => {
      const files = filesOf(e.clipboardData?.files);
      if (files.length) addFiles(files);
    };
    window.addEventListener('paste', paste);
    return () => window.removeEventListener('paste', paste);
  }, []);

  return (
    <div className={`drop-zone${dragging ? ' dragging' : ''}`} data-testid="drop-zone">
      {/* A real button (Enter and Space open the dialog); its words follow the screen (see drop-zone.css). */}
      <button type="button" className="choose-images" onClick={() => input.current?.click()}>
        <span className="when-handheld">Choose or take photos</span>
        <span className="when-desktop">Choose images</span>
      </button>
      {/* Only where there is a mouse or pen to drag with: on a touch screen dropping means nothing. */}
      <p className="when-fine-pointer">
        <strong>Drop images anywhere</strong> or paste them.
      </p>
      <p className="hint">JPEG, PNG, WebP, GIF, BMP or AVIF. Images never leave this device.</p>
      <input
        ref={input}
        data-testid="image-input"
        aria-label="Images to classify"
        // Out of sight and out of the tab order: the button above opens it.
        className="visually-hidden"
        tabIndex={-1}
        type="file"
        accept="image/*"
        multiple
        onChange={(e) => {
          addFiles(filesOf(e.target.files));
          e.target.value = '';
        }}
      />
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <p>Drop images to classify them</p>
        </div>
      )}
    </div>
  );
}
