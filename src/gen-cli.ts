/**
 * npm run gen -- --blocks N --out FILE [--errors RATE] [--seed S]
 * Writes FILE and FILE.faults.json (the injected faults and their lines).
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generate } from './gen.js';

const { values } = parseArgs({
  options: { blocks: { type: 'string' }, out: { type: 'string' }, errors: { type: 'string', default: '0' }, seed: { type: 'string', default: '1' }, mb: { type: 'string' } },
});
if (!values.out || (!values.blocks && !values.mb)) {
  process.stderr.write('usage: npm run gen -- --blocks N --out FILE [--errors RATE] [--seed S]   (or --mb SIZE instead of --blocks)\n');
  process.exit(2);
}
// About 1.3 KB a block.
const blocks = values.blocks ? Number(values.blocks) : Math.round((Number(values.mb) * 1e6) / 1330);
const fd = openSync(values.out, 'w');
let bytes = 0;
const faults = generate({ blocks, seed: Number(values.seed), errors: Number(values.errors) }, (t) => {
  const b = Buffer.from(t);
  bytes += b.length;
  writeSync(fd, b);
});
closeSync(fd);
writeFileSync(`${values.out}.faults.json`, JSON.stringify({ blocks, seed: Number(values.seed), errors: Number(values.errors), bytes, faults }, null, 1) + '\n');
process.stderr.write(`wrote ${values.out}: ${blocks} blocks, ${(bytes / 1e6).toFixed(1)} MB, ${faults.length} faults\n`);
