import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from './support/recording-logger.js';
import { testDialects } from './support/dialects.js';
import { startSite } from './support/site-harness.js';

describe('log levels match severity', () => {
  for (const path of ['/webmention', '/xmlrpc', '/trackback/1']) {
    it(`logs a client that disconnects mid-body on ${path} at debug, not as an error`, async () => {
      const { logger, lines } = recordingLogger();
      const sqlite = testDialects().find((d) => d.name === 'sqlite')!;
      const site = await startSite(sqlite, {
        logger,
        env: { NEWSDESK_WORKERS: 'none' },
      });
      try {
        const { port } = new URL(site.base);
        await new Promise<void>((resolve, reject) => {
          const socket = connect(Number(port), '127.0.0.1', () => {
            socket.write(
              `POST ${path} HTTP/1.1\r\nHost: news.test\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\nsource=https%3A%2F%2F`,
            );
            setTimeout(() => {
              socket.destroy();
              resolve();
            }, 100);
          });
          socket.on('error', reject);
        });
        await new Promise((r) => setTimeout(r, 300));
        // The server is still there, and said nothing above debug about the hang-up.
        expect((await site.get('/')).status).toBeLessThan(500);
        expect(lines.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
      } finally {
        await site.close();
      }
    });
  }
});
