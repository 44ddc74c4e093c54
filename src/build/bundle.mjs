// The executable's bundles (run by `npm run build` after tsc), and the code cache of the CLI.
//   dist/bin/cli.cjs        the CLI in one CommonJS file (loaded by bin/evalcheck.cjs through V8's code cache)
//   dist/bin/cli.cjs.cache  that cache, made here from runs on the bundled sample
//   dist/bin/worker.js      the --jobs worker (ES modules, split into chunks)
//   dist/index.cjs          the library for require()
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = `${root}dist/bin`;
rmSync(out, { recursive: true, force: true });

/** An esbuild plugin that edits a dependency's source as it is bundled; fails the build if the text to edit is gone (a new version). */
function patch(name, filter, edits) {
  return {
    name,
    setup(b) {
      b.onLoad({ filter }, (args) => {
        let src = readFileSync(args.path, 'utf8');
        for (const [from, to] of edits) {
          if (!src.includes(from)) throw new Error(`${name}: "${from.split('\n')[0]}" not found in ${args.path} (did the package change?)`);
          src = src.replace(from, to);
        }
        return { contents: src, loader: 'js' };
      });
    },
  };
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  absWorkingDir: root,
  // string-width@4 (cli-table3's width function) compiles a very large emoji expression: ours instead (see width.ts).
  alias: { 'string-width': './src/report/string-width-shim.cjs' },
  plugins: [
    // cli-table3 0.6.5 truncates every cell to 10 columns on every draw, for a debug message it then drops;
    // its truncation removes one character at a time and re-measures the whole cell each time, which on
    // long CJK messages was most of the findings table's cost. The result is unused: skip it.
    // Each cell also copies 17 border characters and two paddings through setOption, which split and
    // re-capitalised the option's name and filtered an argument array every time: a fifth of verify's
    // table report. The same values, with the names worked out once.
    patch('cli-table3-cell', /cli-table3[\\/]src[\\/]cell\.js$/, [
      ['let content = utils.truncate(this.content, 10, this.truncate);', "let content = '';"],
      ['function firstDefined(...args) {\n  return args.filter((v) => v !== undefined && v !== null).shift();\n}', 'function firstDefined(a, b, c, d) {\n  return a != null ? a : b != null ? b : c != null ? c : d != null ? d : undefined;\n}\nconst camelNames = new Map();'],
      ["function setOption(objA, objB, nameB, targetObj) {\n  let nameA = nameB.split('-');\n  if (nameA.length > 1) {\n    nameA[1] = nameA[1].charAt(0).toUpperCase() + nameA[1].substr(1);\n    nameA = nameA.join('');", "function setOption(objA, objB, nameB, targetObj) {\n  let nameA = camelNames.get(nameB);\n  if (nameA === undefined) camelNames.set(nameB, (nameA = nameB.replace(/-(.)/, (_m, c) => c.toUpperCase())));\n  if (nameA !== nameB) {"],
    ]),
    // cli-table3 0.6.5 fills in missing cells with a search that, for every cell, scans every row above it
    // for a row-spanning cell: quadratic in the rows (a 22,000-project summary took 300 s, F15 of the
    // reliability review). A cell can only reach down as far as the longest row span, so only those rows
    // are scanned. Same layout; linear in the rows.
    patch('cli-table3-linear-fill', /cli-table3[\\/]src[\\/]layout-manager\.js$/, [
      ['    for (let i = 0; i <= i_max; i++) {\n      let row = rows[i];', '    for (let i = rows.maxSpan ? Math.max(0, y - rows.maxSpan + 1) : 0; i <= i_max; i++) {\n      let row = rows[i];'],
      ['    debug(`Max rows: ${h_max}; Max cols: ${w_max}`);\n    for (let y = 0; y < h_max; y++) {', '    debug(`Max rows: ${h_max}; Max cols: ${w_max}`);\n    table.maxSpan = 1;\n    for (const r of table) for (const c of r) table.maxSpan = Math.max(table.maxSpan, c.rowSpan || 1);\n    for (let y = 0; y < h_max; y++) {'],
      ['          let cell = new Cell(opts);\n          cell.x = opts.x;', '          let cell = new Cell(opts);\n          table.maxSpan = Math.max(table.maxSpan, opts.rowSpan);\n          cell.x = opts.x;'],
    ]),
  ],
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['dist/cli/index.js'],
    outfile: `${out}/cli.cjs`,
    format: 'cjs',
    // Only rescore needs it, for GB18030 output; its tables are half the bundle. Required from node_modules
    // when rescore runs (it is a dependency), so verify neither loads nor holds them.
    // The readers of workbooks, documents and pages likewise: loaded only when such a file is read;
    // and ECharts (1 MB), only when an html report is made.
    external: ['iconv-lite', '@e965/xlsx', 'fflate', 'saxes', 'echarts'],
    // parse5 is ES modules only (no require() on Node < 20.19): bundled apart into parse5.cjs, required
    // from there when a page is read, so the CLI's own bundle (and its start-up) does not carry it.
    plugins: [...common.plugins, { name: 'parse5-apart', setup: (b) => b.onResolve({ filter: /^parse5$/ }, () => ({ path: './parse5.cjs', external: true })) }],
    // jobs.ts finds the worker next to itself.
    define: { 'import.meta.url': '__evalcheckUrl' },
    // The first line names this build; the code cache made from it carries the same line (bin/evalcheck.cjs).
    // ("use strict" first: a directive after the banner's statement would not be one.)
    banner: { js: `// evalcheck build ${randomBytes(8).toString('hex')}\n'use strict';\nconst __evalcheckUrl = require('node:url').pathToFileURL(__filename).href;` },
  }),
  build({ ...common, entryPoints: ['parse5'], outfile: `${out}/parse5.cjs`, format: 'cjs' }),
  // The library for require() (Node 20 cannot require() ES modules): one CommonJS file, its dependencies
  // required from node_modules as they are (parse5 from the CLI's own CommonJS copy).
  build({
    ...common,
    entryPoints: ['dist/index.js'],
    outfile: 'dist/index.cjs',
    format: 'cjs',
    packages: 'external',
    plugins: [...common.plugins, { name: 'parse5-apart', setup: (b) => b.onResolve({ filter: /^parse5$/ }, () => ({ path: './bin/parse5.cjs', external: true })) }],
    define: { 'import.meta.url': '__evalcheckUrl' },
    banner: { js: `'use strict';\nconst __evalcheckUrl = require('node:url').pathToFileURL(__filename).href;` },
  }),
  build({
    ...common,
    entryPoints: ['dist/worker.js'],
    outdir: out,
    format: 'esm',
    splitting: true,
    external: ['iconv-lite', '@e965/xlsx', 'fflate', 'saxes', 'parse5', 'echarts'],
    banner: { js: "import { createRequire as __evalcheckRequire } from 'node:module'; const require = __evalcheckRequire(import.meta.url);" },
  }),
]);

// The code cache: what a run of the usual commands on the sample compiled.
const sample = 'fixtures/000_4494185c10663b20.txt';
const runs = [
  ['verify', sample],
  ['verify', sample, '--format', 'json'],
  ['verify', sample, '--format', 'ndjson', '--lang', 'en'],
  ['summary', sample],
  ['parse', sample, '--format', 'json'],
];
execFileSync(process.execPath, [`${root}bin/evalcheck.cjs`], { cwd: root, env: { ...process.env, EVALCHECK_WRITE_CODE_CACHE: JSON.stringify(runs) }, stdio: 'inherit' });
