/** Receiving linkbacks: the three protocol use cases, the verification job and their parts. */
export { PAIR_THROTTLE_MS, type LinkbackDeps, type ReceiverDeps } from './deps.js';
export {
  receiveWebmention,
  WEBMENTION_ERROR_CODES,
  type WebmentionError,
  type WebmentionErrorCode,
} from './receive-webmention.js';
export { receivePingback, type PingbackAnswer } from './receive-pingback.js';
export { receiveTrackback, type TrackbackAnswer } from './receive-trackback.js';
export { webmentionStatus, type WebmentionStatus } from './webmention-status.js';
export { runVerifyLinkbackJob, type VerifyJobDeps } from './run-verification-job.js';
export { DEFAULT_VERIFY_SCHEDULE, type VerifySchedule } from './verify-schedule.js';
export { VERIFY_LINKBACK_TASK, VERIFY_MAX_ATTEMPTS } from './verification-job.js';
export { type SendDeps } from './send-deps.js';
export {
  PING_UPDATE_SERVICE_TASK,
  PLAN_LINKBACKS_TASK,
  SEND_LINKBACK_TASK,
  sendLinkbacksSubscriber,
  type UpdateServices,
} from './send-jobs.js';
export { planLinkbacks } from './send-plan.js';
export { runSendLinkbackJob, type SendResult } from './send-one.js';
export { runUpdateServiceJob } from './send-update-services.js';
export { outboundLedger, resendLinkbacks, type ArticleLedger } from './send-ledger.js';
export { DEFAULT_SEND_SCHEDULE, type SendSchedule } from './send-schedule.js';
export { OUTBOUND_STATUSES, type OutboundLinkback, type OutboundStatus } from './send-ports.js';
