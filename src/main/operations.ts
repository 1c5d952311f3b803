/** Wiring of /healthz, /readyz and /metrics (web/ops/ops-app.ts) to the runtime. */
import type { Hono } from 'hono';
import { ConfigError } from '../config/config.js';
import { addressInList, validateAllowList } from '../net/index.js';
import { schemaState } from '../store/ops-stats.js';
import { socketClientIp } from '../web/client-ip.js';
import { opsApp } from '../web/ops/ops-app.js';
import type { Runtime } from './runtime.js';
import { timingSafeEqual } from 'node:crypto';

/** Plain addresses in the allow list become /32 or /128; anything else must be a CIDR. */
export function metricsAllowList(list: readonly string[]): string[] {
  const cidrs = list.map((a) => (a.includes('/') ? a : `${a}/${a.includes(':') ? 128 : 32}`));
  if (!validateAllowList(cidrs).ok) {
    throw new ConfigError(
      'NEWSDESK_METRICS_ALLOW',
      'expected comma-separated IP addresses or CIDRs',
    );
  }
  return cidrs;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function operationsApp(rt: Runtime, draining: () => boolean = () => false): Hono {
  const allow = metricsAllowList(rt.config.metricsAllow);
  const token = rt.config.metricsToken;
  return opsApp({
    draining,
    clientIp: socketClientIp,
    metrics: () => rt.metrics.render(),
    metricsAllowed(ip, authorization) {
      if (ip !== null && addressInList(ip, allow)) return true;
      const bearer = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization ?? '')?.[1];
      return token !== null && bearer !== undefined && sameSecret(bearer, token);
    },
    async readiness() {
      const state = await schemaState(rt.store);
      if (state.ok) return { ready: true };
      rt.deps.logger.warn({ reason: state.reason, detail: state.detail }, 'readyz: not ready');
      return { ready: false, reason: state.reason };
    },
  });
}
