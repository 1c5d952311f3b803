/**
 * `<methodResponse>` → success value or fault, for our Pingback sender. Lenient where servers
 * in the wild are sloppy (faultCode sent as a string of digits), strict about the shape.
 */
import { err, ok, type Result } from '../../domain/result.js';
import { decodeValue } from './decode-value.js';
import { readParams } from './parse-method-call.js';
import {
  DEFAULT_XMLRPC_LIMITS,
  type XmlRpcLimits,
  type XmlRpcMethodResponse,
  type XmlRpcParseError,
  type XmlRpcValue,
} from './types.js';
import { childElements, readXmlTree } from './xml-tree.js';

const invalid = (message: string): { ok: false; error: XmlRpcParseError } =>
  err({ code: 'invalid_structure', message });

export function parseMethodResponse(
  body: string,
  limits: XmlRpcLimits = DEFAULT_XMLRPC_LIMITS,
): Result<XmlRpcMethodResponse, XmlRpcParseError> {
  const tree = readXmlTree(body, limits);
  if (!tree.ok) return tree;
  const response = tree.value;
  if (response.name !== 'methodResponse') {
    return invalid(`root element is <${response.name}>, not <methodResponse>`);
  }
  const [only, ...rest] = childElements(response);
  if (only === undefined || rest.length > 0) {
    return invalid('<methodResponse> must hold one <params> or <fault>');
  }
  if (only.name === 'fault') {
    const [value, ...more] = childElements(only);
    if (value === undefined || more.length > 0) return invalid('<fault> must hold one <value>');
    const decoded = decodeValue(value);
    if (!decoded.ok) return decoded;
    return readFault(decoded.value);
  }
  if (only.name !== 'params') return invalid(`unexpected <${only.name}> in <methodResponse>`);
  const params = readParams(only);
  if (!params.ok) return params;
  const [first, ...others] = params.value;
  if (first === undefined || others.length > 0)
    return invalid('a response holds exactly one param');
  return ok({ kind: 'success', value: first });
}

function readFault(value: XmlRpcValue): Result<XmlRpcMethodResponse, XmlRpcParseError> {
  if (value.type !== 'struct') return invalid('fault value must be a struct');
  const code = value.value.get('faultCode');
  const message = value.value.get('faultString');
  let faultCode: number | undefined;
  if (code?.type === 'int') faultCode = code.value;
  else if (code?.type === 'string' && /^\s*-?\d+\s*$/.test(code.value))
    faultCode = Number(code.value);
  if (faultCode === undefined) return invalid('fault has no integer faultCode');
  return ok({
    kind: 'fault',
    code: faultCode,
    message: message?.type === 'string' ? message.value : '',
  });
}
