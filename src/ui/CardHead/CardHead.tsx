import type { ReactNode } from 'react';
import type { ImageItem } from '../../store/images-slice';
import { visibleText } from '../../shared/visible-text';
import { VisibleText } from '../VisibleText/VisibleText';

/** An image's thumbnail (loaded lazily, a placeholder until it exists) and name, then any actions. */
export function CardHead({ item, children }: { item: ImageItem; children?: ReactNode }) {
  return (
    <div className="card-head">
      {item.thumbnailUrl ? (
        <img
          src={item.thumbnailUrl}
          alt={visibleText(item.name)}
          className="thumbnail"
          loading="lazy"
          decoding="async"
        />
      ) : (
        <div className="thumbnail placeholder" aria-hidden="true" />
      )}
      <span className="image-name" title={visibleText(item.name)}>
        <VisibleText text={item.name} />
      </span>
      {children}
    </div>
  );
}
