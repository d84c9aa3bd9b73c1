import { clearImages } from '../../store/controller';
import { useAppStore } from '../../store/store';
import { focusFirst, imagePicker } from '../focus/focus';
import { ExportButtons } from '../ExportButtons/ExportButtons';
import { ResultCard } from '../ResultCard/ResultCard';
import { RunProgress } from '../RunProgress/RunProgress';

export function Results() {
  const images = useAppStore((s) => s.images);
  const scoreMode = useAppStore((s) => s.scoreMode);
  const setScoreMode = useAppStore((s) => s.setScoreMode);
  const done = images.filter((i) => i.state === 'done' || i.state === 'error').length;
  if (images.length === 0) return null;
  return (
    <>
      <div className="toolbar">
        <RunProgress done={done} total={images.length} />
        <fieldset className="segmented">
          <legend className="visually-hidden">Score shown</legend>
          <label>
            <input
              type="radio"
              name="score-mode"
              checked={scoreMode === 'probability'}
              onChange={() => setScoreMode('probability')}
            />
            Probability
          </label>
          <label>
            <input
              type="radio"
              name="score-mode"
              checked={scoreMode === 'similarity'}
              onChange={() => setScoreMode('similarity')}
            />
            Cosine similarity
          </label>
        </fieldset>
        <ExportButtons />
        <button
          type="button"
          onClick={() => {
            focusFirst(imagePicker());
            clearImages();
          }}
        >
          Clear all
        </button>
      </div>
      <ul className="results" aria-label="Results">
        {images.map((item) => (
          <ResultCard key={item.id} item={item} />
        ))}
      </ul>
    </>
  );
}
