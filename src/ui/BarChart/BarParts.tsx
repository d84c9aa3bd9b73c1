// The pieces every bar chart draws the same way (CLIP's bars, the PrefixLM's likelihood bars): a bar's label,
// track and value, and the button that shows every label or only the top ones.
import { scoreText, type ScoreMode } from '../../shared/score-text';
import { DEFAULT_VISIBLE_BARS } from '../../shared/settings';
import { VisibleText } from '../VisibleText/VisibleText';

/** Inside a bar's `<li>`: the label, the filled track (value 0..1) and the value as text. */
export function BarBody({ label, value, mode }: { label: string; value: number; mode: ScoreMode }) {
  return (
    <>
      <VisibleText className="bar-label" text={label} />
      <span className="bar-track" aria-hidden="true">
        <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(1, value)) * 100}%` }} />
      </span>
      <span className="bar-value">{scoreText(value, mode)}</span>
    </>
  );
}

/** "Show all N labels" / "Show top K", only when there are more labels than the chart shows at first. */
export function ShowAllBars({ count, showAll, onToggle }: { count: number; showAll: boolean; onToggle: () => void }) {
  if (count <= DEFAULT_VISIBLE_BARS) return null;
  return (
    <button type="button" className="link-button" onClick={onToggle}>
      {showAll ? `Show top ${DEFAULT_VISIBLE_BARS}` : `Show all ${count} labels`}
    </button>
  );
}
