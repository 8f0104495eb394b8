import { useEffect, useId, useState } from 'react';
import { imageTypes, MAX_IMAGE_BYTES, type ImageType } from '@api/modules/media/contract';
import { MAX_IMAGES } from '@api/modules/inventory/contract';
import { trpcClient } from '../api/client';
import { describeError, sentence } from '../api/errors';

export interface GalleryImage {
  url: string;
  isPrimary: boolean;
}

interface Upload {
  key: string;
  name: string;
  preview: string;
  error?: string;
}

interface ImagesFieldProps {
  images: GalleryImage[];
  /** Changes the gallery from its current value (uploads finish after other changes). */
  onChange: (change: (images: GalleryImage[]) => GalleryImage[]) => void;
  /** Uploads still running: the form waits for them before it saves. */
  onUploadingChange: (uploading: boolean) => void;
  itemId?: string;
  error?: string;
}

/** What the storage answers on a refused upload (src/modules/media/routes.ts), in words. */
function uploadProblem(status: number): string {
  if (status === 415 || status === 422) return 'This file is not a complete JPEG, PNG, WebP or GIF image.';
  if (status === 413 || status === 411) return 'This image is larger than 10 MB.';
  if (status === 410 || status === 403 || status === 409) return 'The upload link expired; please add the image again.';
  return 'The image could not be stored; please try again.';
}

/** Asks for an upload URL, then sends the file straight to storage; answers the image's public URL. */
async function upload(file: File, itemId: string | undefined): Promise<string> {
  const target = await trpcClient.media.createUploadUrl.mutate({ fileName: file.name, contentType: file.type as ImageType, size: file.size, itemId });
  const response = await fetch(target.uploadUrl, { method: 'PUT', headers: { 'content-type': file.type }, body: file });
  if (!response.ok) throw new Error(uploadProblem(response.status));
  return target.publicUrl;
}

/** The gallery: add pictures (previewed at once, uploaded in the background), order them, pick the primary one. */
export function ImagesField({ images, onChange, onUploadingChange, itemId, error }: ImagesFieldProps) {
  const inputId = useId();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const uploading = uploads.some((u) => !u.error);
  useEffect(() => onUploadingChange(uploading), [uploading, onUploadingChange]);
  const room = MAX_IMAGES - images.length - uploads.filter((u) => !u.error).length;

  const add = (files: FileList | null) => {
    for (const file of Array.from(files ?? []).slice(0, Math.max(room, 0))) {
      const key = crypto.randomUUID();
      const problem = !(imageTypes as readonly string[]).includes(file.type)
        ? 'Only JPEG, PNG, WebP and GIF images can be added.'
        : file.size > MAX_IMAGE_BYTES
          ? 'This image is larger than 10 MB.'
          : undefined;
      const preview = URL.createObjectURL(file);
      setUploads((current) => [...current, { key, name: file.name, preview, error: problem }]);
      if (problem) continue;
      upload(file, itemId).then(
        (url) => {
          onChange((current) => [...current, { url, isPrimary: current.length === 0 }]);
          dismiss({ key, preview });
        },
        (failure: unknown) => {
          const message = failure instanceof Error && !('data' in failure) ? failure.message : describeError(failure);
          setUploads((list) => list.map((u) => (u.key === key ? { ...u, error: message } : u)));
        },
      );
    }
  };
  function dismiss({ key, preview }: Pick<Upload, 'key' | 'preview'>) {
    URL.revokeObjectURL(preview);
    setUploads((list) => list.filter((u) => u.key !== key));
  }
  const move = (from: number, to: number) => {
    const next = [...images];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    onChange(() => next);
  };
  const makePrimary = (index: number) => onChange((current) => current.map((image, n) => ({ ...image, isPrimary: n === index })));
  const remove = (index: number) =>
    onChange((current) => {
      const next = current.filter((_, n) => n !== index);
      if (current[index]?.isPrimary && next[0]) next[0] = { ...next[0], isPrimary: true };
      return next;
    });

  return (
    <fieldset className="images-field">
      <legend>Images</legend>
      <p className="field__hint">Up to {MAX_IMAGES} pictures (JPEG, PNG, WebP or GIF, 10 MB each). The primary one shows in lists.</p>
      <ul className="gallery">
        {images.map((image, index) => (
          <li key={image.url} className={`gallery__item${image.isPrimary ? ' gallery__item--primary' : ''}`}>
            <img src={image.url} alt={`Image ${index + 1}${image.isPrimary ? ' (primary)' : ''}`} width={120} height={120} />
            {image.isPrimary && <span className="badge gallery__badge">Primary</span>}
            <div className="gallery__actions">
              <button type="button" className="icon-button" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={`Move image ${index + 1} earlier`}>
                ←
              </button>
              <button type="button" className="icon-button" disabled={index === images.length - 1} onClick={() => move(index, index + 1)} aria-label={`Move image ${index + 1} later`}>
                →
              </button>
              {!image.isPrimary && (
                <button type="button" className="icon-button" onClick={() => makePrimary(index)} aria-label={`Make image ${index + 1} the primary image`}>
                  ★
                </button>
              )}
              <button type="button" className="icon-button" onClick={() => remove(index)} aria-label={`Remove image ${index + 1}`}>
                ×
              </button>
            </div>
          </li>
        ))}
        {uploads.map((u) => (
          <li key={u.key} className={`gallery__item gallery__item--pending${u.error ? ' gallery__item--failed' : ''}`}>
            <img src={u.preview} alt={`${u.name} (${u.error ? 'not added' : 'uploading'})`} width={120} height={120} />
            {u.error ? (
              <div className="gallery__error" role="alert">
                {sentence(u.error)}
                <button type="button" className="link-button" onClick={() => dismiss(u)}>
                  Dismiss
                </button>
              </div>
            ) : (
              <span className="gallery__progress" role="status">
                Uploading…
              </span>
            )}
          </li>
        ))}
      </ul>
      {room > 0 && (
        <div className="file-picker">
          <label htmlFor={inputId} className="button">
            Add images
          </label>
          <input
            id={inputId}
            type="file"
            accept={imageTypes.join(',')}
            multiple
            className="visually-hidden"
            onChange={(event) => {
              add(event.target.files);
              event.target.value = '';
            }}
          />
        </div>
      )}
      {error && <p className="field__error">{sentence(error)}</p>}
    </fieldset>
  );
}
