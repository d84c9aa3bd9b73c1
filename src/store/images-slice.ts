import type { StateCreator } from 'zustand';

type ImageState = 'queued' | 'encoding' | 'done' | 'error';

export interface ImageItem {
  id: string;
  name: string;
  file: Blob;
  state: ImageState;
  error?: string;
  /** The error came from the model worker having stopped, not from the image: a fresh worker retries it. */
  modelStopped?: boolean;
  thumbnailUrl?: string;
  embeds?: Float32Array;
  /** Upright size of the original image, in pixels. */
  width?: number;
  height?: number;
}

export interface ImagesSlice {
  images: ImageItem[];
  /** The next image's number: ids are never reused, so a late answer never lands on a newer image. */
  nextImageId: number;
  /** Ids for `count` new images. */
  takeImageIds: (count: number) => string[];
  addImages: (items: ImageItem[]) => void;
  updateImage: (id: string, patch: Partial<ImageItem>) => void;
  removeImage: (id: string) => void;
  clearImages: () => void;
  /** Forgets every embedding (another model is loading); decodable images are queued again. */
  forgetEmbeddings: () => void;
}

function revoke(items: readonly ImageItem[]): void {
  items.forEach((item) => item.thumbnailUrl && URL.revokeObjectURL(item.thumbnailUrl));
}

export const createImagesSlice: StateCreator<ImagesSlice> = (set, get) => ({
  images: [],
  nextImageId: 1,
  takeImageIds: (count) => {
    const first = get().nextImageId;
    set({ nextImageId: first + count });
    return Array.from({ length: count }, (_, i) => `img-${first + i}`);
  },
  addImages: (items) => set({ images: [...get().images, ...items] }),
  updateImage: (id, patch) =>
    set({ images: get().images.map((item) => (item.id === id ? { ...item, ...patch } : item)) }),
  removeImage: (id) => {
    revoke(get().images.filter((item) => item.id === id));
    set({ images: get().images.filter((item) => item.id !== id) });
  },
  clearImages: () => {
    revoke(get().images);
    set({ images: [] });
  },
  forgetEmbeddings: () =>
    set({
      images: get().images.map((item) =>
        item.state === 'error' && !item.thumbnailUrl && !item.modelStopped
          ? item
          : { ...item, state: 'queued', embeds: undefined, modelStopped: undefined },
      ),
    }),
});
