import Papa from 'papaparse';
import { createReadStream } from 'node:fs';
const f = process.argv[2];
const t0 = performance.now();
let rows = 0;
await new Promise((res) => Papa.parse(createReadStream(f, { encoding: 'utf8' }), { delimiter: '\t', fastMode: true, step: () => rows++, complete: res }));
const t1 = performance.now();
console.log('papaparse step', rows, ((t1 - t0) / 1000).toFixed(2), 's', (process.resourceUsage().maxRSS / 1024).toFixed(0), 'MB');
