import { useId, useRef, useState } from 'react';
import { shareLink } from '../../store/share-link-actions';
import '../share-export-badge.css';

type Outcome = { link: string; copied: boolean } | { error: string };

/** Makes a link that opens Clipscope with these labels, template and model choices; images never go in it. */
export function SharePanel() {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome>();

  const share = async () => {
    setOutcome(undefined); // never show the link of an earlier setup
    let link: string;
    try {
      link = await shareLink();
    } catch (error) {
      return setOutcome({ error: error instanceof Error ? error.message : `No link could be made: ${error}` });
    }
    // The clipboard may be refused (permissions, an insecure page): the field below always shows the link.
    const copied = await navigator.clipboard?.writeText(link).then(
      () => true,
      () => false,
    );
    setOutcome({ link, copied: copied === true });
    requestAnimationFrame(() => field.current?.select());
  };

  return (
    <div className="share-panel">
      <button type="button" data-testid="share" onClick={() => void share()}>
        Share setup
      </button>
      {outcome && 'error' in outcome && (
        <p role="alert" className="error">
          {outcome.error}
        </p>
      )}
      {outcome && 'link' in outcome && (
        <>
          <label htmlFor={`${id}-link`} className="visually-hidden">
            Link to this setup
          </label>
          <input
            id={`${id}-link`}
            ref={field}
            data-testid="share-link"
            className="share-link"
            readOnly
            value={outcome.link}
            onFocus={(e) => e.target.select()}
          />
          <span role="status" className="hint">
            {outcome.copied ? 'Link copied.' : 'Copy the link above.'} It holds labels, template and model choices,
            never images.
          </span>
        </>
      )}
    </div>
  );
}
