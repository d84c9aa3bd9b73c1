import { useEffect, useRef, useState } from 'react';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/** A dragleave towards no element at the window's edge: the drag has left the window (the enter/leave count may not). */
const leftWindow = (e: DragEvent) =>
  e.relatedTarget === null &&
  (e.clientX <= 0 || e.clientY <= 0 || e.clientX >= window.innerWidth || e.clientY >= window.innerHeight);

/**
 * Whether files are being dragged over the window, for a full-window overlay; `onDrop` gets each drop anywhere on
 * the page. Text and links dragged within the page are left alone.
 */
export function useFileDrag(onDrop: (e: DragEvent) => void): boolean {
  const [dragging, setDragging] = useState(false);
  // Nested elements each fire dragenter and dragleave: the drag is over the window while the count is above zero.
  const depth = useRef(0);
  const handler = useRef(onDrop);
  useEffect(() => {
    handler.current = onDrop;
  });

  useEffect(() => {
    const stop = () => {
      depth.current = 0;
      setDragging(false);
    };
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current += 1;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0 || leftWindow(e)) stop();
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      stop();
      handler.current(e);
    };
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && stop();
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    window.addEventListener('dragend', stop);
    window.addEventListener('keydown', escape);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
      window.removeEventListener('dragend', stop);
      window.removeEventListener('keydown', escape);
    };
  }, []);

  return dragging;
}
