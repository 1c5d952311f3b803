/**
 * The WXR benchmark's baseline: saxes alone parsing a file (namespaces and positions on, no-op
 * handlers, 256 KiB chunks decoded as UTF-8): a fixed amount of work that says how fast the
 * machine is in this run. Prints `parsed <CPU s>`.
 */
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';

const file = process.argv[2];
if (!file) throw new Error('usage: wxr-saxes.ts FILE');
const parser = new SaxesParser({ xmlns: true, position: true });
let elements = 0;
parser.on('opentag', () => void elements++);
parser.on('text', () => undefined);
parser.on('cdata', () => undefined);
parser.on('closetag', () => undefined);
const decoder = new TextDecoder('utf-8', { fatal: true });
const before = process.cpuUsage();
for await (const chunk of createReadStream(file, {
  highWaterMark: 256 * 1024,
}) as AsyncIterable<Buffer>)
  parser.write(decoder.decode(chunk, { stream: true }));
parser.close();
const used = process.cpuUsage(before);
process.stderr.write(
  `parsed ${((used.user + used.system) / 1e6).toFixed(2)} (${elements} elements)\n`,
);
