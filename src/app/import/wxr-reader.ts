/**
 * A streaming reader for WordPress exports (WXR 1.0–1.2). Bytes go in chunk by chunk; records
 * (the channel, each author, term and item) come out as soon as their element closes, so memory
 * holds one item at a time whatever the file's size.
 *
 * Hostile input is refused with a WxrFormatError naming what is wrong: a DOCTYPE (so no entity
 * is ever declared, expanded or fetched: billion laughs, XXE), bytes that are not UTF-8 or a
 * declared encoding other than UTF-8, a field or an item over its size limit, a file that is not
 * XML, not a WordPress export, or ends before the export does.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type {
  WxrAuthor,
  WxrChannel,
  WxrComment,
  WxrItem,
  WxrItemTerm,
  WxrMeta,
  WxrRecord,
  WxrTerm,
} from './wxr-records.js';

export class WxrFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WxrFormatError';
  }
}

export interface WxrLimits {
  /** The longest text of one element (a post body), in UTF-16 code units. */
  readonly maxFieldChars: number;
  /** All the text of one item together (its body and every comment). */
  readonly maxItemChars: number;
  /** Elements inside one item (its comments, terms and postmeta). */
  readonly maxItemElements: number;
  readonly maxDepth: number;
}

export const DEFAULT_WXR_LIMITS: WxrLimits = {
  maxFieldChars: 2_000_000,
  maxItemChars: 64_000_000,
  maxItemElements: 500_000,
  maxDepth: 32,
};

type Ns = 'wp' | 'excerpt' | 'content' | 'dc' | '' | 'other';

/** Both spellings seen in the wild: WordPress writes http://, some tools https://. */
const WP_NS = /^https?:\/\/wordpress\.org\/export\/1\.[0-2]\/$/;
const EXCERPT_NS = /^https?:\/\/wordpress\.org\/export\/1\.[0-2]\/excerpt\/$/;
const CONTENT_NS = /^https?:\/\/purl\.org\/rss\/1\.0\/modules\/content\/$/;
const DC_NS = /^https?:\/\/purl\.org\/dc\/elements\/1\.1\/$/;

function nsOf(uri: string): Ns {
  if (uri === '') return '';
  if (WP_NS.test(uri)) return 'wp';
  if (EXCERPT_NS.test(uri)) return 'excerpt';
  if (CONTENT_NS.test(uri)) return 'content';
  if (DC_NS.test(uri)) return 'dc';
  return 'other';
}

const ACCEPTED_ENCODINGS = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);
const SUPPORTED_VERSIONS = new Set(['1.0', '1.1', '1.2']);

/** The encoding an XML declaration at the very start names, if any (read as ASCII). */
function declaredEncoding(head: Uint8Array): string | null {
  const text = new TextDecoder('latin1').decode(head.subarray(0, 300));
  const m = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(
    text,
  );
  return m ? (m[1] ?? '') : null;
}

function refuseByteOrder(head: Uint8Array): void {
  const [a, b] = [head[0], head[1]];
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
    throw new WxrFormatError(
      'the file is UTF-16 (it starts with a UTF-16 byte order mark); WordPress exports are UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)',
    );
  }
  if (a === 0x00 && b === 0x00) {
    throw new WxrFormatError('the file is UTF-32 or binary; WordPress exports are UTF-8');
  }
}

/**
 * An open element. No tree is kept: an element's own text is gathered while it is open and, when
 * it closes, handed to its parent if the parent is one whose children make a record (an entity,
 * an item's comment or postmeta, a comment's commentmeta); every other element's children are
 * dropped as they close. `fields` holds the first text of each child key (what the records read).
 */
interface Frame {
  readonly key: string;
  text: string;
  size: number;
  /** The part this element plays in its record; `leaf` for everything read as text only. */
  readonly role: Role;
  /** `local name → value` of a category's attributes (the only attributes read). */
  readonly attrs: Readonly<Record<string, string>> | null;
  readonly fields: Map<string, string> | null;
  readonly terms: WxrItemTerm[] | null;
  readonly meta: WxrMeta[] | null;
  readonly comments: WxrComment[] | null;
}

type Role = 'leaf' | 'entity' | 'item' | 'comment' | 'meta';

function frame(key: string, role: Role, attrs: Frame['attrs'] = null): Frame {
  const collects = role !== 'leaf';
  return {
    key,
    text: '',
    size: 0,
    role,
    attrs,
    fields: collects ? new Map() : null,
    terms: role === 'item' ? [] : null,
    meta: role === 'item' || role === 'comment' ? [] : null,
    comments: role === 'item' ? [] : null,
  };
}

/** The role a child element plays, from its parent's. */
function roleOf(parent: Role, key: string): Role {
  if (parent === 'item')
    return key === 'wp:comment' ? 'comment' : key === 'wp:postmeta' ? 'meta' : 'leaf';
  if (parent === 'comment') return key === 'wp:commentmeta' ? 'meta' : 'leaf';
  return 'leaf';
}

/** A closed child into its parent's record (its first text per key, and the lists). */
function adopt(parent: Frame, child: Frame): void {
  const fields = parent.fields;
  if (!fields) return;
  const value = child.role === 'leaf' ? child.text.trim() : '';
  if (!fields.has(child.key)) fields.set(child.key, value);
  if (parent.role === 'item') {
    if (child.key === ':category') {
      parent.terms?.push({
        domain: child.attrs?.domain ?? '',
        nicename: child.attrs?.nicename ?? '',
        name: value,
      });
    } else if (child.role === 'meta') parent.meta?.push(metaOf(child));
    else if (child.role === 'comment') parent.comments?.push(toComment(child));
  } else if (parent.role === 'comment' && child.role === 'meta') parent.meta?.push(metaOf(child));
}

/** An element's attributes by local name (the last of a name wins). */
function attrsOf(tag: SaxesTagNS): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const a of Object.values(tag.attributes)) attrs[a.local] = a.value;
  return attrs;
}

const field = (n: Frame, key: string): string => n.fields?.get(key) ?? '';

const metaOf = (n: Frame): WxrMeta => ({
  key: field(n, 'wp:meta_key'),
  value: field(n, 'wp:meta_value'),
});

function toComment(n: Frame): WxrComment {
  return {
    id: field(n, 'wp:comment_id'),
    author: field(n, 'wp:comment_author'),
    authorEmail: field(n, 'wp:comment_author_email'),
    authorUrl: field(n, 'wp:comment_author_url'),
    authorIp: field(n, 'wp:comment_author_IP'),
    date: field(n, 'wp:comment_date'),
    dateGmt: field(n, 'wp:comment_date_gmt'),
    content: field(n, 'wp:comment_content'),
    approved: field(n, 'wp:comment_approved'),
    commentType: field(n, 'wp:comment_type'),
    parent: field(n, 'wp:comment_parent'),
    userId: field(n, 'wp:comment_user_id'),
    meta: n.meta ?? [],
  };
}

function toItem(n: Frame, index: number): WxrItem {
  return {
    type: 'item',
    index,
    title: field(n, ':title'),
    link: field(n, ':link'),
    pubDate: field(n, ':pubDate'),
    creator: field(n, 'dc:creator'),
    guid: field(n, ':guid'),
    description: field(n, ':description'),
    content: field(n, 'content:encoded'),
    excerpt: field(n, 'excerpt:encoded'),
    postId: field(n, 'wp:post_id'),
    postDate: field(n, 'wp:post_date'),
    postDateGmt: field(n, 'wp:post_date_gmt'),
    postModifiedGmt: field(n, 'wp:post_modified_gmt'),
    commentStatus: field(n, 'wp:comment_status'),
    pingStatus: field(n, 'wp:ping_status'),
    postName: field(n, 'wp:post_name'),
    status: field(n, 'wp:status'),
    postParent: field(n, 'wp:post_parent'),
    menuOrder: field(n, 'wp:menu_order'),
    postType: field(n, 'wp:post_type'),
    postPassword: field(n, 'wp:post_password'),
    isSticky: field(n, 'wp:is_sticky'),
    attachmentUrl: field(n, 'wp:attachment_url'),
    terms: n.terms ?? [],
    meta: n.meta ?? [],
    comments: n.comments ?? [],
  };
}

function toAuthor(n: Frame): WxrAuthor {
  return {
    type: 'author',
    id: field(n, 'wp:author_id'),
    login: field(n, 'wp:author_login'),
    email: field(n, 'wp:author_email'),
    displayName: field(n, 'wp:author_display_name'),
    firstName: field(n, 'wp:author_first_name'),
    lastName: field(n, 'wp:author_last_name'),
  };
}

function toTerm(n: Frame, element: WxrTerm['element']): WxrTerm {
  if (element === 'category') {
    return {
      type: 'term',
      element,
      taxonomy: 'category',
      termId: field(n, 'wp:term_id'),
      slug: field(n, 'wp:category_nicename'),
      parent: field(n, 'wp:category_parent'),
      name: field(n, 'wp:cat_name'),
      description: field(n, 'wp:category_description'),
    };
  }
  if (element === 'tag') {
    return {
      type: 'term',
      element,
      taxonomy: 'post_tag',
      termId: field(n, 'wp:term_id'),
      slug: field(n, 'wp:tag_slug'),
      parent: '',
      name: field(n, 'wp:tag_name'),
      description: field(n, 'wp:tag_description'),
    };
  }
  return {
    type: 'term',
    element,
    taxonomy: field(n, 'wp:term_taxonomy'),
    termId: field(n, 'wp:term_id'),
    slug: field(n, 'wp:term_slug'),
    parent: field(n, 'wp:term_parent'),
    name: field(n, 'wp:term_name'),
    description: field(n, 'wp:term_description'),
  };
}

const ENTITIES = new Set(['wp:author', 'wp:category', 'wp:tag', 'wp:term', ':item']);

/**
 * The records of a WXR file, in file order: the channel first (before the first author, term or
 * item), then each author, term and item as it closes. Throws WxrFormatError on bad input.
 */
export async function* readWxr(
  source: AsyncIterable<Uint8Array>,
  limits: WxrLimits = DEFAULT_WXR_LIMITS,
): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const out: WxrRecord[] = [];
  let parseError: string | null = null;
  const stack: Frame[] = [];
  /** Depth of the open elements (rss = 1, channel = 2, entities = 3). */
  let depth = 0;
  let sawRoot = false;
  let closedRoot = false;
  let itemIndex = 0;
  let entity: { node: Frame; chars: number; elements: number } | null = null;
  const channelFields = new Map<string, string>();
  /** nsOf by namespace URI (a file uses a handful, on every element). */
  const namespaces = new Map<string, Ns>();
  let channelSent = false;
  const where = () => `line ${parser.line}, column ${parser.column}`;

  const sendChannel = () => {
    if (channelSent) return;
    channelSent = true;
    const version = channelFields.get('wp:wxr_version') ?? '';
    if (!version) {
      throw new WxrFormatError(
        'not a WordPress export: the channel has no <wp:wxr_version> before its first author, term or item',
      );
    }
    if (!SUPPORTED_VERSIONS.has(version)) {
      throw new WxrFormatError(`unsupported WXR version ${version} (1.0, 1.1 and 1.2 are read)`);
    }
    const channel: WxrChannel = {
      type: 'channel',
      title: channelFields.get(':title') ?? '',
      link: channelFields.get(':link') ?? '',
      description: channelFields.get(':description') ?? '',
      language: channelFields.get(':language') ?? '',
      wxrVersion: version,
      baseSiteUrl: channelFields.get('wp:base_site_url') ?? '',
      baseBlogUrl: channelFields.get('wp:base_blog_url') ?? '',
    };
    out.push(channel);
  };

  const addText = (t: string) => {
    const node = stack[stack.length - 1];
    if (!node || depth < 3) return;
    node.text += t;
    node.size += t.length;
    if (node.size > limits.maxFieldChars) {
      throw new WxrFormatError(
        `the element <${node.key.replace(/^:/, '')}> at ${where()} is longer than ${limits.maxFieldChars} characters`,
      );
    }
    if (entity) {
      entity.chars += t.length;
      if (entity.chars > limits.maxItemChars) {
        throw new WxrFormatError(
          `the <${entity.node.key.replace(/^:/, '')}> ending at ${where()} holds more than ${limits.maxItemChars} characters`,
        );
      }
    }
  };

  parser.on('error', (e) => {
    parseError ??= e.message;
  });
  parser.on('doctype', () => {
    throw new WxrFormatError(
      `the file has a DOCTYPE (${where()}); WordPress exports have none, and entity declarations are refused so that nothing is expanded or fetched`,
    );
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth++;
    if (depth > limits.maxDepth) {
      throw new WxrFormatError(
        `elements are nested more than ${limits.maxDepth} deep (${where()})`,
      );
    }
    let ns = namespaces.get(tag.uri);
    if (ns === undefined) namespaces.set(tag.uri, (ns = nsOf(tag.uri)));
    const key = `${ns}:${tag.local}`;
    if (depth === 1) {
      sawRoot = true;
      if (key !== ':rss') {
        throw new WxrFormatError(
          `not a WordPress export: the root element is <${tag.name}>, expected <rss>`,
        );
      }
      return;
    }
    if (depth === 2) {
      if (key !== ':channel') {
        throw new WxrFormatError(
          `not a WordPress export: <rss> holds <${tag.name}>, expected <channel>`,
        );
      }
      return;
    }
    let node: Frame;
    if (depth === 3) {
      const isEntity = ENTITIES.has(key);
      node = frame(key, !isEntity ? 'leaf' : key === ':item' ? 'item' : 'entity');
      if (isEntity) {
        sendChannel();
        entity = { node, chars: 0, elements: 0 };
      }
    } else {
      const parent = stack[stack.length - 1];
      const role = parent ? roleOf(parent.role, key) : 'leaf';
      node = frame(key, role, parent?.role === 'item' && key === ':category' ? attrsOf(tag) : null);
      if (entity) {
        entity.elements++;
        if (entity.elements > limits.maxItemElements) {
          throw new WxrFormatError(
            `an item holds more than ${limits.maxItemElements} elements (${where()})`,
          );
        }
      }
    }
    stack.push(node);
  });
  parser.on('closetag', () => {
    const d = depth--;
    if (d === 1) {
      closedRoot = true;
      return;
    }
    if (d === 2) {
      sendChannel();
      return;
    }
    const node = stack.pop();
    if (!node) return;
    if (d !== 3) {
      // Children of a channel field are dropped (their parent is a leaf).
      const parent = stack[stack.length - 1];
      if (parent) adopt(parent, node);
      return;
    }
    if (!entity) {
      if (!channelFields.has(node.key)) channelFields.set(node.key, node.text.trim());
      return;
    }
    entity = null;
    if (node.key === ':item') out.push(toItem(node, ++itemIndex));
    else if (node.key === 'wp:author') out.push(toAuthor(node));
    else if (node.key === 'wp:category') out.push(toTerm(node, 'category'));
    else if (node.key === 'wp:tag') out.push(toTerm(node, 'tag'));
    else out.push(toTerm(node, 'term'));
  });
  parser.on('text', addText);
  parser.on('cdata', addText);

  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  let declared: string | null = null;
  const check = () => {
    if (parseError !== null) throw new WxrFormatError(`not well-formed XML: ${parseError}`);
  };
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    if (bytes === 0) {
      refuseByteOrder(chunk);
      declared = declaredEncoding(chunk);
      if (declared !== null && !ACCEPTED_ENCODINGS.has(declared.toLowerCase())) {
        throw new WxrFormatError(
          `the file declares encoding ${declared}; WordPress exports are UTF-8: convert it first (iconv -f ${declared} -t UTF-8)`,
        );
      }
    }
    const start = bytes;
    bytes += chunk.length;
    let decoded: string;
    try {
      decoded = decoder.decode(chunk, { stream: true });
    } catch {
      throw new WxrFormatError(
        `the file is not valid UTF-8 (bad bytes between offsets ${start} and ${bytes})${declared ? ` although it declares ${declared}` : ''}; convert it first (iconv -f ISO-8859-1 -t UTF-8, say)`,
      );
    }
    parser.write(decoded);
    check();
    yield* out.splice(0, out.length);
  }
  if (bytes === 0) throw new WxrFormatError('the file is empty');
  try {
    parser.write(decoder.decode());
  } catch {
    throw new WxrFormatError('the file is not valid UTF-8: it ends inside a character');
  }
  check();
  parser.close();
  if (!sawRoot) throw new WxrFormatError('not XML: the file holds no element at all');
  if (parseError !== null && !closedRoot) {
    throw new WxrFormatError(`the file ends before the export does (truncated?): ${parseError}`);
  }
  check();
  if (!closedRoot) throw new WxrFormatError('the file ends before the export does (truncated?)');
  yield* out.splice(0, out.length);
}
