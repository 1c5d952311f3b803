import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { err, ok, type Result } from '../domain/result.js';

export interface BodyFailure {
  readonly code: 'network_error';
  readonly message: string;
}

export interface CappedBody {
  /** At most `maxBytes` decoded bytes. */
  readonly bytes: Uint8Array;
  /** The body went on past the cap; what follows was never read. */
  readonly truncated: boolean;
}

/** Stops the pipeline once the cap is reached; not a failure. */
class CapReached extends Error {}

/** What we advertise in Accept-Encoding; exactly the codings `readCappedBody` can undo. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * Reads a response body, undoing its content codings, up to `maxBytes`: it stops as soon as
 * either the bytes on the wire or the decoded bytes reach the cap (the cap applies after gzip, so
 * a small gzip bomb stops there too) and returns what it has read, marked `truncated`, leaving
 * the rest unread. Memory stays within the cap plus one zlib chunk.
 */
export async function readCappedBody(
  source: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<Result<CappedBody, BodyFailure>> {
  const decoders = decodersFor(contentEncoding);
  if (decoders === null) {
    source.on('error', () => undefined).destroy();
    return err({
      code: 'network_error',
      message: `unsupported content-encoding ${contentEncoding}`,
    });
  }
  const chunks: Buffer[] = [];
  let wire = 0;
  let decoded = 0;
  async function* countWire(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of input) {
      const room = maxBytes - wire;
      wire += chunk.length;
      if (wire <= maxBytes) {
        yield chunk;
        continue;
      }
      if (room > 0) yield chunk.subarray(0, room);
      throw new CapReached();
    }
  }
  async function collect(input: AsyncIterable<Buffer>): Promise<void> {
    for await (const chunk of input) {
      const room = maxBytes - decoded;
      if (chunk.length <= room) {
        decoded += chunk.length;
        chunks.push(chunk);
        continue;
      }
      decoded = maxBytes;
      chunks.push(chunk.subarray(0, room));
      throw new CapReached();
    }
  }
  try {
    // The stage list mixes streams and async generators, which pipeline's overloads cannot type
    // as one spread; the runtime accepts it (node:stream pipeline docs).
    const stages = [source, countWire, ...decoders, collect] as unknown as Parameters<
      typeof pipeline
    >;
    await pipeline(...stages);
  } catch (error) {
    if (!(error instanceof CapReached)) throw error;
    return ok({ bytes: new Uint8Array(Buffer.concat(chunks, decoded)), truncated: true });
  }
  return ok({ bytes: new Uint8Array(Buffer.concat(chunks, decoded)), truncated: false });
}

/** Decoders in the order they must run (the reverse of the order codings were applied). */
function decodersFor(header: string | undefined): Transform[] | null {
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length > 2) return null; // nobody stacks more; deep stacks only multiply work
  const decoders: Transform[] = [];
  for (const coding of codings.reverse()) {
    const decoder = decoderFor(coding);
    if (decoder === null) return null;
    decoders.push(decoder);
  }
  return decoders;
}

function decoderFor(coding: string): Transform | null {
  // Sync flush tolerates a truncated final block, as browsers do.
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(flush);
    case 'deflate': // RFC 9110 §8.4.1.2: the zlib format (RFC 1950)
      return zlib.createInflate(flush);
    case 'br':
      return zlib.createBrotliDecompress({
        flush: zlib.constants.BROTLI_OPERATION_FLUSH,
        finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
      });
    default:
      return null;
  }
}
