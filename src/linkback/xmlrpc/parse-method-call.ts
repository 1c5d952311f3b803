/** `<methodCall>` → method name and decoded params. Validation first, then a pure walk. */
import { err, ok, type Result } from '../../domain/result.js';
import { decodeValue } from './decode-value.js';
import {
  DEFAULT_XMLRPC_LIMITS,
  type XmlRpcLimits,
  type XmlRpcMethodCall,
  type XmlRpcParseError,
  type XmlRpcValue,
} from './types.js';
import { childElements, readXmlTree, type XmlElement } from './xml-tree.js';

const invalid = (message: string): { ok: false; error: XmlRpcParseError } =>
  err({ code: 'invalid_structure', message });

export function parseMethodCall(
  body: string,
  limits: XmlRpcLimits = DEFAULT_XMLRPC_LIMITS,
): Result<XmlRpcMethodCall, XmlRpcParseError> {
  const tree = readXmlTree(body, limits);
  if (!tree.ok) return tree;
  const call = tree.value;
  if (call.name !== 'methodCall')
    return invalid(`root element is <${call.name}>, not <methodCall>`);

  const names = childElements(call, 'methodName');
  const methodName = names[0]?.text.trim() ?? '';
  if (names.length !== 1 || methodName === '') return invalid('missing <methodName>');

  const paramsElements = childElements(call, 'params');
  if (paramsElements.length > 1) return invalid('more than one <params>');
  const params = readParams(paramsElements[0]);
  if (!params.ok) return params;
  return ok({ methodName, params: params.value });
}

/** `<params>` → values; each `<param>` holds exactly one `<value>`. */
export function readParams(
  params: XmlElement | undefined,
): Result<XmlRpcValue[], XmlRpcParseError> {
  if (params === undefined) return ok([]);
  const values: XmlRpcValue[] = [];
  for (const param of childElements(params)) {
    if (param.name !== 'param') return invalid(`unexpected <${param.name}> in <params>`);
    const [value, ...rest] = childElements(param);
    if (value === undefined || rest.length > 0) return invalid('<param> must hold one <value>');
    const decoded = decodeValue(value);
    if (!decoded.ok) return decoded;
    values.push(decoded.value);
  }
  return ok(values);
}
