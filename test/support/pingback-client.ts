import { execFile } from 'node:child_process';
import { encodeMethodCall, parseMethodResponse } from '../../src/linkback/index.js';

export type PingOutcome =
  { kind: 'success'; message: string } | { kind: 'fault'; code: number; message: string };

/** Reads an XML-RPC answer the way a pingback client would. */
export async function readPingAnswer(res: Response): Promise<PingOutcome> {
  const parsed = parseMethodResponse(await res.text());
  if (!parsed.ok) throw new Error(`not an XML-RPC response: ${parsed.error.message}`);
  const r = parsed.value;
  if (r.kind === 'fault') return { kind: 'fault', code: r.code, message: r.message };
  return { kind: 'success', message: r.value.type === 'string' ? r.value.value : '' };
}

export const pingCall = (source: string, target: string): string =>
  encodeMethodCall('pingback.ping', [source, target]);

/**
 * Sends pingback.ping with Python's standard xmlrpc.client (a real, independent client).
 * Prints "ok <message>" or "fault <code> <message>".
 */
export function pythonPing(endpoint: string, source: string, target: string): Promise<string> {
  const script = [
    'import sys, xmlrpc.client',
    'p = xmlrpc.client.ServerProxy(sys.argv[1])',
    'try:',
    '    print("ok", p.pingback.ping(sys.argv[2], sys.argv[3]))',
    'except xmlrpc.client.Fault as f:',
    '    print("fault", f.faultCode, f.faultString)',
  ].join('\n');
  return new Promise((resolve, reject) => {
    execFile(
      'python3',
      ['-c', script, endpoint, source, target],
      { timeout: 20_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(stdout.trim());
      },
    );
  });
}
