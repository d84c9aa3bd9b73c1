import type { ScoreMode } from '../../shared/score-text';

const WORDS: Record<ScoreMode, string> = { probability: 'Probability', similarity: 'Cosine similarity' };

/**
 * The probability / cosine similarity switch, as two radio buttons in a labelled group (arrow keys move between
 * them). `order` is the options' order; probability is disabled when the model has no trained scale.
 */
export function ScoreModeSwitch({
  name,
  legend,
  mode,
  onChange,
  order = ['probability', 'similarity'],
  probabilityDisabled = false,
}: {
  /** The radio group's name, unique on the page. */
  name: string;
  /** What the group chooses, for screen readers. */
  legend: string;
  mode: ScoreMode;
  onChange: (mode: ScoreMode) => void;
  order?: readonly [ScoreMode, ScoreMode];
  probabilityDisabled?: boolean;
}) {
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{legend}</legend>
      {order.map((option) => (
        <label key={option}>
          <input
            type="radio"
            name={name}
            checked={mode === option}
            disabled={option === 'probability' && probabilityDisabled}
            onChange={() => onChange(option)}
          />
          {WORDS[option]}
        </label>
      ))}
    </fieldset>
  );
}
