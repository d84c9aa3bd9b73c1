import type { ReactNode } from 'react';
import type { ImageItem } from '../../store/images-slice';

/** An image's thumbnail (loaded lazily, a placeholder until it exists) and name, then any actions. */
export function CardHead({ item, children }: { item: ImageItem; children?: ReactNode }) {
  return (
    <div className="card-head">
      {item.thumbnailUrl ? (
        <img src={item.thumbnailUrl} alt={item.name} className="thumbnail" loading="lazy" decoding="async" />
      ) : (
        <div className="thumbnail placeholder" aria-hidden="true" />
      )}
      <span className="image-name" title={item.name}>
        {item.name}
      </span>
      {children}
    </div>
  );
}
