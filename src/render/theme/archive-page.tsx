import type { ArticleSummary } from '../../app/site/view-models.js';
import { Pagination } from './pagination.js';
import { StoryList } from './story-list.js';

export interface ArchiveProps {
  readonly heading: string | null;
  readonly intro?: string;
  readonly stories: readonly ArticleSummary[];
  readonly page: number;
  readonly pageCount: number;
  readonly hrefFor: (page: number) => string;
  readonly timezone: string;
}

export function ArchivePage(props: ArchiveProps) {
  return (
    <>
      {props.heading ? <h1 class="archive-title">{props.heading}</h1> : null}
      {props.intro ? <p>{props.intro}</p> : null}
      <StoryList stories={props.stories} timezone={props.timezone} />
      <Pagination page={props.page} pageCount={props.pageCount} hrefFor={props.hrefFor} />
    </>
  );
}
