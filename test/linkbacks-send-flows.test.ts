/**
 * Sending linkbacks end to end, on both dialects: an article event queues the plan, the real
 * worker runs it and the per-target jobs, and real HTTP servers on 127.0.0.1 receive. W3C
 * Webmention §3.1.4 (updates: new links, and removed ones, are notified) and §3.1.5 (deletes:
 * every target once more), Pingback 1.0 (the fallback, as WordPress's receiver reads it),
 * TrackBack 1.2 (only to URLs the editor lists).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { updateSiteSettings } from '../src/app/site-settings.js';
import { startHttpServer } from '../src/main/server.js';
import { describeEachDialect } from './support/dialects.js';
import {
  pythonForm,
  pythonXmlRpc,
  startPeer,
  webmentionPage,
  xmlRpcFault,
  xmlRpcSuccess,
  type Peer,
} from './support/peer-kit.js';
import { SITE, startSendDesk, type SendDesk } from './support/send-kit.js';

describeEachDialect('sending linkbacks', (dialect) => {
  let desk: SendDesk;
  let peer: Peer;

  beforeEach(async () => {
    peer = await startPeer();
    desk = await startSendDesk(dialect);
  });
  afterEach(async () => {
    await desk.close();
    await peer.close();
  });

  const receivedTargets = (endpointPath: string) =>
    peer.requests(endpointPath, 'POST').map((r) => new URLSearchParams(r.body).get('target'));

  it('C55 C56 an edit notifies new links and removed ones, and nothing again for unchanged content', async () => {
    const endpoint = peer.route('/wm', { status: 202 });
    const a = peer.route('/a', webmentionPage(endpoint));
    const b = peer.route('/b', webmentionPage(endpoint));
    const c = peer.route('/c', webmentionPage(endpoint));
    const { article } = await desk.publish(`See [A](${a}) and [B](${b}).`);
    await desk.settle();
    expect(receivedTargets('/wm').sort()).toEqual([a, b]);

    await desk.edit(article.id, `See [A](${a}) and now [C](${c}).`);
    await desk.settle();
    // A again (its source changed), B once more (removed), C for the first time.
    expect(receivedTargets('/wm').slice(2).sort()).toEqual([a, b, c]);

    await desk.edit(article.id, `See [A](${a}) and now [C](${c}).`);
    await desk.settle();
    expect(receivedTargets('/wm')).toHaveLength(5);

    await desk.edit(article.id, `See [A](${a}) and now [C](${c}), corrected.`);
    await desk.settle();
    // B was told of its removal already; it is not told again.
    expect(receivedTargets('/wm').slice(5).sort()).toEqual([a, c]);
    const ledger = await desk.ledger(article.id);
    expect(ledger.map((r) => [r.targetUrl, r.status, r.linked])).toEqual([
      [a, 'sent', true],
      [b, 'sent', false],
      [c, 'sent', true],
    ]);
  });

  it('C54 deleting notifies every linked target once more, and only once', async () => {
    const endpoint = peer.route('/wm', { status: 202 });
    const a = peer.route('/a', webmentionPage(endpoint));
    const b = peer.route('/b', webmentionPage(endpoint));
    const { article, url } = await desk.publish(`[A](${a}) [B](${b})`);
    await desk.settle();
    const site = await startHttpServer(desk.rt, '127.0.0.1', 0);
    const path = new URL(url).pathname;
    try {
      expect((await fetch(`${site.url}${path}`)).status).toBe(200);
      await desk.remove(article.id);
      await desk.settle();
      // What a receiver finds when it re-reads the source: 410 Gone (W3C Webmention §3.1.5).
      expect((await fetch(`${site.url}${path}`)).status).toBe(410);
    } finally {
      await site.close();
    }
    const posts = peer.requests('/wm', 'POST');
    expect(posts).toHaveLength(4);
    expect(posts.slice(2).map((p) => new URLSearchParams(p.body).get('source'))).toEqual([
      url,
      url,
    ]);
    expect((await desk.ledger(article.id)).every((r) => r.status === 'sent' && !r.linked)).toBe(
      true,
    );
    // A second delete event (nothing changed) sends nothing more.
    await desk.remove(article.id);
    await desk.settle();
    expect(peer.requests('/wm', 'POST')).toHaveLength(4);
  });

  it('H100 unpublishing (back to draft) notifies every target, as a deletion does', async () => {
    const endpoint = peer.route('/wm', { status: 202 });
    const a = peer.route('/a', webmentionPage(endpoint));
    const { article } = await desk.publish(`[A](${a})`);
    await desk.settle();
    await desk.withdraw(article.id);
    await desk.settle();
    expect(receivedTargets('/wm')).toEqual([a, a]);
  });

  it('D57 D58 falls back to Pingback: X-Pingback beats the <link>, entities decoded, a body Python’s xmlrpc.client reads as two strings', async () => {
    const rpc = peer.route('/xmlrpc.php', xmlRpcSuccess('Pingback registered.'));
    peer.route('/other.php', xmlRpcSuccess('wrong server'));
    const viaHeader = peer.route('/post/1', {
      headers: { 'X-Pingback': rpc },
      body: `<link rel="pingback" href="${peer.origin}/other.php">`,
    });
    const viaLink = peer.route('/post/2', {
      body: `<html><head><link rel="pingback" href="/xmlrpc.php?a=1&amp;b=2" /></head></html>`,
    });
    const { url } = await desk.publish(`[one](${viaHeader}) and [two](${viaLink})`);
    await desk.settle();
    expect(peer.requests('/other.php')).toEqual([]);
    const calls = peer.requests('/xmlrpc.php', 'POST');
    expect(calls.map((c) => c.url).sort()).toEqual(['/xmlrpc.php', '/xmlrpc.php?a=1&b=2']);
    for (const call of calls) {
      expect(call.headers['content-type']).toBe('text/xml');
      expect(call.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<methodCall>/);
      expect((call.body.match(/<value><string>/g) ?? []).length).toBe(2);
      const parsed = pythonXmlRpc(call.body);
      expect(parsed.method).toBe('pingback.ping');
      expect(parsed.params[0]).toBe(url);
    }
    expect(calls.map((c) => pythonXmlRpc(c.body).params[1]).sort()).toEqual([viaHeader, viaLink]);
  });

  it('D59 D60 a page with neither endpoint is left alone; fault 48 counts as sent, fault 17 is final', async () => {
    const plain = peer.route('/plain', { body: '<p>no endpoints</p>' });
    const rpc48 = peer.route(
      '/rpc48',
      xmlRpcFault(48, 'The pingback has already been registered.'),
    );
    const rpc17 = peer.route('/rpc17', xmlRpcFault(17, 'no link'));
    const p48 = peer.route('/p48', { headers: { 'X-Pingback': rpc48 }, body: '' });
    const p17 = peer.route('/p17', { headers: { 'X-Pingback': rpc17 }, body: '' });
    const { article } = await desk.publish(`[x](${plain}) [y](${p48}) [z](${p17})`);
    await desk.settle();
    const ledger = await desk.ledger(article.id);
    expect(ledger.map((r) => [r.targetUrl, r.status, r.protocol, r.lastError])).toEqual([
      [plain, 'no_endpoint', null, null],
      [p48, 'sent', 'pingback', 'fault_48_already_registered'],
      [p17, 'failed', 'pingback', 'fault_17'],
    ]);
    expect(peer.requests('/rpc48')).toHaveLength(1);
    expect(peer.requests('/rpc17')).toHaveLength(1);
  });

  it('H101 a Pingback is not repeated on an edit, and nothing is sent to a Pingback server for a deletion', async () => {
    const rpc = peer.route('/rpc', xmlRpcSuccess('ok'));
    const page = peer.route('/p', { headers: { 'X-Pingback': rpc }, body: '' });
    const { article } = await desk.publish(`[p](${page})`);
    await desk.settle();
    await desk.edit(article.id, `[p](${page}), edited`);
    await desk.settle();
    await desk.remove(article.id);
    await desk.settle();
    expect(peer.requests('/rpc', 'POST')).toHaveLength(1);
    expect(peer.requests('/p', 'GET')).toHaveLength(3);
    expect((await desk.ledger(article.id))[0]).toMatchObject({
      status: 'skipped',
      lastError: 'pingback_cannot_update',
    });
  });

  it('F92 TrackBack goes only to the URLs the editor listed: a UTF-8 form WordPress reads (url, title, excerpt, blog_name)', async () => {
    const ping = peer.route('/wp-trackback.php', {
      headers: { 'content-type': 'text/xml' },
      body: '<?xml version="1.0" encoding="utf-8"?><response><error>0</error></response>',
    });
    const refusing = peer.route('/tb-closed', {
      headers: { 'content-type': 'text/xml' },
      body: '<?xml version="1.0" encoding="utf-8"?><response><error>1</error><message>Sorry, trackbacks are closed for this item.</message></response>',
    });
    // A linked page with an RDF TrackBack block is not trackbacked: only listed URLs are.
    const linked = peer.route('/linked', {
      body: `<!-- <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:trackback="http://madskills.com/public/xml/rss/module/trackback/"><rdf:Description rdf:about="${peer.origin}/linked" dc:identifier="${peer.origin}/linked" trackback:ping="${peer.origin}/wp-trackback.php" /></rdf:RDF> -->`,
    });
    const long = 'Café crème — naïve “quotes” '.repeat(20);
    const { article, url } = await desk.publish(`${long}\n\n[linked](${linked})`, {
      title: 'Élection: the count',
      trackbackTo: [ping, refusing],
    });
    await desk.settle();
    const [post] = peer.requests('/wp-trackback.php', 'POST');
    expect(peer.requests('/wp-trackback.php')).toHaveLength(1);
    expect(post?.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    const form = pythonForm(post?.body ?? '', 'utf-8');
    expect(Object.keys(form).sort()).toEqual(['blog_name', 'excerpt', 'title', 'url']);
    expect(form.url).toEqual([url]);
    expect(form.title).toEqual(['Élection: the count']);
    expect(form.blog_name).toEqual(['The Test Gazette']);
    expect([...(form.excerpt?.[0] ?? '')].length).toBeLessThanOrEqual(253);
    expect(form.excerpt?.[0]).toMatch(/^Café crème/);
    const ledger = await desk.ledger(article.id);
    expect(ledger.map((r) => [r.kind, r.targetUrl, r.status, r.lastError])).toEqual([
      ['link', linked, 'no_endpoint', null],
      ['trackback', ping, 'sent', null],
      [
        'trackback',
        refusing,
        'failed',
        'trackback_error: Sorry, trackbacks are closed for this item.',
      ],
    ]);
    // TrackBack 1.2 has no updates: an edit does not ping again.
    await desk.edit(article.id, `${long} edited\n\n[linked](${linked})`);
    await desk.settle();
    expect(peer.requests('/wp-trackback.php')).toHaveLength(1);
  });

  it('H102 imported articles, and articles published with sending off, notify nobody', async () => {
    const endpoint = peer.route('/wm', { status: 202 });
    const a = peer.route('/a', webmentionPage(endpoint));
    const { article } = await desk.publish(`[A](${a})`, { sendLinkbacks: false });
    await desk.settle();
    await desk.edit(article.id, `[A](${a}) again`);
    await desk.settle();
    expect(peer.server.seen).toEqual([]);
    expect(await desk.ledger(article.id)).toEqual([]);
    const jobs = await desk.rt.jobs.queue.list({ limit: 1000 });
    expect(jobs.filter((j) => j.task.startsWith('send-'))).toEqual([]);
  });

  it('H103 the site setting linkbacks.send = false stops all sending', async () => {
    await updateSiteSettings(desk.rt.deps.repos.settings, { linkbacks: { send: false } });
    const endpoint = peer.route('/wm', { status: 202 });
    const a = peer.route('/a', webmentionPage(endpoint));
    const { article } = await desk.publish(`[A](${a})`);
    await desk.settle();
    expect(peer.server.seen).toEqual([]);
    expect(await desk.ledger(article.id)).toEqual([]);
  });

  it('H104 links to our own site, images and non-http links are not notified; each target once', async () => {
    const endpoint = peer.route('/wm', { status: 202 });
    const a = peer.route('/a', webmentionPage(endpoint));
    const { article } = await desk.publish(
      `[us](${SITE}/2024/01/other/) [www us](http://www.news.test/x) ![img](${peer.origin}/img.png) ` +
        `[mail](mailto:x@example.org) [A](${a}) [A again](${a}) [A#frag](${a}#part)`,
    );
    await desk.settle();
    expect((await desk.ledger(article.id)).map((r) => r.targetUrl)).toEqual([a, `${a}#part`]);
    expect(peer.requests('/img.png')).toEqual([]);
  });
});
