import type { ReactNode } from 'react';

/**
 * In place of the chart when the model (Clipscope Mini) has never seen anything like this image: its top label
 * would be a confident guess about nothing. The scores stay one click away; the model picker is one button away.
 */
export function UnfamiliarImage({ domain, children }: { domain: string; children: ReactNode }) {
  const chooseModel = () => {
    const picker = document.querySelector<HTMLSelectElement>('.model-picker select');
    picker?.scrollIntoView({ block: 'center' });
    picker?.focus();
  };
  return (
    <div className="unfamiliar" data-testid="unfamiliar-image">
      <p>
        This model only knows {domain}: pick a real CLIP model (such as OpenAI CLIP ViT-B/32) for photos and
        screenshots. This image looks like nothing it was trained on, so its scores would mean little.{' '}
        <button type="button" className="link-button" onClick={chooseModel}>
          Choose a model
        </button>
      </p>
      <details>
        <summary>Show the scores anyway</summary>
        {children}
      </details>
    </div>
  );
}
