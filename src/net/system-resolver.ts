import { lookup } from 'node:dns/promises';
import type { Resolver } from './types.js';

/** Default resolver: the OS resolver (getaddrinfo, so /etc/hosts too), every answer, in its order. */
export const systemResolver: Resolver = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};
