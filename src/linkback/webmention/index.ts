export {
  validateWebmentionRequest,
  type WebmentionRequest,
  type WebmentionRequestError,
  type WebmentionRequestErrorCode,
} from './request.js';
