// node test/guards.mjs [FILE…]   (default: src/fast/block.ts src/fast/check.ts; about 15 s a guard)
//
// Whether the tests notice each guard of the fast path: every `return null;` in the files (the places where the
// fast reader or checker hands a block to the full path) is taken out in turn (`{}`), test/fast.test.ts is run,
// and the file is put back. A guard whose removal no test notices is listed as SURVIVED: either no input the
// tests hold reaches it, or another guard already hands that block on (defence in depth), or the fast reading
// without it would say the same. The file is restored after each run, also on Ctrl-C.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const files = process.argv.slice(2).length ? process.argv.slice(2) : ['src/fast/block.ts', 'src/fast/check.ts'];
let restore = null;
process.on('SIGINT', () => {
  restore?.();
  process.exit(130);
});
const counts = { killed: 0, survived: 0, 'timed out': 0 };
for (const file of files) {
  const path = join(ROOT, file);
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].includes('return null;')) continue;
    const changed = [...lines];
    changed[i] = changed[i].replace('return null;', '{}');
    restore = () => writeFileSync(path, text);
    writeFileSync(path, changed.join('\n'));
    const r = spawnSync('npx', ['vitest', 'run', 'test/fast.test.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    restore();
    restore = null;
    // (A run that hangs without the guard is not a test that noticed it: said apart.)
    const verdict = r.status === null ? 'timed out' : r.status !== 0 ? 'killed' : 'survived';
    counts[verdict]++;
    console.log(`${verdict === 'survived' ? 'SURVIVED ' : verdict.padEnd(9)} ${file}:${i + 1}  ${lines[i].trim().slice(0, 100)}`);
  }
}
console.log(`\n${counts.killed} guards noticed by the tests, ${counts.survived} not${counts['timed out'] ? `, ${counts['timed out']} runs timed out` : ''}`);
