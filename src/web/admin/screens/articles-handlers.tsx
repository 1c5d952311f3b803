/** The handler of /admin/articles: the filters go to browseArticles as the form sent them. */
import type { Context } from 'hono';
import { browseArticles, parseBrowseQuery } from '../../../app/articles/browse-articles.js';
import { articlePath } from '../../../app/articles/create-article.js';
import type { AppDeps } from '../../../app/deps.js';
import { listTerms } from '../../../app/terms/manage-terms.js';
import { isLive } from '../../../domain/article.js';
import { can } from '../../../domain/permissions.js';
import { statusFor } from '../../errors.js';
import { ArticlesPage } from './articles-page.js';
import type { ScreenKit } from './terms-handlers.js';

/** The screens about one article need the whole app (permalinks, the clock, the queue). */
export type ArticleScreenKit<C extends Context> = Omit<ScreenKit<C>, 'app'> & {
  readonly app: AppDeps;
};

const FILTERS = ['status', 'type', 'author', 'category', 'tag', 'q', 'page'] as const;
/** A value past this is cut before it is shown again (the parser has refused it already). */
const ECHO_MAX = 300;

export function articlesHandlers<C extends Context>(kit: ArticleScreenKit<C>) {
  return {
    'GET /articles': async (c: C) => {
      const viewer = kit.user(c);
      const values = Object.fromEntries(
        FILTERS.map((name) => [name, (c.req.query(name) ?? '').slice(0, ECHO_MAX)]),
      );
      const raw = Object.fromEntries(FILTERS.map((name) => [name, c.req.query(name)]));
      const all = can(viewer.role, 'article.edit-any');
      const [authors, categories, tags] = await Promise.all([
        all
          ? kit.app.repos.users.listByRoles(['owner', 'editor', 'author', 'contributor'])
          : Promise.resolve(null),
        listTerms(kit.app, 'category'),
        listTerms(kit.app, 'tag'),
      ]);
      const options = { authors, categories, tags };
      const now = kit.app.clock();
      const publicUrl = ({ article }: { article: Parameters<typeof isLive>[0] }) =>
        isLive(article, now) ? articlePath(kit.app, article) : null;
      const query = parseBrowseQuery(raw);
      const result = query.ok ? await browseArticles(kit.app, viewer, query.value) : query;
      if (!result.ok) {
        return kit.page(
          c,
          <ArticlesPage
            frame={kit.frame(c)}
            viewer={viewer}
            values={values}
            options={options}
            result={null}
            publicUrl={publicUrl}
            error={result.error.message}
            {...(result.error.fields ? { fields: result.error.fields } : {})}
          />,
          statusFor(result.error.code),
        );
      }
      return kit.page(
        c,
        <ArticlesPage
          frame={kit.frame(c)}
          viewer={viewer}
          values={values}
          options={options}
          result={result.value}
          publicUrl={publicUrl}
        />,
      );
    },
  };
}
