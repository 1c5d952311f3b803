/**
 * Checking what the site publishes for machines: strict XML (saxes, namespaces on, every error
 * fatal) and Debian's python3-feedparser as a second, independent feed parser.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SaxesParser } from 'saxes';

/** Throws on the first well-formedness or namespace error; returns the root element's name. */
export function strictXml(xml: string): string {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let root = '';
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (t) => {
    if (!root) root = t.name;
  });
  parser.write(xml).close();
  return root;
}

/** Debian's feedparser (the system python, not a pyenv one), or null with a notice when absent. */
const PYTHON = '/usr/bin/python3';
let feedparserPresent: boolean | null = null;

export function hasFeedparser(): boolean {
  if (feedparserPresent === null) {
    feedparserPresent =
      existsSync(PYTHON) &&
      spawnSync(PYTHON, ['-c', 'import feedparser'], { encoding: 'utf8' }).status === 0;
    if (!feedparserPresent) {
      console.warn(
        '[newsdesk] feedparser cross-checks skipped: /usr/bin/python3 has no feedparser',
      );
    }
  }
  return feedparserPresent;
}

export interface ParsedByFeedparser {
  readonly bozo: number;
  readonly bozo_exception: string | null;
  readonly version: string;
  readonly title: string;
  readonly entries: readonly {
    readonly id: string;
    readonly title: string;
    readonly link: string;
    readonly authors: readonly string[];
    readonly tags: readonly string[];
    readonly comments: string | null;
    readonly wfw_commentrss: string | null;
    readonly slash_comments: string | null;
    readonly thr_total: string | null;
    readonly content: string;
    readonly updated: string | null;
  }[];
}

const SCRIPT = `
import json, sys, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
out = {
  "bozo": int(d.get("bozo", 0)),
  "bozo_exception": str(d.get("bozo_exception")) if d.get("bozo") else None,
  "version": d.get("version", ""),
  "title": d.feed.get("title", ""),
  "entries": [
    {
      "id": e.get("id", ""),
      "title": e.get("title", ""),
      "link": e.get("link", ""),
      "authors": [a.get("name", "") for a in e.get("authors", [])],
      "tags": [t.get("term", "") for t in e.get("tags", [])],
      "comments": e.get("comments"),
      "wfw_commentrss": e.get("wfw_commentrss"),
      "slash_comments": e.get("slash_comments"),
      "thr_total": e.get("thr_total"),
      "content": (e.get("content") or [{"value": e.get("summary", "")}])[0]["value"],
      "updated": e.get("updated"),
    }
    for e in d.entries
  ],
}
print(json.dumps(out))
`;

export function feedparser(body: string): ParsedByFeedparser {
  const r = spawnSync(PYTHON, ['-c', SCRIPT], { input: body, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`feedparser failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ParsedByFeedparser;
}
