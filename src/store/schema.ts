import type { Generated } from 'kysely';

/**
 * Table shapes as Kysely sees them. Timestamps are UTC ISO-8601 strings (`2026-01-31T09:00:00.000Z`)
 * in both dialects, so ordering and comparison are lexical and one query path serves both; booleans
 * are 0/1 integers for the same reason.
 */
export interface Database {
  /** Fedify's key–value store (0018-fediverse): JSON key, JSON value, optional expiry. */
  fediverse_kv: { key: string; value: string; expires_at: string | null };
  settings: { key: string; value: string };
  content_version: { id: number; version: string | number };
  /** One row per (source, target) pair while its repeat window lasts (ISO-8601 UTC end). */
  linkback_pair_throttle: { pair_key: string; expires_at: string };
  users: {
    id: Generated<number>;
    email: string;
    name: string;
    slug: string;
    role: string;
    password_hash: string | null;
    bio: string;
    url: string | null;
    created_at: string;
  };
  articles: {
    id: Generated<number>;
    slug: string;
    title: string;
    body_source: string;
    body_html: string;
    excerpt: string;
    status: string;
    published_at: string | null;
    created_at: string;
    updated_at: string;
    deleted_at: string | null;
    author_id: number;
    comments_open: number;
    comments_close_at: string | null;
    linkbacks_open: number;
    linkbacks_close_at: string | null;
    trackback_to: string;
    kind: Generated<string>;
    standfirst: Generated<string>;
    unpublish_at: string | null;
    withdrawn_at: string | null;
    linkbacks_send: Generated<number>;
    /** The featured image (media library row), if any (0009-media). */
    featured_media_id: Generated<number | null>;
  };
  article_revisions: {
    id: Generated<number>;
    article_id: number;
    title: string;
    body_source: string;
    excerpt: string;
    editor_id: number | null;
    created_at: string;
    snapshot: Generated<string>;
    changed: Generated<string>;
    reason: Generated<string>;
  };
  article_authors: {
    article_id: number;
    user_id: number;
    position: number;
  };
  article_corrections: {
    id: Generated<number>;
    article_id: number;
    kind: string;
    note: string;
    editor_id: number | null;
    created_at: string;
  };
  sessions: {
    token_hash: string;
    user_id: number;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
    ip: string | null;
    user_agent: string | null;
  };
  setup_tokens: {
    token_hash: string;
    created_at: string;
    expires_at: string;
  };
  audit_log: {
    id: Generated<number>;
    actor_id: number | null;
    actor: string;
    action: string;
    subject: string | null;
    detail: Generated<string>;
    ip: string | null;
    created_at: string;
  };
  article_events: {
    id: Generated<number>;
    article_id: number;
    type: string;
    actor_id: number | null;
    detail: Generated<string>;
    created_at: string;
  };
  /** The search index's original text (0010); PostgreSQL adds a `document` tsvector. */
  search_documents: { article_id: number; published_at: string };
  /** The original title and plain text of each search entry, for snippets (0010). */
  search_texts: { article_id: number; title: string; body_text: string };
  terms: {
    id: Generated<number>;
    kind: string;
    name: string;
    slug: string;
    parent_id: number | null;
    description: string;
  };
  article_terms: { article_id: number; term_id: number };
  slug_history: {
    id: Generated<number>;
    article_id: number;
    old_path: string;
    created_at: string;
  };
  discussion_items: {
    id: Generated<number>;
    article_id: number;
    kind: string;
    protocol: string | null;
    type: string;
    status: string;
    parent_id: number | null;
    author_name: string;
    author_url: string | null;
    author_email: string | null;
    author_photo: string | null;
    author_ip: string | null;
    author_user_agent: string | null;
    source_url: string | null;
    source_key: string | null;
    target_url: string | null;
    title: string | null;
    content_html: string;
    content_source: string | null;
    verification: string;
    verification_error: string | null;
    raw_mf2: string | null;
    created_at: string;
    updated_at: string;
    published_at: string | null;
    verified_at: string | null;
    source_missing_since: Generated<string | null>;
    object_id: Generated<string | null>;
    actor_id: Generated<string | null>;
    actor_handle: Generated<string | null>;
  };
  moderation_events: {
    id: Generated<number>;
    item_id: number;
    actor: string;
    from_status: string;
    to_status: string;
    reason: string | null;
    created_at: string;
  };
  outbound_linkbacks: {
    id: Generated<number>;
    article_id: number;
    target_url: string;
    protocol: string | null;
    endpoint: string | null;
    status: string;
    attempts: number;
    last_error: string | null;
    status_url: string | null;
    created_at: string;
    updated_at: string;
    kind: Generated<string>;
    http_status: number | null;
    next_attempt_at: string | null;
    content_hash: string | null;
    linked: Generated<number>;
    round: Generated<number>;
    sent_at: string | null;
  };
  jobs: {
    id: Generated<number>;
    task: string;
    payload: string;
    status: string;
    run_at: string;
    attempts: number;
    max_attempts: number;
    dedupe_key: string | null;
    locked_by: string | null;
    locked_until: string | null;
    last_error: string | null;
    created_at: string;
    updated_at: string;
  };
  /** Webhooks (0017-webhooks): the hooks, their deliveries, and each attempt at one. */
  webhooks: {
    id: Generated<number>;
    url: string;
    events: string;
    secret: string;
    description: Generated<string>;
    enabled: Generated<number>;
    disabled_reason: string | null;
    consecutive_failures: Generated<number>;
    failing_since: string | null;
    created_at: string;
    removed_at: string | null;
  };
  webhook_deliveries: {
    id: Generated<number>;
    delivery_id: string;
    hook_id: number;
    event: string;
    payload: string;
    state: string;
    attempts: Generated<number>;
    http_status: number | null;
    duration_ms: number | null;
    last_error: string | null;
    next_attempt_at: string | null;
    redelivery_of: number | null;
    created_at: string;
    updated_at: string;
  };
  webhook_attempts: {
    id: Generated<number>;
    delivery_row: number;
    attempt: number;
    http_status: number | null;
    duration_ms: number;
    error: string | null;
    at: string;
  };
  outbox: {
    id: Generated<number>;
    recipient: string;
    subject: string;
    body: string;
    status: string;
    created_at: string;
    sent_at: string | null;
    last_error: string | null;
  };
  import_map: {
    id: Generated<number>;
    source: string;
    kind: string;
    source_id: string;
    target_id: number;
    note: Generated<string>;
    created_at: string;
  };
  import_attachments: {
    id: Generated<number>;
    source: string;
    wp_post_id: string;
    article_id: number | null;
    url: string;
    file: Generated<string>;
    title: Generated<string>;
    alt: Generated<string>;
    caption: Generated<string>;
    media_id: number | null;
    media_url: string | null;
    created_at: string;
  };
  /** The media library (0009-media): one row per uploaded image; files are in media storage. */
  media: {
    id: Generated<number>;
    hash: string;
    sha256: string;
    format: string;
    width: number;
    height: number;
    bytes: number;
    animated: number;
    has_alpha: number;
    alt: string;
    caption: string;
    credit: string;
    original_name: string;
    created_at: string;
    variants_ready_at: string | null;
  };
  /** Library images an article's body shows, with the alt text its Markdown gave them. */
  article_media: { article_id: number; media_id: number; alt: string };
  /** Bumped by triggers on every visible change to an article's discussion (0022). */
  discussion_revisions: { article_id: number; revision: string | number };
  /** Bumped by triggers on every change to an article page's own rows (0027). */
  article_page_revisions: { article_id: number; revision: string | number };
  /** Likes and Announces from the fediverse: counts and faces under an article (0019). */
  fediverse_reactions: {
    id: Generated<number>;
    article_id: number;
    kind: string;
    activity_id: string;
    actor_id: string;
    actor_host: string;
    actor_handle: string;
    actor_name: string | null;
    profile_url: string;
    icon_url: string | null;
    created_at: string;
  };
  /** Scoped API tokens (0016): the SHA-256 of each token, never the token. */
  api_tokens: {
    id: Generated<number>;
    user_id: number;
    name: string;
    scopes: string;
    token_hash: string;
    created_at: string;
    expires_at: string;
    revoked_at: string | null;
    last_used_at: string | null;
  };
  /** The editor's autosaves and presence, one row per article and user (0026). */
  article_autosaves: {
    article_id: number;
    user_id: number;
    fields: string | null;
    revision: number | null;
    saved_at: string | null;
    seen_at: string;
  };
}
