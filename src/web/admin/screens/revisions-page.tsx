/**
 * /admin/articles/:id/revisions: who saved what, when; one revision against the one before it
 * (or the article now), the fields side by side and the body line by line in <del> and <ins>.
 * Screen readers do not announce <del>/<ins> by default, so each changed line also says so in
 * words, visually hidden.
 */
import type { RevisionComparison } from '../../../app/articles/revisions.js';
import type { BodyHunk } from '../../../app/articles/revision-diff.js';
import {
  fieldLabel,
  userName,
  valueText,
  type UserNames,
} from '../../../app/articles/revision-text.js';
import type { Article } from '../../../domain/article.js';
import type { Revision } from '../../../domain/revision.js';
import { AdminLayout, type AdminFrame } from '../admin-views.js';
import { ListingTable, Notices } from './listing.js';

const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

function ArticleNav(props: { article: Article; current: 'revisions' | 'linkbacks' }) {
  const id = props.article.id;
  return (
    <p class="article-nav">
      <a href="/admin/articles">All articles</a> · <a href={`/admin/articles/${id}/edit`}>Edit</a> ·{' '}
      {props.current === 'revisions' ? (
        <a href={`/admin/articles/${id}/linkbacks`}>Linkbacks</a>
      ) : (
        <a href={`/admin/articles/${id}/revisions`}>Revisions</a>
      )}
    </p>
  );
}
export { ArticleNav };

function RestoreForm(props: {
  frame: AdminFrame;
  articleId: number;
  number: number;
  latest: number;
}) {
  return (
    <form
      method="post"
      action={`/admin/articles/${props.articleId}/revisions/${props.number}/restore`}
      class="inline"
    >
      <input type="hidden" name="_csrf" value={props.frame.csrf} />
      <input type="hidden" name="expected" value={String(props.latest)} />
      <button type="submit">Restore revision {props.number}</button>
    </form>
  );
}

export function RevisionsPage(props: {
  frame: AdminFrame;
  article: Article;
  revisions: readonly Revision[];
  names: UserNames;
  notice?: string;
  error?: string;
}) {
  const latest = props.revisions.at(-1)?.number ?? 0;
  const newestFirst = [...props.revisions].reverse();
  return (
    <AdminLayout frame={props.frame} title={`Revisions of “${props.article.title}”`}>
      <ArticleNav article={props.article} current="revisions" />
      <Notices notice={props.notice} error={props.error} />
      <ListingTable
        class="queue revisions"
        columns={['Revision', 'When', 'Who', 'Why', 'What changed', 'Restore']}
        items={newestFirst}
        empty="This article has no revisions yet."
        row={(r) => (
          <tr id={`revision-${r.number}`}>
            <td>
              <a href={`/admin/articles/${props.article.id}/revisions/${r.number}`}>
                Revision {r.number}
              </a>
              {r.number === latest ? ' (current)' : ''}
            </td>
            <td>{when(r.createdAt)}</td>
            <td>{userName(props.names, r.editorId)}</td>
            <td>{r.reason}</td>
            <td>{r.changed.length ? r.changed.map(fieldLabel).join(', ') : '—'}</td>
            <td>
              {r.number === latest ? (
                '—'
              ) : (
                <RestoreForm
                  frame={props.frame}
                  articleId={props.article.id}
                  number={r.number}
                  latest={latest}
                />
              )}
            </td>
          </tr>
        )}
      />
    </AdminLayout>
  );
}

function Hunk(props: { hunk: BodyHunk }) {
  const h = props.hunk;
  return (
    <section class="hunk" aria-label={`Body lines ${h.newStart} to ${h.newStart + h.newLines - 1}`}>
      <p class="hunk-head">
        Lines {h.oldStart}–{h.oldStart + Math.max(h.oldLines, 1) - 1} before, {h.newStart}–
        {h.newStart + Math.max(h.newLines, 1) - 1} after
      </p>
      <ol class="diff-lines">
        {h.lines.map((line) => {
          const text = line.slice(1);
          if (line.startsWith('-'))
            return (
              <li class="removed">
                <del>
                  <span class="visually-hidden">Removed: </span>
                  {text}
                </del>
              </li>
            );
          if (line.startsWith('+'))
            return (
              <li class="added">
                <ins>
                  <span class="visually-hidden">Added: </span>
                  {text}
                </ins>
              </li>
            );
          return <li class="context">{text}</li>;
        })}
      </ol>
    </section>
  );
}

export function RevisionDiffPage(props: {
  frame: AdminFrame;
  article: Article;
  revision: Revision;
  comparison: RevisionComparison;
  against: 'previous' | 'current';
  latest: number;
  names: UserNames;
}) {
  const { comparison: cmp, revision: rev, article } = props;
  const { fields, body, bodyReplaced } = cmp.diff;
  const older =
    cmp.from === null
      ? 'nothing (the first revision)'
      : `revision ${cmp.from.number} (${when(cmp.from.createdAt)})`;
  const newer = cmp.to === 'current' ? 'the article as it is now' : `revision ${cmp.to.number}`;
  const base = `/admin/articles/${article.id}/revisions/${rev.number}`;
  return (
    <AdminLayout frame={props.frame} title={`Revision ${rev.number} of “${article.title}”`}>
      <p class="article-nav">
        <a href={`/admin/articles/${article.id}/revisions`}>All revisions</a> ·{' '}
        {props.against === 'previous' ? (
          <a href={`${base}?against=current`}>Compare with the article now</a>
        ) : (
          <a href={base}>Compare with the revision before</a>
        )}
      </p>
      <p>
        Saved {when(rev.createdAt)} by {userName(props.names, rev.editorId)} ({rev.reason}). Showing{' '}
        {older} against {newer}.
      </p>
      {rev.number === props.latest ? null : (
        <form
          method="post"
          action={`/admin/articles/${article.id}/revisions/${rev.number}/restore`}
        >
          <input type="hidden" name="_csrf" value={props.frame.csrf} />
          <input type="hidden" name="expected" value={String(props.latest)} />
          <button type="submit">Restore revision {rev.number}</button>{' '}
          <small>(a restore is saved as a new revision; nothing is lost)</small>
        </form>
      )}
      {fields.length === 0 && body.length === 0 && !bodyReplaced ? (
        <p role="status">No differences.</p>
      ) : null}
      {fields.length > 0 ? (
        <table class="queue fields-diff">
          <caption>Fields</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr>
                <th scope="row">{fieldLabel(f.field)}</th>
                <td>
                  <del>{valueText(f.field, f.before, props.names)}</del>
                </td>
                <td>
                  <ins>{valueText(f.field, f.after, props.names)}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {bodyReplaced ? (
        <p>The body was replaced: the two versions are too different to compare line by line.</p>
      ) : null}
      {body.length > 0 ? (
        <section aria-labelledby="body-changes">
          <h2 id="body-changes">Body</h2>
          {body.map((h) => (
            <Hunk hunk={h} />
          ))}
        </section>
      ) : null}
    </AdminLayout>
  );
}
