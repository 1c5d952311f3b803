/**
 * The oEmbed provider's read model (oEmbed 1.0, https://oembed.com/): the article a URL names,
 * and the size the consumer allows. Unknown or foreign URLs are not found; malformed parameters
 * are invalid input.
 */
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';
import { findArticleByPath } from '../site/find-by-path.js';
import { authorPath } from '../site/paths.js';

export const OEMBED_DEFAULT_WIDTH = 600;
export const OEMBED_DEFAULT_HEIGHT = 320;
/** Below these a rich embed cannot be shown: the answer is a `link` type, with no html. */
export const OEMBED_MIN_WIDTH = 200;
export const OEMBED_MIN_HEIGHT = 120;

export interface OEmbedRequest {
  readonly url: string | undefined;
  readonly maxwidth: string | undefined;
  readonly maxheight: string | undefined;
}

export interface OEmbedArticle {
  readonly type: 'rich' | 'link';
  readonly title: string;
  readonly url: string;
  readonly summary: string;
  readonly authorName: string;
  readonly authorUrl: string;
  readonly publishedAt: Date;
  readonly width: number;
  readonly height: number;
}

const dimension = (raw: string | undefined): number | null | 'bad' => {
  if (raw === undefined || raw === '') return null;
  if (!/^[1-9]\d{0,4}$/.test(raw)) return 'bad';
  return Number(raw);
};

export async function oembedArticle(
  deps: Pick<AppDeps, 'repos' | 'clock' | 'timezone' | 'siteUrl'>,
  req: OEmbedRequest,
): Promise<Result<OEmbedArticle, Failure>> {
  if (!req.url || req.url.length > 2_000) return err(failure('invalid_input', 'url: required'));
  const maxwidth = dimension(req.maxwidth);
  const maxheight = dimension(req.maxheight);
  if (maxwidth === 'bad' || maxheight === 'bad') {
    return err(failure('invalid_input', 'maxwidth and maxheight: positive integers'));
  }
  let target: URL;
  try {
    target = new URL(req.url);
  } catch {
    return err(failure('invalid_input', 'url: not an absolute URL'));
  }
  const site = new URL(deps.siteUrl);
  if (target.host !== site.host || !/^https?:$/.test(target.protocol)) {
    return err(failure('not_found', 'url: not a page of this site'));
  }
  const found = await findArticleByPath(deps, target.pathname);
  const article = found.kind === 'article' || found.kind === 'redirect' ? found.article : null;
  if (!article || (found.kind !== 'article' && found.kind !== 'redirect')) {
    return err(failure('not_found', 'url: no article there'));
  }
  const path = found.kind === 'article' ? found.path : found.location;
  const [author] = await deps.repos.users.findByIds([article.authorId]);
  const width = Math.min(maxwidth ?? OEMBED_DEFAULT_WIDTH, OEMBED_DEFAULT_WIDTH);
  const height = Math.min(maxheight ?? OEMBED_DEFAULT_HEIGHT, OEMBED_DEFAULT_HEIGHT);
  const rich = width >= OEMBED_MIN_WIDTH && height >= OEMBED_MIN_HEIGHT;
  return ok({
    type: rich ? 'rich' : 'link',
    title: article.title,
    url: `${deps.siteUrl}${path}`,
    summary: article.standfirst || article.excerpt,
    authorName: author?.name ?? 'Staff',
    authorUrl: author ? `${deps.siteUrl}${authorPath(author)}` : deps.siteUrl,
    publishedAt: article.publishedAt ?? article.createdAt,
    width,
    height,
  });
}
