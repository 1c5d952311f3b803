/**
 * Writes a synthetic WordPress export (WXR 1.2) of `posts` posts with `commentsPerPost` comments
 * each (every tenth a reply, every twentieth a pingback), streamed to a file so the generator's
 * memory stays flat. Used by the WXR benchmark and by the interrupted-import test.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface GeneratedWxr {
  readonly posts: number;
  readonly comments: number;
  readonly bytes: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function wpDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export async function generateWxr(
  file: string,
  opts: { posts: number; commentsPerPost: number },
): Promise<GeneratedWxr> {
  const out = createWriteStream(file);
  let bytes = 0;
  let comments = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Generated</title><link>https://generated.example</link><description></description>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://generated.example</wp:base_site_url><wp:base_blog_url>https://generated.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[reporter]]></wp:author_login><wp:author_email><![CDATA[reporter@generated.example]]></wp:author_email><wp:author_display_name><![CDATA[A Reporter]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename><![CDATA[news]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename><![CDATA[local]]></wp:category_nicename><wp:category_parent><![CDATA[news]]></wp:category_parent><wp:cat_name><![CDATA[Local]]></wp:cat_name></wp:category>
`);
  const start = Date.UTC(2015, 0, 1);
  let commentId = 1;
  for (let i = 1; i <= opts.posts; i++) {
    const t = start + i * 3_600_000;
    let item = `<item><title><![CDATA[Story number ${i}]]></title><link>https://generated.example/?p=${i}</link><dc:creator><![CDATA[reporter]]></dc:creator><guid isPermaLink="false">https://generated.example/?p=${i}</guid>
<content:encoded><![CDATA[<!-- wp:paragraph -->
<p>Paragraph one of story ${i}, with <a href="https://elsewhere.example/${i % 97}/">a link</a>.</p>
<!-- /wp:paragraph -->

Second paragraph of story ${i} without tags, autop'd on import.]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${i}</wp:post_id><wp:post_date><![CDATA[${wpDate(t)}]]></wp:post_date><wp:post_date_gmt><![CDATA[${wpDate(t)}]]></wp:post_date_gmt><wp:comment_status><![CDATA[open]]></wp:comment_status><wp:ping_status><![CDATA[open]]></wp:ping_status><wp:post_name><![CDATA[story-number-${i}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type><wp:post_password><![CDATA[]]></wp:post_password><wp:is_sticky>0</wp:is_sticky>
<category domain="category" nicename="local"><![CDATA[Local]]></category><category domain="post_tag" nicename="tag-${i % 50}"><![CDATA[Tag ${i % 50}]]></category>
`;
    for (let c = 0; c < opts.commentsPerPost; c++, commentId++, comments++) {
      const ping = commentId % 20 === 0;
      const parent = !ping && c > 0 && commentId % 10 === 0 ? commentId - 1 : 0;
      item += `<wp:comment><wp:comment_id>${commentId}</wp:comment_id><wp:comment_author><![CDATA[Reader ${commentId}]]></wp:comment_author><wp:comment_author_email><![CDATA[${ping ? '' : `reader${commentId % 1000}@mail.example`}]]></wp:comment_author_email><wp:comment_author_url>${ping ? `https://blog${commentId}.example/post/` : ''}</wp:comment_author_url><wp:comment_author_IP><![CDATA[192.0.2.${commentId % 250}]]></wp:comment_author_IP><wp:comment_date><![CDATA[${wpDate(t + c * 60_000)}]]></wp:comment_date><wp:comment_date_gmt><![CDATA[${wpDate(t + c * 60_000)}]]></wp:comment_date_gmt><wp:comment_content><![CDATA[${ping ? '[&#8230;] a mention [&#8230;]' : `Comment ${commentId} on story ${i}.`}]]></wp:comment_content><wp:comment_approved><![CDATA[${commentId % 7 === 0 ? '0' : '1'}]]></wp:comment_approved><wp:comment_type><![CDATA[${ping ? 'pingback' : 'comment'}]]></wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>
`;
    }
    await write(`${item}</item>\n`);
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
  return { posts: opts.posts, comments, bytes };
}
