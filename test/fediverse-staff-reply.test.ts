import { afterAll, beforeAll, expect, it } from 'vitest';
import { replyAsStaff } from '../src/app/discussion/staff-reply.js';
import type { StaffReplyToFediverseEvent } from '../src/app/fediverse/events.js';
import { fediverseThread } from '../src/app/fediverse/thread.js';
import { addUser } from '../src/app/users/add-user.js';
import { sanitizeVisitorHtml } from '../src/render/sanitize.js';
import { describeEachDialect } from './support/dialects.js';
import { commentFixture, reader, type CommentFixture } from './support/comments-fixture.js';

describeEachDialect(
  'staff replies federated back only when they answer a fediverse item',
  (dialect) => {
    let fx: CommentFixture;
    const events: StaffReplyToFediverseEvent[] = [];
    let failNext = false;
    const deps = () => ({
      app: fx.deps,
      subscribers: [
        async (e: StaffReplyToFediverseEvent) => {
          if (failNext) throw new Error('subscriber failed');
          events.push(e);
        },
      ],
    });

    beforeAll(async () => {
      fx = await commentFixture(dialect);
    });
    afterAll(async () => {
      await fx?.close();
    });

    it('emits the event with the reply and the parent object and actor, for a moderator answering a fediverse reply', async () => {
      const mod = await addUser(fx.deps, {
        email: 'mod@news.example',
        name: 'Mo',
        role: 'moderator',
      });
      if (!mod.ok) throw new Error(mod.error.message);
      const a = await fx.article();
      const thread = fediverseThread({ app: fx.deps, sanitize: sanitizeVisitorHtml });
      const objectId = 'https://social.example/users/ada/statuses/1';
      const stored = await thread.receiveReply({
        objectId,
        url: null,
        inReplyTo: `https://news.example/ap/articles/${a.id}`,
        actor: {
          id: 'https://social.example/users/ada',
          handle: '@ada@social.example',
          name: 'Ada',
          profileUrl: 'https://social.example/@ada',
          iconUrl: null,
        },
        contentHtml: '<p>Question?</p>',
        summary: null,
        publishedAt: null,
        updatedAt: null,
      });
      if (stored.kind !== 'stored') throw new Error(JSON.stringify(stored));
      const r = await replyAsStaff(deps(), {
        userId: mod.value.id,
        parentItemId: stored.itemId,
        text: 'Answer *here*.',
      });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value).toMatchObject({
        status: 'approved',
        parentId: stored.itemId,
        kind: 'comment',
      });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'discussion.staff-reply-to-fediverse',
        replyItemId: r.value.id,
        parentObjectId: objectId,
        parentActorId: 'https://social.example/users/ada',
        userId: mod.value.id,
      });
      expect(events[0]?.replyHtml).toContain('<em>here</em>');
      expect(events[0]?.replyUrl).toMatch(new RegExp(`#comment-${r.value.id}$`));

      // A failing subscriber rolls the reply back with it.
      failNext = true;
      const before = (await fx.deps.repos.discussion.list({ articleId: a.id })).length;
      await expect(
        replyAsStaff(deps(), { userId: mod.value.id, parentItemId: stored.itemId, text: 'Again' }),
      ).rejects.toThrow('subscriber failed');
      failNext = false;
      expect(await fx.deps.repos.discussion.list({ articleId: a.id })).toHaveLength(before);
    });

    it('emits nothing for a reply to a comment, and refuses non-staff, empty and oversized text', async () => {
      const a = await fx.article();
      const posted = await fx.post(a, reader());
      if (!posted.ok) throw new Error(posted.error.failure.message);
      const mod = await fx.deps.repos.users.findByEmail('mod@news.example');
      const modId = mod?.id ?? 0;
      const count = events.length;
      const r = await replyAsStaff(deps(), {
        userId: modId,
        parentItemId: posted.value.item.id,
        text: 'Thanks',
      });
      expect(r.ok).toBe(true);
      expect(events).toHaveLength(count);
      const contributor = await addUser(fx.deps, {
        email: 'c@news.example',
        name: 'Cee',
        role: 'contributor',
      });
      if (!contributor.ok) throw new Error(contributor.error.message);
      const refused = await replyAsStaff(deps(), {
        userId: contributor.value.id,
        parentItemId: posted.value.item.id,
        text: 'Hi',
      });
      expect(!refused.ok && refused.error.code).toBe('forbidden');
      for (const text of ['', '   ', 'x'.repeat(20_000)]) {
        const bad = await replyAsStaff(deps(), {
          userId: modId,
          parentItemId: posted.value.item.id,
          text,
        });
        expect(!bad.ok && bad.error.code).toBe('invalid_input');
      }
      const missing = await replyAsStaff(deps(), {
        userId: modId,
        parentItemId: 999_999,
        text: 'Hi',
      });
      expect(!missing.ok && missing.error.code).toBe('not_found');
    });
  },
);
