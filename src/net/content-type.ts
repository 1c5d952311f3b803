import { MIMEType } from 'whatwg-mimetype';

/** A Content-Type reduced to what the fetcher needs: its essence and charset (RFC 9110 §8.3.1). */
export interface MediaType {
  /** `type/subtype`, lower-cased; '' when the header is absent or malformed. */
  readonly essence: string;
  readonly charset: string | null;
}

/** Parsed by whatwg-mimetype (the WHATWG MIME Sniffing parser), as src/linkback does. */
export function parseContentType(value: string | undefined): MediaType {
  const parsed = value === undefined ? null : MIMEType.parse(value);
  if (!parsed) return { essence: '', charset: null };
  return { essence: parsed.essence, charset: parsed.parameters.get('charset') ?? null };
}

/** Matches an essence against an allowlist of `type/subtype`, `type/*` and `*\/*` entries. */
export function isAccepted(essence: string, accept: readonly string[]): boolean {
  if (essence === '') return accept.includes('*/*');
  const type = essence.slice(0, essence.indexOf('/'));
  return accept.some((entry) => {
    const wanted = entry.trim().toLowerCase();
    return wanted === '*/*' || wanted === essence || wanted === `${type}/*`;
  });
}

/** Decodes per the declared charset (WHATWG Encoding labels), UTF-8 when absent or unknown. */
export function decodeText(bytes: Uint8Array, charset: string | null): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}
