/** /admin/settings/discussion and /admin/settings/site: the settings as forms, in groups. */
import { AdminLayout, type AdminFrame } from '../admin-views.js';
import { SettingsForm, type FieldLabel, type SettingsFormState } from './setting-field.js';

type Groups = readonly { readonly title: string; readonly fields: readonly FieldLabel[] }[];

const LINES = 'One a line.';

export const DISCUSSION_GROUPS: Groups = [
  {
    title: 'New articles',
    fields: [
      { key: 'discussion.commentsOpenByDefault', label: 'Comments open on new articles' },
      {
        key: 'discussion.linkbacksOpenByDefault',
        label: 'Trackbacks, pingbacks and webmentions open on new articles',
      },
      {
        key: 'discussion.closeCommentsAfterDays',
        label: 'Close comments this many days after publication',
        hint: 'Empty: never.',
      },
      {
        key: 'discussion.closeLinkbacksAfterDays',
        label: 'Close linkbacks this many days after publication',
        hint: 'Empty: never. Independent of comments.',
      },
    ],
  },
  {
    title: 'Holding comments for moderation',
    fields: [
      { key: 'comments.holdAll', label: 'Hold every comment' },
      {
        key: 'comments.holdFirstTimeAuthors',
        label: 'Hold comments from people with no approved comment yet',
      },
      {
        key: 'comments.holdWhenLinksExceed',
        label: 'Hold a comment with more links than this',
      },
      {
        key: 'comments.moderationWords',
        label: 'Hold comments containing these words',
        hint: `${LINES} Checked in the text, name, email, address and link.`,
      },
      {
        key: 'comments.moderatorEmails',
        label: 'Tell these addresses when something is held',
        hint: LINES,
      },
    ],
  },
  {
    title: 'Spam',
    fields: [
      {
        key: 'comments.blockWords',
        label: 'Send comments containing these words to spam',
        hint: LINES,
      },
      {
        key: 'comments.blockEmails',
        label: 'Send comments from these email addresses to spam',
        hint: `${LINES} A whole address, or @domain for all of a domain.`,
      },
      {
        key: 'comments.blockIps',
        label: 'Send comments from these IP addresses to spam',
        hint: `${LINES} A whole address, or a prefix ending in * (203.0.113.*).`,
      },
      {
        key: 'comments.blockDomains',
        label: 'Send comments linking to these domains to spam',
        hint: `${LINES} A domain covers its subdomains.`,
      },
    ],
  },
  {
    title: 'Showing comments',
    fields: [
      { key: 'comments.maxDepth', label: 'Deepest reply level' },
      { key: 'comments.order', label: 'Order of threads' },
      { key: 'comments.perPage', label: 'Threads per page' },
      { key: 'comments.maxLength', label: 'Longest comment, in characters' },
    ],
  },
  {
    title: 'The comment form’s guards',
    fields: [
      {
        key: 'comments.minFillSeconds',
        label: 'Refuse a form sent sooner than this many seconds after loading',
      },
      { key: 'comments.formMaxAgeMinutes', label: 'A form expires after this many minutes' },
      { key: 'comments.perIpLimit', label: 'Comments one address may send per window' },
      { key: 'comments.perArticleLimit', label: 'Comments one article may receive per window' },
      { key: 'comments.rateWindowSeconds', label: 'The window, in seconds' },
    ],
  },
  {
    title: 'Linkbacks',
    fields: [
      {
        key: 'linkbacks.approveDomains',
        label: 'Approve linkbacks from these domains at once',
        hint: LINES,
      },
      { key: 'linkbacks.blockDomains', label: 'Refuse linkbacks from these domains', hint: LINES },
      { key: 'linkbacks.receiveTrackbacks', label: 'Receive trackbacks' },
      {
        key: 'linkbacks.send',
        label: 'Send linkbacks',
        hint: 'Off: no article notifies the pages it links to.',
      },
    ],
  },
  {
    title: 'Fediverse',
    fields: [
      {
        key: 'fediverse.repliesFollow',
        label: 'Fediverse replies follow this switch of the article',
      },
    ],
  },
];

export const SITE_GROUPS: Groups = [
  {
    title: 'The site',
    fields: [
      { key: 'description', label: 'Description', hint: 'At most 300 characters.' },
      {
        key: 'logoUrl',
        label: 'Publisher logo',
        hint: 'An absolute http(s) URL or a path on this site, such as /assets/logo.png.',
      },
      { key: 'postsPerPage', label: 'Articles per page in lists' },
    ],
  },
];

export function DiscussionSettingsPage(props: {
  frame: AdminFrame;
  state: SettingsFormState;
  notice?: string;
  message?: string;
}) {
  return (
    <AdminLayout frame={props.frame} title="Discussion settings">
      <p>
        Each article has its own two switches; these are the defaults for new articles and the rules
        for every article. Fediverse blocklists are changed with{' '}
        <code>newsdesk fediverse block</code>.
      </p>
      <SettingsForm action="/admin/settings/discussion" groups={DISCUSSION_GROUPS} {...props} />
    </AdminLayout>
  );
}

export function SiteSettingsPage(props: {
  frame: AdminFrame;
  state: SettingsFormState;
  notice?: string;
  message?: string;
}) {
  return (
    <AdminLayout frame={props.frame} title="Site settings">
      <SettingsForm action="/admin/settings/site" groups={SITE_GROUPS} {...props} />
    </AdminLayout>
  );
}
