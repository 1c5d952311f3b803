import type { FeaturedImage, PictureModel, ShareImage } from '../../app/media/picture.js';
import { ARTICLE_SIZES, type Loading } from '../picture-html.js';

export function Picture({
  picture,
  sizes,
  loading,
  priority,
}: {
  picture: PictureModel;
  sizes: string;
  loading: Loading;
  priority?: boolean;
}) {
  return (
    <picture>
      {picture.sources.map((s) => (
        <source type={s.type} srcset={s.srcset} sizes={sizes} />
      ))}
      <img
        src={picture.src}
        srcset={picture.srcset}
        sizes={sizes}
        width={picture.width}
        height={picture.height}
        alt={picture.alt}
        loading={loading}
        decoding="async"
        {...(priority ? { fetchpriority: 'high' } : {})}
      />
    </picture>
  );
}

/** The featured image at the top of an article, eager (it is above the fold), with its credit. */
export function FeaturedFigure({ image }: { image: FeaturedImage }) {
  const { caption, credit } = image;
  return (
    <figure class="featured">
      <Picture picture={image.picture} sizes={ARTICLE_SIZES} loading="eager" priority />
      {caption || credit ? (
        <figcaption>
          {caption ? <span class="caption">{caption}</span> : null}
          {caption && credit ? ' ' : null}
          {credit ? <span class="credit">{credit}</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

/** The lead story spans the page; the others sit in the grid's columns. */
const LEAD_SIZES = '(min-width: 1150px) 1116px, calc(100vw - 32px)';
const STORY_SIZES = '(min-width: 760px) 360px, calc(100vw - 32px)';

/** A story's image in a listing: the lead's loads eagerly, the rest lazily (below the fold). */
export function StoryImage({ image, lead }: { image: FeaturedImage; lead: boolean }) {
  return (
    <p class="story-image">
      <Picture
        picture={image.picture}
        sizes={lead ? LEAD_SIZES : STORY_SIZES}
        loading={lead ? 'eager' : 'lazy'}
      />
    </p>
  );
}

/** Open Graph and Twitter card image tags (https://ogp.me/#structured, Twitter card markup). */
export function ShareImageMeta({ image }: { image: ShareImage }) {
  return (
    <>
      <meta property="og:image" content={image.url} />
      <meta property="og:image:type" content={image.type} />
      <meta property="og:image:width" content={String(image.width)} />
      <meta property="og:image:height" content={String(image.height)} />
      {image.alt ? <meta property="og:image:alt" content={image.alt} /> : null}
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:image" content={image.url} />
      {image.alt ? <meta name="twitter:image:alt" content={image.alt} /> : null}
    </>
  );
}
