/**
 * Fault codes as data. Pingback 1.0 §"Error codes" defines 0 and 0x0010–0x0032; the negative
 * ones are the XML-RPC interoperability codes (specs.xmlrpc.com "fault code interoperability")
 * that pingback servers use for transport-level problems.
 */
export const PINGBACK_FAULT = {
  /** Generic fault; allowed whenever no more specific code fits. */
  generic: 0,
  /** The source URI does not exist. */
  sourceNotFound: 0x0010,
  /** The source URI does not contain a link to the target URI. */
  noLinkToTarget: 0x0011,
  /** The target URI does not exist (only when certain). */
  targetNotFound: 0x0020,
  /** The target URI cannot be used as a target (not pingback-enabled). */
  targetNotUsable: 0x0021,
  /** The pingback has already been registered. */
  alreadyRegistered: 0x0030,
  /** Access denied. */
  accessDenied: 0x0031,
  /** The server could not communicate with an upstream server, or received an error. */
  upstreamError: 0x0032,
} as const;

export const XMLRPC_FAULT = {
  /** parse error: not well formed */
  parseError: -32700,
  /** server error: requested method not found */
  methodNotFound: -32601,
  /** server error: invalid method parameters */
  invalidParams: -32602,
} as const;

export type PingbackFaultCode =
  | (typeof PINGBACK_FAULT)[keyof typeof PINGBACK_FAULT]
  | (typeof XMLRPC_FAULT)[keyof typeof XMLRPC_FAULT];
