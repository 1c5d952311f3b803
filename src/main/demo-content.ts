import { createArticle } from '../app/articles/create-article.js';
import { createPage } from '../app/articles/pages.js';
import type { AppDeps } from '../app/deps.js';
import { addUser } from '../app/users/add-user.js';
import { renderVisitorMarkdown } from '../render/markdown.js';

const DAY = 86_400_000;

interface DemoArticle {
  title: string;
  author: 0 | 1;
  daysAgo: number;
  categories: string[];
  tags: string[];
  comments: boolean;
  linkbacks: boolean;
  body: string;
  discussion?: { name: string; text: string; replyTo?: number }[];
}

const AUTHORS = [
  { email: 'ines.moreau@example.org', name: 'Inès Moreau', bio: 'Covers city hall and transport.' },
  { email: 'tom.okafor@example.org', name: 'Tom Okafor', bio: 'Science and technology desk.' },
];

const ARTICLES: DemoArticle[] = [
  {
    title: 'Night buses return to the river line after a two-year pause',
    author: 0,
    daysAgo: 1,
    categories: ['City', 'City/Transport'],
    tags: ['buses', 'night economy'],
    comments: true,
    linkbacks: true,
    body: `From Friday, the N14 will again run every twenty minutes between midnight and five, the transport committee confirmed on Tuesday evening.

The route was cut during the driver shortage. Since then, bar and hospital staff have described walks of forty minutes or more after late shifts. *"It is the difference between getting home and not,"* said one ward nurse who spoke at the hearing.

## What changes

- Buses every **20 minutes** from 00:00 to 05:00, Thursday to Sunday.
- Every 30 minutes on other nights.
- A trial of real-time arrival boards at six stops.

The committee will review ridership in March.`,
    discussion: [
      { name: 'Priya', text: 'Finally. The walk from the hospital at 2am was grim.' },
      { name: 'Marc D.', text: 'Will the boards show the night service too?', replyTo: 0 },
      {
        name: 'Inès Moreau',
        text: 'Yes: the committee said all six boards will cover the N14.',
        replyTo: 1,
      },
    ],
  },
  {
    title: 'Why the council’s budget vote was delayed, explained',
    author: 0,
    daysAgo: 3,
    categories: ['City'],
    tags: ['budget', 'council'],
    comments: false,
    linkbacks: true,
    body: `The vote on next year’s budget moved to January after two amendments arrived late on Monday. Here is what they would do and why the timing matters.

The first amendment moves funds from road resurfacing to school repairs. The second caps consultancy spending. Both need a legal review before a vote, and the review takes at least ten working days.

> A budget passed without that review could be challenged in court, the council’s solicitor warned.

Comments on this explainer are closed while the amendments are under legal review, but other sites may still link to it: trackbacks, pingbacks and webmentions remain open.`,
  },
  {
    title: 'A small telescope caught the comet before the observatories did',
    author: 1,
    daysAgo: 5,
    categories: ['Science'],
    tags: ['astronomy', 'citizen science'],
    comments: true,
    linkbacks: true,
    body: `An amateur astronomer on the coast logged the faint smudge on three nights before any professional survey reported it.

Her 20 cm reflector and a borrowed camera were enough. The discovery was confirmed by two observatories within a day, and the comet now carries her name.

Amateurs still find comets, because they look at the parts of the sky the big surveys skip: close to the Sun, low on the horizon, at dusk.`,
    discussion: [
      { name: 'Jonas', text: 'Wonderful story. What software did she use to stack the frames?' },
    ],
  },
  {
    title: 'Library opening hours extended on weekdays',
    author: 0,
    daysAgo: 8,
    categories: ['City'],
    tags: ['libraries'],
    comments: true,
    linkbacks: false,
    body: `The central library will stay open until 9pm Monday to Thursday from next month, funded by a grant for study spaces.

Branch libraries keep their current hours for now.`,
  },
  {
    title: 'What a heat pump really costs to run in a terraced house',
    author: 1,
    daysAgo: 12,
    categories: ['Science', 'Science/Energy'],
    tags: ['energy', 'housing'],
    comments: true,
    linkbacks: true,
    body: `We followed three households through a winter with new heat pumps and compared their bills with the gas boilers they replaced.

| Household | Gas (last winter) | Heat pump (this winter) |
| --- | --- | --- |
| Two adults, 1900s terrace | £1,140 | £960 |
| Family of four, 1930s semi | £1,510 | £1,420 |
| Single occupant, flat | £620 | £590 |

Insulation mattered more than the model of pump. The 1900s terrace had its loft and floor insulated first.`,
  },
  {
    title: 'Market traders vote to keep the Sunday flea market',
    author: 0,
    daysAgo: 20,
    categories: ['City'],
    tags: ['markets'],
    comments: false,
    linkbacks: false,
    body: `Traders voted 41 to 9 to keep the Sunday flea market in the old square rather than move it to the car park by the station.

The council had proposed the move to free the square for events.`,
  },
];

const PAGES = [
  {
    title: 'About us',
    slug: 'about',
    body: `We are a small newsroom covering the city: its council, its transport, its science and the people who make it work.

Our reporters are named on every story. Write to the desk at newsroom@example.org.`,
  },
  {
    title: 'Corrections policy',
    slug: 'corrections-policy',
    body: `When we get something wrong, we say so on the story itself: a dated note explains what was wrong and what is right now.

Small fixes that change no meaning (a typo, a broken link) are made without a note. Every change is kept in the story's history.

To report an error, write to corrections@example.org with the story's address.`,
  },
];

/**
 * Writes sample content into an empty database, once. Returns false (and writes nothing) when the
 * database already has users or articles.
 */
export async function seedDemoContent(deps: AppDeps): Promise<boolean> {
  if ((await deps.repos.users.count()) > 0 || (await deps.repos.articles.count()) > 0) return false;
  const now = deps.clock();
  const authors = [];
  for (const [i, a] of AUTHORS.entries()) {
    const created = await addUser(deps, { ...a, role: 'author' });
    // Another process starting on the same empty database got there first: it seeds, we don't.
    if (!created.ok && i === 0 && created.error.code === 'conflict') return false;
    if (!created.ok) throw new Error(`demo author: ${created.error.message}`);
    authors.push(created.value);
  }
  for (const d of [...ARTICLES].reverse()) {
    const author = authors[d.author];
    if (!author) continue;
    const publishedAt = new Date(now.getTime() - d.daysAgo * DAY);
    const created = await createArticle(deps, {
      title: d.title,
      bodyMarkdown: d.body,
      authorId: author.id,
      categories: d.categories,
      tags: d.tags,
      publish: { kind: 'now' },
      publishedAt,
      comments: d.comments,
      linkbacks: d.linkbacks,
    });
    if (!created.ok) throw new Error(`demo article: ${created.error.message}`);
    const ids: number[] = [];
    for (const [i, c] of (d.discussion ?? []).entries()) {
      const item = await deps.repos.discussion.insert(
        {
          articleId: created.value.article.id,
          kind: 'comment',
          protocol: null,
          type: 'comment',
          status: 'approved',
          parentId: c.replyTo !== undefined ? (ids[c.replyTo] ?? null) : null,
          authorName: c.name,
          authorUrl: null,
          authorEmail: null,
          authorIp: null,
          authorUserAgent: null,
          sourceUrl: null,
          sourceKey: null,
          targetUrl: null,
          title: null,
          contentHtml: renderVisitorMarkdown(c.text),
          contentSource: c.text,
          verification: 'not-required',
        },
        new Date(publishedAt.getTime() + (i + 1) * 3_600_000),
      );
      ids.push(item.id);
    }
  }
  const [editor] = authors;
  for (const p of editor ? PAGES : []) {
    const created = await createPage(deps, {
      title: p.title,
      slug: p.slug,
      bodyMarkdown: p.body,
      authorId: editor?.id ?? 0,
      publish: true,
      publishedAt: new Date(now.getTime() - 30 * DAY),
    });
    if (!created.ok) throw new Error(`demo page: ${created.error.message}`);
  }
  return true;
}
