/** The handler of /admin/audit: the filters go through parseAuditQuery, as `newsdesk audit`'s do. */
import type { Context } from 'hono';
import { listAudit } from '../../../app/auth/audit.js';
import { AUDIT_PAGE, parseAuditQuery } from '../../../app/auth/audit-query.js';
import { statusFor } from '../../errors.js';
import { AUDIT_FILTERS, AuditLogPage } from './audit-page.js';
import type { ScreenKit } from './terms-handlers.js';

export function auditHandlers<C extends Context>(kit: ScreenKit<C>) {
  return {
    'GET /audit': async (c: C) => {
      const values = Object.fromEntries(
        AUDIT_FILTERS.map((name) => [name, (c.req.query(name) ?? '').slice(0, 300)]),
      );
      const raw = {
        ...Object.fromEntries(AUDIT_FILTERS.map((name) => [name, c.req.query(name)])),
        before: c.req.query('before'),
      };
      const actions = await kit.app.repos.audit.actions();
      const filter = parseAuditQuery(raw);
      if (!filter.ok) {
        return kit.page(
          c,
          <AuditLogPage
            frame={kit.frame(c)}
            entries={[]}
            values={values}
            actions={actions}
            olderBefore={null}
            paged={false}
            error={filter.error.message}
            {...(filter.error.fields ? { fields: filter.error.fields } : {})}
          />,
          statusFor(filter.error.code),
        );
      }
      // One more than a page: whether there are older entries, without counting them all.
      const found = await listAudit(kit.app, { ...filter.value, limit: AUDIT_PAGE + 1 });
      const entries = found.slice(0, AUDIT_PAGE);
      const last = entries.at(-1);
      return kit.page(
        c,
        <AuditLogPage
          frame={kit.frame(c)}
          entries={entries}
          values={values}
          actions={actions}
          olderBefore={found.length > AUDIT_PAGE && last ? last.id : null}
          paged={filter.value.before !== undefined}
        />,
      );
    },
  };
}
