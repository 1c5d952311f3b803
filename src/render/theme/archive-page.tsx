import type { ArticleSummary } from '../../app/site/view-models.js';
import { escapeHtml } from './escape.js';
import { paginationHtml } from './pagination.js';
import { storyListHtml } from './story-list.js';

export interface ArchiveProps {
  readonly heading: string | null;
  readonly intro?: string | undefined;
  readonly stories: readonly ArticleSummary[];
  readonly page: number;
  readonly pageCount: number;
  readonly hrefFor: (page: number) => string;
  readonly timezone: string;
}

export function archivePageHtml(props: ArchiveProps): string {
  return (
    (props.heading ? `<h1 class="archive-title">${escapeHtml(props.heading)}</h1>` : '') +
    (props.intro ? `<p>${escapeHtml(props.intro)}</p>` : '') +
    storyListHtml(props.stories, props.timezone) +
    paginationHtml(props)
  );
}
