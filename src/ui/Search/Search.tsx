import { useId, useMemo, useRef } from 'react';
import { scoreText } from '../../shared/score-text';
import { searchRanking } from '../../store/explore-selectors';
import { useAppStore } from '../../store/store';
import { countOf } from '../text/plural';
import { MoreLikeThis } from '../MoreLikeThis/MoreLikeThis';
import { visibleText } from '../../shared/visible-text';
import { VisibleText } from '../VisibleText/VisibleText';
import { SIMILAR_HEADING_ID } from '../focus/focus';

/** Text-to-image search (the reverse of classification) and image-to-image "more like this", over the dropped images. */
export function Search() {
  const id = useId();
  const queryField = useRef<HTMLInputElement>(null);
  const searchQuery = useAppStore((s) => s.searchQuery);
  const similarToId = useAppStore((s) => s.similarToId);
  const images = useAppStore((s) => s.images);
  const textEmbeds = useAppStore((s) => s.textEmbeds);
  const setSearchQuery = useAppStore((s) => s.setSearchQuery);
  const showSimilarTo = useAppStore((s) => s.showSimilarTo);
  const ranking = useMemo(
    () => searchRanking({ searchQuery, similarToId, images, textEmbeds }),
    [searchQuery, similarToId, images, textEmbeds],
  );
  const similar = images.find((i) => i.id === similarToId);
  // Bars are proportional to the best cosine (negative ones are empty), so similar scores look similar.
  const best = Math.max(ranking.results[0]?.score ?? 0, 1e-6);

  return (
    <section className="search" aria-label="Search images">
      <label htmlFor={`${id}-query`}>Find images by text</label>
      <input
        id={`${id}-query`}
        ref={queryField}
        type="search"
        data-testid="search-input"
        value={searchQuery}
        placeholder="e.g. red circle"
        onChange={(e) => setSearchQuery(e.target.value)}
        spellCheck={false}
      />
      {similar && (
        // "More like this" focuses this heading: the view it came from is gone.
        <h2 id={SIMILAR_HEADING_ID} tabIndex={-1} className="similar-heading">
          Images most like <VisibleText text={similar.name} />
        </h2>
      )}
      <p className="hint" aria-live="polite">
        {images.length === 0
          ? 'Drop images first: the search ranks your own images.'
          : similar
            ? 'Ranked by the cosine similarity of their image embeddings.'
            : ranking.kind === 'none'
              ? 'Type a description: images are ranked by cosine similarity to its text embedding.'
              : ranking.pending
                ? 'Encoding the query…'
                : `${countOf(ranking.results.length, 'image')} ranked by cosine similarity to the text.`}
      </p>
      {similar && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            queryField.current?.focus(); // this button goes away
            showSimilarTo(undefined);
          }}
        >
          Back to text search
        </button>
      )}
      <ol className="search-results" aria-label="Ranked images">
        {ranking.results.map(({ image, score }, rank) => (
          <li
            key={image.id}
            className="search-result"
            data-testid="search-result"
            data-image-name={image.name}
            data-score={score.toFixed(6)}
          >
            <span className="rank">{rank + 1}</span>
            {image.thumbnailUrl && <img src={image.thumbnailUrl} alt="" className="thumbnail" />}
            <span className="image-name" title={visibleText(image.name)}>
              <VisibleText text={image.name} />
            </span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ width: `${(Math.max(0, score) / best) * 100}%` }} />
            </span>
            <span className="bar-value">{scoreText(score, 'similarity')}</span>
            <MoreLikeThis id={image.id} name={image.name} />
          </li>
        ))}
      </ol>
    </section>
  );
}
