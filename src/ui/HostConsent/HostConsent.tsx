import { answerHostProposal } from '../../store/controller';
import { useAppStore } from '../../store/store';

/** A model host named in a link is used only after the person agrees. */
export function HostConsent() {
  const proposed = useAppStore((s) => s.proposedHost);
  const current = useAppStore((s) => s.hubHost);
  if (!proposed) return null;
  return (
    <div className="consent" role="dialog" aria-labelledby="host-consent-title">
      <p id="host-consent-title">
        This link asks Clipscope to download models from <strong>{proposed}</strong> instead of {current}. Only agree if
        you trust that site; your images are never sent anywhere either way.
      </p>
      <button type="button" data-testid="confirm-host" onClick={() => answerHostProposal(true)}>
        Use {new URL(proposed).host}
      </button>{' '}
      <button type="button" onClick={() => answerHostProposal(false)}>
        Keep {new URL(current).host}
      </button>
    </div>
  );
}
