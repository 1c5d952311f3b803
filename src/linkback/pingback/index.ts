export {
  readPingbackCall,
  type PingbackCall,
  type PingbackRequestError,
  type PingbackRequestFailure,
} from './request.js';
