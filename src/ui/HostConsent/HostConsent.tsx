import { answerHostProposal } from '../../store/model-loading';
import { useAppStore } from '../../store/store';
import { focusFirst, modelPicker } from '../focus/focus';

/** A model host named in a link is used only after the person agrees. */
export function HostConsent() {
  const proposed = useAppStore((s) => s.proposedHost);
  const current = useAppStore((s) => s.hubHost);
  if (!proposed) return null;
  const answer = (agreed: boolean) => {
    focusFirst(modelPicker()); // the question goes away with its buttons
    answerHostProposal(agreed);
  };
  return (
    <div className="consent" role="dialog" aria-labelledby="host-consent-title">
      <p id="host-consent-title">
        This link asks Clipscope to download models from <strong>{proposed}</strong> instead of {current}. Only agree if
        you trust that site; your images are never sent anywhere either way.
      </p>
      <button type="button" data-testid="confirm-host" onClick={() => answer(true)}>
        Use {new URL(proposed).host}
      </button>{' '}
      <button type="button" onClick={() => answer(false)}>
        Keep {new URL(current).host}
      </button>
    </div>
  );
}
