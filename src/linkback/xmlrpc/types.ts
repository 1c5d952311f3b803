/** XML-RPC values as a tagged union, so callers can insist on a type (Pingback wants strings). */
export type XmlRpcValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'double'; readonly value: number }
  /** Raw base64 text with whitespace removed; decoding is the caller's business. */
  | { readonly type: 'base64'; readonly value: string }
  /** Raw `dateTime.iso8601` text; XML-RPC's format has no zone, so we do not guess one. */
  | { readonly type: 'dateTime'; readonly value: string }
  | { readonly type: 'array'; readonly value: readonly XmlRpcValue[] }
  | { readonly type: 'struct'; readonly value: ReadonlyMap<string, XmlRpcValue> };

export type XmlRpcParseErrorCode =
  | 'too_large'
  | 'forbidden_dtd'
  | 'malformed_xml'
  | 'too_deep'
  | 'too_many_elements'
  | 'invalid_structure';

export interface XmlRpcParseError {
  readonly code: XmlRpcParseErrorCode;
  readonly message: string;
}

export interface XmlRpcLimits {
  /** Maximum body length in UTF-16 code units (the caller also caps bytes on the wire). */
  readonly maxLength: number;
  /** Maximum element nesting depth. */
  readonly maxDepth: number;
  /** Maximum number of elements in the document. */
  readonly maxElements: number;
}

/**
 * A pingback.ping call is ~10 elements deep and a few hundred bytes; these bounds leave room
 * for generous clients while keeping a hostile body cheap to refuse (Pingback erratum
 * 2007-01-16: servers should limit request size).
 */
export const DEFAULT_XMLRPC_LIMITS: XmlRpcLimits = {
  maxLength: 256 * 1024,
  maxDepth: 32,
  maxElements: 10_000,
};

export interface XmlRpcMethodCall {
  readonly methodName: string;
  readonly params: readonly XmlRpcValue[];
}

export type XmlRpcMethodResponse =
  | { readonly kind: 'success'; readonly value: XmlRpcValue }
  | { readonly kind: 'fault'; readonly code: number; readonly message: string };
