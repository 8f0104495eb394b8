import { useState } from 'react';
import type { ItemOutput } from '@api/modules/inventory/contract';

/** The item's primary image (or first, or its imageUrl). */
export const primaryImage = (item: Pick<ItemOutput, 'images' | 'imageUrl'>) =>
  item.images.find((image) => image.isPrimary)?.url ?? item.images[0]?.url ?? item.imageUrl;

/** A fixed-size square, so rows never move when pictures arrive (or fail to). */
export function Thumbnail({ item, size }: { item: Pick<ItemOutput, 'images' | 'imageUrl' | 'name'>; size: number }) {
  const url = primaryImage(item);
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <span className="thumb" style={{ width: size, height: size }}>
      {url && failed !== url ? (
        <img src={url} alt="" width={size} height={size} loading="lazy" decoding="async" onError={() => setFailed(url)} />
      ) : (
        <span className="thumb__empty" aria-hidden="true">
          {item.name.slice(0, 1).toUpperCase()}
        </span>
      )}
    </span>
  );
}
