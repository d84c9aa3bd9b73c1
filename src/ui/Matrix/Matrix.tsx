import { useMemo } from 'react';
import { flushSync } from 'react-dom';
import { matrixOrder, scoreMatrix, type MatrixSort } from '../../model/scoring/score-matrix';
import { countOf } from '../text/plural';
import { COSINE_ONLY } from '../../model/scoring/score-image';
import { selectLabelMatrix } from '../../store/selectors';
import { useAppStore } from '../../store/store';
import { focusFirst } from '../focus/focus';
import { ScoreModeSwitch } from '../ScoreModeSwitch/ScoreModeSwitch';
import { MatrixExplainer } from './MatrixExplainer';
import { MatrixGrid } from './MatrixGrid';

/** The contrastive matrix: every encoded image against every label, as a sortable, keyboard-operable heatmap. */
export function Matrix() {
  const allImages = useAppStore((s) => s.images);
  const labelMatrix = useAppStore(selectLabelMatrix);
  const rule = useAppStore((s) => s.scoringRule);
  const chosenMode = useAppStore((s) => s.matrixMode);
  const setMode = useAppStore((s) => s.setMatrixMode);
  const sortKey = useAppStore((s) => s.matrixSort);
  const setSort = useAppStore((s) => s.setMatrixSort);
  const mode = rule ? chosenMode : 'similarity';
  const images = useMemo(() => allImages.filter((i) => i.embeds), [allImages]);
  const scores = useMemo(
    () =>
      scoreMatrix(
        images.map((i) => i.embeds!),
        labelMatrix.embeds,
        rule ?? COSINE_ONLY,
      ),
    [images, labelMatrix, rule],
  );
  const values = mode === 'probability' ? scores.probabilities : scores.similarities;
  const sort = useMemo((): MatrixSort => {
    if (sortKey.by === 'label') {
      const column = labelMatrix.labels.indexOf(sortKey.label);
      return column < 0 ? { by: 'none' } : { by: 'label', column };
    }
    if (sortKey.by === 'image') {
      const row = images.findIndex((i) => i.id === sortKey.imageId);
      return row < 0 ? { by: 'none' } : { by: 'image', row };
    }
    return { by: 'none' };
  }, [sortKey, labelMatrix, images]);
  const order = useMemo(() => matrixOrder(values, scores.rows, scores.columns, sort), [values, scores, sort]);
  const empty = images.length === 0 || labelMatrix.labels.length === 0;
  // Images still queued or running: the matrix is not empty for want of images, it is waiting for them.
  const running = allImages.filter((i) => i.state === 'queued' || i.state === 'encoding').length;
  const classifying = running > 0 && `Classifying ${countOf(running, 'image')}…`;

  return (
    <section className="matrix-view" aria-label="Contrastive matrix">
      <MatrixExplainer />
      {empty ? (
        <p className="hint" data-testid="matrix-empty">
          {classifying || 'Drop images and type labels to fill the matrix.'}
        </p>
      ) : (
        <>
          <div className="toolbar">
            <ScoreModeSwitch
              name="matrix-mode"
              legend="Value shown in the matrix"
              mode={mode}
              onChange={setMode}
              order={['similarity', 'probability']}
              probabilityDisabled={!rule}
            />
            <span className="hint">Click a label to sort the images by it, or an image to sort the labels.</span>
            {classifying && (
              <span className="hint" data-testid="matrix-classifying">
                {classifying}
              </span>
            )}
            {sort.by !== 'none' && (
              <button
                type="button"
                onClick={() => {
                  // This button goes away: focus moves to the grid's current cell, now in the original order.
                  flushSync(() => setSort({ by: 'none' }));
                  focusFirst(document.querySelector('.matrix [tabindex="0"]'));
                }}
              >
                Original order
              </button>
            )}
          </div>
          <MatrixGrid
            images={images}
            labels={labelMatrix.labels}
            values={values}
            mode={mode}
            order={order}
            sort={sort}
          />
        </>
      )}
    </section>
  );
}
