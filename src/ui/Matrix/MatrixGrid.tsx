import { useMemo, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { heatLevel, type MatrixOrder, type MatrixSort } from '../../model/scoring/score-matrix';
import { countOf } from '../text/plural';
import { scoreText, type ScoreMode } from '../../shared/score-text';
import type { ImageItem } from '../../store/images-slice';
import { useAppStore } from '../../store/store';
import { visibleText } from '../../shared/visible-text';
import { VisibleText } from '../VisibleText/VisibleText';

// With more columns a mouse user reads values in tooltips, so the heatmap fits (explore.css); touch has no hover.
const MAX_COLUMNS_WITH_TEXT = 12;
// Above this colour level the cell is dark enough (light, in the dark theme) to need the opposite text colour.
const HOT_LEVEL = 0.55;

interface Props {
  images: ImageItem[];
  labels: string[];
  /** Row-major [images, labels]. */
  values: Float32Array;
  mode: ScoreMode;
  order: MatrixOrder;
  sort: MatrixSort;
}

/** The heatmap table: sticky headers, one tab stop (arrow keys move between cells), Enter or click focuses a card. */
export function MatrixGrid({ images, labels, values, mode, order, sort }: Props) {
  const setSort = useAppStore((s) => s.setMatrixSort);
  const focusCell = useAppStore((s) => s.focusCell);
  const [active, setActive] = useState({ row: 0, column: 0 });
  const { rowOrder, columnOrder } = order;
  const [min, max] = useMemo(() => {
    if (mode === 'probability') return [0, 1];
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    return [lo, hi];
  }, [mode, values]);
  const at = {
    row: Math.min(active.row, rowOrder.length - 1),
    column: Math.min(active.column, columnOrder.length - 1),
  };
  const dense = columnOrder.length > MAX_COLUMNS_WITH_TEXT;

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Home: [0, -at.column],
      End: [0, columnOrder.length],
      PageUp: [-10, 0],
      PageDown: [10, 0],
    };
    const move = moves[event.key];
    if (!move || !(event.target as HTMLElement).dataset.cell) return;
    event.preventDefault();
    const row = Math.max(0, Math.min(rowOrder.length - 1, at.row + move[0]));
    const column = Math.max(0, Math.min(columnOrder.length - 1, at.column + move[1]));
    setActive({ row, column });
    event.currentTarget.querySelector<HTMLElement>(`[data-cell="${row}:${column}"]`)?.focus();
  };

  return (
    <div className="matrix-scroll">
      <table
        className={`matrix${dense ? ' dense' : ''}`}
        data-testid="matrix"
        role="grid"
        aria-label={`${countOf(images.length, 'image')} by ${countOf(labels.length, 'label')}, ${mode === 'probability' ? 'probability' : 'cosine similarity'}`}
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr>
            <th scope="col" className="corner">
              <span className="visually-hidden">Image, then one column per label</span>
            </th>
            {columnOrder.map((c) => (
              <th
                key={labels[c]}
                scope="col"
                className="column-head"
                aria-sort={sort.by === 'label' && sort.column === c ? 'descending' : undefined}
              >
                <button
                  type="button"
                  title={`Sort the images by "${visibleText(labels[c]!)}"`}
                  onClick={() => setSort({ by: 'label', label: labels[c]! })}
                >
                  <VisibleText text={labels[c]!} />
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rowOrder.map((r, rowIndex) => (
            <tr key={images[r]!.id}>
              <th
                scope="row"
                className="row-head"
                aria-sort={sort.by === 'image' && sort.row === r ? 'descending' : undefined}
              >
                <button
                  type="button"
                  title={`Sort the labels by ${visibleText(images[r]!.name)}`}
                  onClick={() => setSort({ by: 'image', imageId: images[r]!.id })}
                >
                  {images[r]!.thumbnailUrl && <img src={images[r]!.thumbnailUrl} alt="" />}
                  <VisibleText text={images[r]!.name} />
                </button>
              </th>
              {columnOrder.map((c, columnIndex) => {
                const value = values[r * labels.length + c]!;
                const description = `${visibleText(images[r]!.name)}, ${visibleText(labels[c]!)}: ${scoreText(value, mode)}`;
                return (
                  <td
                    key={labels[c]}
                    role="gridcell"
                    className={`matrix-cell${heatLevel(value, min, max) > HOT_LEVEL ? ' hot' : ''}`}
                    data-testid="matrix-cell"
                    data-image-name={images[r]!.name}
                    data-label={labels[c]}
                    data-value={value.toFixed(6)}
                    data-cell={`${rowIndex}:${columnIndex}`}
                    tabIndex={rowIndex === at.row && columnIndex === at.column ? 0 : -1}
                    title={description}
                    aria-label={description}
                    style={{ '--heat': heatLevel(value, min, max) } as CSSProperties}
                    onFocus={() => setActive({ row: rowIndex, column: columnIndex })}
                    onClick={() => focusCell({ imageId: images[r]!.id, label: labels[c]! })}
                    onKeyDown={(e) => {
                      if (e.key !== 'Enter' && e.key !== ' ') return;
                      e.preventDefault();
                      focusCell({ imageId: images[r]!.id, label: labels[c]! });
                    }}
                  >
                    <span className="cell-value">{scoreText(value, mode)}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
