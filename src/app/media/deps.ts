import type { AppDeps } from '../deps.js';
import type { ImageProcessor, MediaStorage } from './ports.js';

/** Limits on an upload, checked before any pixel is decoded. */
export interface MediaLimits {
  /** Bytes of one upload. */
  readonly maxBytes: number;
  /** Pixels of one frame (width × height as the header declares them). */
  readonly maxPixels: number;
  /** Frames of an animated image. */
  readonly maxFrames: number;
  /** Pixels of all frames together. */
  readonly maxTotalPixels: number;
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = Object.freeze({
  maxBytes: 30 * 1024 * 1024,
  maxPixels: 60_000_000,
  maxFrames: 400,
  maxTotalPixels: 150_000_000,
});

/** What the media use cases are given: the app's deps, the file store and the image codec. */
export interface MediaDeps extends Pick<AppDeps, 'repos' | 'uow' | 'clock' | 'logger'> {
  readonly storage: MediaStorage;
  readonly images: ImageProcessor;
  readonly limits: MediaLimits;
}
