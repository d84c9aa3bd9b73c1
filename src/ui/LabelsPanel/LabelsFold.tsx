import { useState, type ReactNode } from 'react';
import { currentLabels } from '../../store/selectors';
import { useAppStore } from '../../store/store';

/** Wide enough for the labels beside the images (app.css uses the same width for its two columns). */
const WIDE = '(min-width: 700px)';

/**
 * The label editor, open beside the images on wide screens; on phones it starts folded to one line with the label
 * count, so the image picker and results stay within the first screen.
 */
export function LabelsFold({ children }: { children: ReactNode }) {
  const count = useAppStore((s) => currentLabels(s).length);
  const [open, setOpen] = useState(() => window.matchMedia(WIDE).matches);
  return (
    <details className="labels-fold" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Labels ({count}) and prompt template</summary>
      {children}
    </details>
  );
}
