/** The theme's stylesheet, served at /assets/site.css with a content hash for caching. */
export const SITE_CSS = `
:root {
  --ink: #1a1a1a; --muted: #5c5c5c; --rule: #d9d4cc; --paper: #fffdf8; --accent: #a4161a;
  --link: #0b4f8a; --serif: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --measure: 40rem;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 112.5%; -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink); font-family: var(--serif);
  line-height: 1.6; text-rendering: optimizeLegibility; font-kerning: normal; }
a { color: var(--link); text-underline-offset: 0.15em; }
a:hover { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible {
  outline: 3px solid #f2b705; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem 1rem; z-index: 10; }
.masthead { border-bottom: 3px double var(--ink); padding: 1.25rem 1rem .75rem; text-align: center; }
.masthead .site-title { font-size: clamp(1.8rem, 5vw, 3rem); font-weight: 700; letter-spacing: -.02em;
  margin: 0; line-height: 1.1; }
.masthead .site-title a { color: inherit; text-decoration: none; }
.masthead .tagline { font-family: var(--sans); font-size: .8rem; text-transform: uppercase;
  letter-spacing: .12em; color: var(--muted); margin: .4rem 0 0; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
.kicker { font-family: var(--sans); font-size: .75rem; font-weight: 600; text-transform: uppercase;
  letter-spacing: .1em; color: var(--accent); margin: 0 0 .35rem; }
.kicker a { color: inherit; text-decoration: none; }
.archive-title { font-family: var(--sans); font-size: .9rem; text-transform: uppercase;
  letter-spacing: .1em; border-bottom: 1px solid var(--rule); padding-bottom: .5rem; color: var(--muted); }
.stories { list-style: none; padding: 0; margin: 0; display: grid; gap: 1.75rem;
  grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); }
.story { border-top: 1px solid var(--rule); padding-top: 1rem; }
.story:first-child { grid-column: 1 / -1; }
.story:first-child h2 { font-size: clamp(1.7rem, 4vw, 2.6rem); }
.story h2 { font-size: 1.35rem; line-height: 1.2; margin: 0 0 .5rem; letter-spacing: -.01em; }
.story h2 a { color: var(--ink); text-decoration: none; }
.story h2 a:hover { text-decoration: underline; }
.story p { margin: 0 0 .5rem; }
.meta { font-family: var(--sans); font-size: .8rem; color: var(--muted); }
.meta a { color: inherit; }
article.h-entry { max-width: var(--measure); margin: 0 auto; }
.headline { font-size: clamp(2rem, 5.5vw, 3.1rem); line-height: 1.1; letter-spacing: -.02em;
  margin: .25rem 0 .75rem; }
.standfirst { font-size: 1.2rem; color: var(--muted); margin: 0 0 1rem; }
.byline { font-family: var(--sans); font-size: .85rem; border-top: 1px solid var(--rule);
  border-bottom: 1px solid var(--rule); padding: .5rem 0; margin-bottom: 1.5rem; color: var(--muted); }
.byline .p-author { color: var(--ink); font-weight: 600; }
.e-content { font-size: 1.05rem; }
.corrections { font-family: var(--sans); font-size: .9rem; border-left: 3px solid var(--rule);
  padding: .25rem 0 .25rem .75rem; margin: 1.5rem 0; }
.corrections p { margin: .25rem 0; }
article.h-entry > .e-content > p:first-of-type::first-letter { float: left; font-size: 3.4em; line-height: .85;
  padding: .08em .08em 0 0; font-weight: 700; }
.e-content img { max-width: 100%; height: auto; }
.featured { margin: 0 0 1.5rem; }
.featured img, .story-image img { display: block; width: 100%; height: auto; background: #eee9df; }
.featured figcaption { font-family: var(--sans); font-size: .8rem; color: var(--muted); margin-top: .4rem; }
.featured .credit { text-transform: uppercase; letter-spacing: .05em; font-size: .7rem; }
.story-image { margin: 0 0 .6rem; }
.e-content blockquote { border-left: 3px solid var(--accent); margin: 1.5rem 0; padding: 0 1rem;
  font-style: italic; }
.e-content pre { overflow-x: auto; background: #f3efe6; padding: .75rem; font-size: .85rem; }
.terms { font-family: var(--sans); font-size: .8rem; margin: 2rem 0; }
.terms p { margin: .25rem 0; }
.terms ul { display: inline; list-style: none; padding: 0; margin: 0; }
.terms li { display: inline; margin-right: .5rem; }
.discussion { max-width: var(--measure); margin: 3rem auto 0; border-top: 3px double var(--ink);
  padding-top: 1rem; font-family: var(--sans); font-size: .95rem; }
.discussion h2 { font-family: var(--serif); font-size: 1.4rem; margin: .5rem 0; }
.discussion h3 { font-size: 1rem; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); }
.discussion-status { font-style: italic; color: var(--muted); }
.comments, .comments ol { list-style: none; padding: 0; margin: 0; }
.comments ol { margin-left: 1.25rem; padding-left: 1rem; border-left: 2px solid var(--rule); }
.comment { margin: 1rem 0; }
.comment .content { font-family: var(--serif); font-size: 1rem; }
.comment header { font-size: .85rem; color: var(--muted); }
.comment header .p-name { color: var(--ink); font-weight: 600; }
.mentions { list-style: none; padding: 0; }
.mentions li { margin: .75rem 0; }
.facepile { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; }
.facepile li { background: #f3efe6; border-radius: 1rem; padding: .15rem .65rem; font-size: .85rem; }
form.comment-form { display: grid; gap: .75rem; margin-top: 1rem; }
form.comment-form label { display: block; font-weight: 600; font-size: .85rem; }
form.comment-form input[type=text], form.comment-form input[type=email], form.comment-form input[type=url],
form.comment-form textarea { width: 100%; font: inherit; padding: .5rem; border: 1px solid #9a958c;
  border-radius: 3px; background: #fff; }
form.comment-form textarea { min-height: 8rem; font-family: var(--serif); }
form.comment-form .error { color: var(--accent); font-size: .85rem; }
form.comment-form button { justify-self: start; font: inherit; font-weight: 600; padding: .5rem 1.25rem;
  background: var(--ink); color: #fff; border: 0; border-radius: 3px; cursor: pointer; }
.hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
.pagination { display: flex; justify-content: space-between; font-family: var(--sans);
  margin-top: 2.5rem; border-top: 1px solid var(--rule); padding-top: 1rem; }
.notice { background: #fff4d6; border: 1px solid #e6c45c; padding: .75rem 1rem; font-family: var(--sans); }
.site-footer { border-top: 1px solid var(--rule); text-align: center; font-family: var(--sans);
  font-size: .8rem; color: var(--muted); padding: 2rem 1rem; }
/* Reader navigation: search box, section menu, footer pages, related articles, search results. */
.search-box, .search-form { font-family: var(--sans); font-size: .85rem; margin: .75rem 0 0; }
.search-box label, .search-form label { position: absolute; left: -10000px; }
.search-box input, .search-form input { font: inherit; padding: .3rem .5rem; width: min(16rem, 60vw); }
.search-box button, .search-form button { font: inherit; padding: .3rem .75rem; }
.sections ul, .footer-pages { list-style: none; padding: 0; margin: .75rem 0 0; display: flex;
  flex-wrap: wrap; justify-content: center; gap: .25rem 1.25rem; font-family: var(--sans);
  font-size: .8rem; font-weight: 600; text-transform: uppercase; letter-spacing: .06em; }
.sections a, .footer-pages a { color: inherit; text-decoration: none; }
.footer-pages { margin: 0 0 1rem; }
.related { border-top: 1px solid var(--rule); margin-top: 2rem; padding-top: 1rem; }
.related h2 { font-size: 1.1rem; font-family: var(--sans); }
.related ul { padding-left: 1.1rem; }
.related time { font-family: var(--sans); font-size: .75rem; color: var(--muted); }
.search-results mark, .snippet mark { background: #fff1a8; color: inherit; }
.error-page { text-align: center; padding: 3rem 0; }
.error-page h1 { font-size: 2.5rem; }
body.admin { font-family: var(--sans); line-height: 1.45; }
body.admin main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
body.admin .site-title { font-size: 1.4rem; margin: 0; }
.admin-nav { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; justify-content: center;
  padding: 0; margin: .5rem 0 0; }
form.inline { display: inline; }
.admin-form p { display: flex; flex-direction: column; max-width: 28rem; gap: .25rem; }
.admin-form input { font: inherit; padding: .4rem .5rem; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0; }
.queue, .audit { border-collapse: collapse; width: 100%; font-size: .9rem; }
.queue th, .queue td, .audit th, .audit td { border-bottom: 1px solid var(--rule); padding: .4rem;
  text-align: left; vertical-align: top; }
.queue td button { margin: 0 .25rem .25rem 0; }
.field-error, .notice.error { color: #8a1010; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.row-links { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: 0; }
.pager { display: flex; gap: 1rem; margin: 1rem 0; }
.queue td.url { overflow-wrap: anywhere; }
.diff-lines { list-style: none; padding: 0; margin: 0 0 1rem; font-family: ui-monospace, monospace;
  font-size: .85rem; white-space: pre-wrap; border: 1px solid var(--rule); }
.diff-lines li { padding: 0 .5rem; min-height: 1.2em; }
.diff-lines .removed { background: #fde8e8; }
.diff-lines .added { background: #e6f4e6; }
.diff-lines del, .fields-diff del { color: #7a1010; }
.diff-lines ins, .fields-diff ins { color: #0d4d16; text-decoration: none; }
.diff-lines .removed::before { content: "− " / ""; }
.diff-lines .added::before { content: "+ " / ""; }
.hunk-head { font-size: .8rem; color: var(--muted); margin: .75rem 0 .25rem; }
@media (max-width: 40rem) { html { font-size: 100%; } .stories { grid-template-columns: 1fr; } }
@media print { .discussion form, .pagination, .masthead .tagline { display: none; } }
`;
