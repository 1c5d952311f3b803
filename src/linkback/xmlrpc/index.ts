export { parseMethodCall } from './parse-method-call.js';
export { parseMethodResponse } from './parse-method-response.js';
export { encodeFault, encodeMethodCall, encodeMethodResponse } from './encode.js';
export { PINGBACK_FAULT, XMLRPC_FAULT, type PingbackFaultCode } from './fault-codes.js';
export {
  DEFAULT_XMLRPC_LIMITS,
  type XmlRpcLimits,
  type XmlRpcMethodCall,
  type XmlRpcMethodResponse,
  type XmlRpcParseError,
  type XmlRpcParseErrorCode,
  type XmlRpcValue,
} from './types.js';
