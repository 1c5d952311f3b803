import net, { type Socket } from 'node:net';
import tls from 'node:tls';
import type { Connector } from './types.js';

/**
 * Default connector: opens a TCP (and for https a TLS) connection to the already-approved IP
 * literal in `target.address`. It never resolves a name, so no second DNS answer can slip in;
 * TLS still presents and verifies the URL's host name (SNI + certificate identity).
 */
export const directConnector: Connector = (target) =>
  new Promise<Socket>((resolve, reject) => {
    if (target.signal.aborted) {
      reject(new Error('connect aborted'));
      return;
    }
    const hostIsLiteral = net.isIP(target.hostname) !== 0;
    const socket: Socket =
      target.protocol === 'https:'
        ? tls.connect({
            host: target.address,
            port: target.port,
            // RFC 6066 §3: SNI carries host names only, never IP literals.
            ...(hostIsLiteral ? {} : { servername: target.hostname }),
            checkServerIdentity: (_host, cert) => tls.checkServerIdentity(target.hostname, cert),
            ALPNProtocols: ['http/1.1'],
          })
        : net.connect({ host: target.address, port: target.port, family: target.family });
    const settle = (error: Error | null): void => {
      target.signal.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      if (error === null) {
        resolve(socket);
      } else {
        socket.on('error', () => undefined).destroy();
        reject(error);
      }
    };
    const onAbort = (): void => settle(new Error('connect aborted'));
    const onError = (error: Error): void => settle(error);
    target.signal.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 60_000);
    socket.once(target.protocol === 'https:' ? 'secureConnect' : 'connect', () => settle(null));
  });
