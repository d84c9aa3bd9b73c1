import { useEffect, useId, useRef } from 'react';
import type { Beams, GenerationSpeed } from '../../store/describe/describe-slice';

interface Props {
  question: string;
  prefix: string;
  beams: Beams;
  generating: boolean;
  speed: GenerationSpeed | undefined;
  onQuestion: (q: string) => void;
  onPrefix: (p: string) => void;
  onBeams: (n: Beams) => void;
  onStop: () => void;
  /** Runs again what a Stop or a failure left; absent when nothing was left. */
  onDescribeAgain?: () => void;
}

/** The question every image is asked, the prefix every image continues, the beam width, Stop, and the speed. */
export function DescribeControls(p: Props) {
  const id = useId();
  // Stop disables itself: the keyboard focus goes on to "Describe again" rather than to the page.
  const again = useRef<HTMLButtonElement>(null);
  const stopPressed = useRef(false);
  const canAgain = p.onDescribeAgain !== undefined;
  useEffect(() => {
    if (!canAgain || !stopPressed.current) return;
    stopPressed.current = false;
    again.current?.focus();
  }, [canAgain, p.generating]);
  return (
    <div className="describe-controls">
      <label htmlFor={`${id}-question`}>Ask every image</label>
      <input
        id={`${id}-question`}
        type="text"
        data-testid="question-input"
        value={p.question}
        placeholder="what colour is the star?"
        onChange={(e) => p.onQuestion(e.target.value)}
      />
      <label htmlFor={`${id}-prefix`}>Continue a start</label>
      <input
        id={`${id}-prefix`}
        type="text"
        data-testid="prefix-input"
        value={p.prefix}
        placeholder="a photo of a red"
        onChange={(e) => p.onPrefix(e.target.value)}
      />
      <div className="describe-toolbar">
        <label htmlFor={`${id}-beams`}>Beam width</label>
        <select
          id={`${id}-beams`}
          data-testid="beam-width"
          value={p.beams}
          aria-describedby={`${id}-beams-hint`}
          onChange={(e) => p.onBeams(Number(e.target.value) as Beams)}
        >
          {([1, 2, 3, 4] as const).map((n) => (
            <option key={n} value={n}>
              {n === 1 ? '1 (greedy, streams)' : n}
            </option>
          ))}
        </select>
        <span id={`${id}-beams-hint`} className="visually-hidden">
          Wider beams weigh more candidate texts and show each text only when it is finished.
        </span>
        <button
          type="button"
          data-testid="stop-generation"
          disabled={!p.generating}
          onClick={() => {
            stopPressed.current = true;
            p.onStop();
          }}
        >
          Stop
        </button>
        {p.onDescribeAgain && (
          <button type="button" ref={again} data-testid="describe-again" onClick={p.onDescribeAgain}>
            Describe again
          </button>
        )}
        <span className="hint" data-testid="tokens-per-second" data-value={p.speed?.tokensPerSecond.toFixed(2) ?? ''}>
          {p.speed
            ? `${p.speed.tokensPerSecond.toFixed(1)} tokens/s, first token after ${Math.round(p.speed.firstTokenMs)} ms`
            : 'Speed appears once a text is generated.'}
        </span>
      </div>
    </div>
  );
}
