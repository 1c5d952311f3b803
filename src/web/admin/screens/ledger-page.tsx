/** /admin/articles/:id/linkbacks: every page the article notified (or will), and sending again. */
import type { OutboundLinkback } from '../../../app/linkbacks/send-ports.js';
import type { Article } from '../../../domain/article.js';
import { AdminLayout, type AdminFrame } from '../admin-views.js';
import { ListingTable, Notices } from './listing.js';
import { ArticleNav } from './revisions-page.js';

const when = (d: Date | null) =>
  d ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—';

const STATUS_WORDS: Readonly<Record<OutboundLinkback['status'], string>> = {
  queued: 'queued',
  sent: 'sent',
  failed: 'failed',
  gave_up: 'gave up',
  no_endpoint: 'no endpoint',
  skipped: 'skipped',
};

/** What the receiver last said, in one cell. */
function lastResult(r: OutboundLinkback): string {
  const parts = [
    r.httpStatus === null ? null : `HTTP ${r.httpStatus}`,
    r.lastError,
    r.sentAt ? `sent ${when(r.sentAt)}` : null,
  ].filter((p): p is string => p !== null && p !== '');
  return parts.length ? parts.join(' · ') : '—';
}

export function LedgerPage(props: {
  frame: AdminFrame;
  article: Article;
  rows: readonly OutboundLinkback[];
  /** False when sending is off for the article or the site: no resend buttons. */
  canSend: boolean;
  notice?: string;
  error?: string;
}) {
  const action = `/admin/articles/${props.article.id}/linkbacks`;
  return (
    <AdminLayout frame={props.frame} title={`Linkbacks sent by “${props.article.title}”`}>
      <ArticleNav article={props.article} current="linkbacks" />
      <Notices notice={props.notice} error={props.error} />
      {props.canSend ? null : <p>Sending linkbacks is off for this article or for the site.</p>}
      <ListingTable
        class="queue ledger"
        columns={[
          'Target',
          'Protocol',
          'Status',
          'Attempts',
          'Last result',
          'Next attempt',
          'Send again',
        ]}
        items={props.rows}
        empty="No outbound linkbacks for this article yet."
        row={(r) => (
          <tr id={`outbound-${r.id}`}>
            <td class="url">
              {r.targetUrl}
              {r.kind === 'trackback' ? <small> (TrackBack URL)</small> : null}
              {r.linked || r.kind === 'trackback' ? null : <small> (no longer linked)</small>}
              {r.statusUrl ? (
                <>
                  <br />
                  <small>status page: {r.statusUrl}</small>
                </>
              ) : null}
            </td>
            <td>{r.protocol ?? '—'}</td>
            <td>{STATUS_WORDS[r.status]}</td>
            <td>{String(r.attempts)}</td>
            <td>{lastResult(r)}</td>
            <td>{r.status === 'queued' ? when(r.nextAttemptAt) : '—'}</td>
            <td>
              {props.canSend ? (
                <form method="post" action={action} class="inline">
                  <input type="hidden" name="_csrf" value={props.frame.csrf} />
                  <input type="hidden" name="target" value={r.targetUrl} />
                  <button type="submit">
                    Resend<span class="visually-hidden"> to {r.targetUrl}</span>
                  </button>
                </form>
              ) : (
                '—'
              )}
            </td>
          </tr>
        )}
      />
      {props.canSend ? (
        <form method="post" action={action}>
          <input type="hidden" name="_csrf" value={props.frame.csrf} />
          <button type="submit">
            {props.rows.length === 0 ? 'Work out the links and send' : 'Resend to every target'}
          </button>
        </form>
      ) : null}
      <p>
        A resend queues the target again with its attempts reset; the workers send it. Targets the
        body no longer links to are sent again only when chosen one by one.
      </p>
    </AdminLayout>
  );
}
