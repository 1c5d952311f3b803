/**
 * XML-RPC encoders. Output is always UTF-8 with an XML declaration; every string goes through
 * `escapeXml`, so `&`, `<` and quotes in URLs or messages can never break the document.
 */
import { escapeXml } from '../xml-escape.js';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const stringValue = (text: string): string => `<value><string>${escapeXml(text)}</string></value>`;

/** A successful response carrying one string (Pingback: free text, for humans only). */
export function encodeMethodResponse(message: string): string {
  return (
    `${DECLARATION}<methodResponse><params><param>${stringValue(message)}</param></params>` +
    `</methodResponse>\n`
  );
}

/** A fault response. `code` is truncated to an integer, as faultCode is an XML-RPC int. */
export function encodeFault(code: number, message: string): string {
  const faultCode = Math.trunc(code);
  return (
    `${DECLARATION}<methodResponse><fault><value><struct>` +
    `<member><name>faultCode</name><value><int>${faultCode}</int></value></member>` +
    `<member><name>faultString</name>${stringValue(message)}</member>` +
    `</struct></value></fault></methodResponse>\n`
  );
}

/** A call with string params only (all Pingback needs). */
export function encodeMethodCall(methodName: string, params: readonly string[]): string {
  const encodedParams = params.map((p) => `<param>${stringValue(p)}</param>`).join('');
  return (
    `${DECLARATION}<methodCall><methodName>${escapeXml(methodName)}</methodName>` +
    `<params>${encodedParams}</params></methodCall>\n`
  );
}
