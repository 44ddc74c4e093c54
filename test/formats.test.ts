import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import iconv from 'iconv-lite';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../src/findings.js';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { csvCell } from '../src/report/csv.js';
import { cli, ROOT, SAMPLE } from './helpers.js';
import { mhtOf } from './sources.js';
import { SOURCE_FORMATS } from '../src/source/where.js';

const FAULT = 'fixtures/faults/rate-mismatch.txt';
const schema = JSON.parse(readFileSync(new URL('../docs/schema/evalcheck.schema.json', import.meta.url), 'utf8'));
// Strict mode, as a consumer's validator may be: every required key has its properties entry, no unknown keywords.
const ajv = new Ajv.default({ allErrors: true, strict: true });
ajv.addSchema(schema);
const validateDoc = ajv.getSchema('urn:evalcheck:schema:1')!;
const validateLine = ajv.compile({ $ref: 'urn:evalcheck:schema:1#/definitions/ndjsonLine' });

describe('json and ndjson validate against docs/schema', () => {
  it("the schema's input formats are the readers' (SOURCE_FORMATS), in both places a file says its format", () => {
    const enums: unknown[] = [];
    JSON.stringify(schema, (k, v) => {
      if (k === 'format' && v && typeof v === 'object' && Array.isArray((v as { enum?: unknown[] }).enum)) enums.push((v as { enum: unknown[] }).enum);
      return v;
    });
    expect(enums).toEqual([[...SOURCE_FORMATS], [...SOURCE_FORMATS]]);
  });

  for (const [command, file] of [
    ['verify', SAMPLE],
    ['verify', FAULT],
    ['parse', SAMPLE],
    ['summary', SAMPLE],
  ] as const) {
    it(`json: ${command} ${file}`, async () => {
      const r = await cli([command, file, '--format', 'json']);
      const doc = JSON.parse(r.stdout);
      const ok = validateDoc(doc);
      expect(validateDoc.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
      expect(doc.tool.version).toMatch(/^\d+\.\d+\.\d+$/);
    });
  }

  // Every template of the real corpus, and the fixtures of the newer checks, with every record and finding they produce.
  const more = [
    ...readdirSync(join(ROOT, 'fixtures/corpus')).filter((f) => f.endsWith('.tsv')).map((f) => `fixtures/corpus/${f}`),
    ...readdirSync(join(ROOT, 'fixtures/corpus/partial')).filter((f) => f.endsWith('.tsv')).map((f) => `fixtures/corpus/partial/${f}`),
    'fixtures/faults/not-checked-zero-budget.txt',
    'fixtures/faults/rounding-convention.txt',
    'fixtures/faults/funds-total-unsummed.txt',
    'fixtures/faults/level-split-prescribed.txt',
    // (The Hubei template: its goals in the record, goalBlocks.)
    'fixtures/variants/hb-huanggang-2020.txt',
    'fixtures/faults/goal-score-over-weight.txt',
  ];
  it('json: verify and parse of the corpus and the newer fault fixtures', async () => {
    for (const command of ['verify', 'parse', 'verify --records full'] as const) {
      const r = await cli([...command.split(' '), ...more, '--format', 'json']);
      const ok = validateDoc(JSON.parse(r.stdout));
      expect(validateDoc.errors ?? [], command).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('json and ndjson of workbooks, documents and pages (format, where)', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { docxOf, htmlOf, rowsOf, workbookOf } = await import('./sources.js');
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-schema-'));
    try {
      const rows = rowsOf(readFileSync(join(ROOT, FAULT), 'utf8'));
      writeFileSync(join(dir, 'a.xlsx'), workbookOf([{ name: '说明', rows: [['填表说明']] }, { name: 'Sheet1', rows }], 'xlsx'));
      writeFileSync(join(dir, 'b.docx'), docxOf([{ rows }]));
      writeFileSync(join(dir, 'c.html'), htmlOf([{ rows }]));
      const r = await cli(['verify', dir, '--format', 'json']);
      const doc = JSON.parse(r.stdout);
      expect(validateDoc(doc), JSON.stringify(validateDoc.errors)).toBe(true);
      expect(doc.files.map((f: { format: string }) => f.format)).toEqual(['xlsx', 'docx', 'html']);
      expect(doc.files[0].findings.filter((f: { where?: unknown }) => f.where).length).toBe(doc.files[0].findings.length);
      expect(doc.files[0].projects[0].where).toEqual({ sheet: 'Sheet1', row: 3 });
      const nd = await cli(['verify', dir, '--format', 'ndjson']);
      for (const l of nd.stdout.trimEnd().split('\n')) expect(validateLine(JSON.parse(l)), JSON.stringify(validateLine.errors)).toBe(true);
      expect(JSON.parse(nd.stdout.split('\n')[0]!).project.where).toEqual({ sheet: 'Sheet1', row: 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const file of [SAMPLE, FAULT]) {
    it(`ndjson: verify ${file}`, async () => {
      const r = await cli(['verify', file, '--format', 'ndjson']);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(9);
      for (const l of lines) {
        const obj = JSON.parse(l);
        expect(validateLine(obj), JSON.stringify(validateLine.errors)).toBe(true);
        expect(obj.schemaVersion).toBe(2);
      }
      expect(lines.slice(0, 8).map((l) => JSON.parse(l).project.line)).toEqual([3, 22, 42, 63, 91, 135, 157, 182]);
      expect(JSON.parse(lines[8]!).type).toBe('file');
    });
  }

  it('the schema lists exactly the registered finding codes', () => {
    expect([...schema.definitions.finding.properties.code.enum].sort()).toEqual([...FINDING_CODES].sort());
  });

  it('rejects a float where a decimal string belongs', async () => {
    const doc = JSON.parse((await cli(['verify', SAMPLE, '--format', 'json'])).stdout);
    expect(validateDoc(doc)).toBe(true);
    doc.files[0].projects[0].funds.rate = 99.98;
    expect(validateDoc(doc)).toBe(false);
    const full = JSON.parse((await cli(['verify', SAMPLE, '--format', 'json', '--records', 'full'])).stdout);
    expect(validateDoc(full)).toBe(true);
    full.files[0].projects[0].funds.total.rate = 99.98;
    expect(validateDoc(full)).toBe(false);
  });
});

describe('csv', () => {
  it('is UTF-8 with BOM, one row per finding', async () => {
    const r = await cli(['verify', FAULT, '--format', 'csv']);
    const bytes = Buffer.from(r.stdout, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = r.stdout.slice(1).trimEnd().split('\r\n');
    expect(rows[0]).toBe('file,line,project,project_line,severity,code,stated,expected,message,calc,where');
    const err = rows.find((x) => x.includes(',rate-mismatch,'))!;
    expect(err.startsWith(`${FAULT},27,信息化运维项目,22,error,rate-mismatch,95.21,95.12,`)).toBe(true);
    const doc = JSON.parse((await cli(['verify', FAULT, '--format', 'json'])).stdout);
    expect(rows).toHaveLength(1 + doc.files[0].findings.length);
  });

  it('summary and parse have their own rows', async () => {
    const s = await cli(['summary', SAMPLE, '--format', 'csv']);
    const rows = s.stdout.slice(1).trimEnd().split('\r\n');
    expect(rows).toHaveLength(9);
    expect(rows[0]).toBe('file,line,name,unit,budget,executed,rate,stated_total,total,stated_grade,grade,errors,warnings,notes,where');
    // (A text export's line is its place: where is empty.)
    expect(rows[1]).toBe(`${SAMPLE},3,信息化建设项目,万元,88.32,88.31,99.98,99.99,99.99,优,优,0,0,1,`);
    const p = await cli(['parse', SAMPLE, '--format', 'csv']);
    expect(p.stdout.slice(1).trimEnd().split('\r\n')).toHaveLength(1 + 78);
  });

  it('a workbook\'s or document\'s rows say where they are: the line numbers only the rows read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-csv-where-'));
    const rows = readFileSync(FAULT, 'utf8').split('\n').map((l) => l.split('\t'));
    const book = join(dir, 'book.mht');
    writeFileSync(book, mhtOf([{ name: '封面', rows: [['项目支出绩效自评表（封面）']] }, { name: '自评表', rows }], 'excel'));
    const v = (await cli(['verify', book, '--format', 'csv', '--lang', 'zh'])).stdout.slice(1).trimEnd().split('\r\n');
    const err = v.find((x) => x.includes(',rate-mismatch,'))!;
    expect([err.split(',')[1], err.split(',').at(-1)]).toEqual(['28', '自评表!I27']);
    const s = (await cli(['summary', book, '--format', 'csv', '--lang', 'en'])).stdout.slice(1).trimEnd().split('\r\n');
    expect(s.slice(1).map((x) => x.split(',').at(-1))).toContain('自评表!22:22');
    const t = (await cli(['summary', book, '--grade', '--lang', 'en'], { env: { COLUMNS: '140' } })).stdout;
    expect(t).toContain('自评表!22:22');
    expect(t).not.toMatch(/book\.mht:23\b/);
    // parse: each indicator row at its sheet row (its line counts the cover sheet's row too), in CSV and in the records.
    const p = (await cli(['parse', book, '--format', 'csv', '--lang', 'en'])).stdout.slice(1).trimEnd().split('\r\n');
    expect(p[0]!.split(',').at(-1)).toBe('where');
    expect(p.slice(1).map((x) => x.split(',')).map((c) => [Number(c[3]) - 1, c.at(-1)]).every(([row, w]) => w === `自评表!${row}:${row}`)).toBe(true);
    expect(p[1]!.split(',').at(-1)).toBe('自评表!15:15');
    const j = JSON.parse((await cli(['parse', book, '--format', 'json'])).stdout);
    const ind = j.files[0].projects.find((x: { indicators: unknown[] }) => x.indicators.length > 0).indicators[0];
    expect(ind.where).toEqual({ sheet: '自评表', row: ind.line - 1 });
    const text = (await cli(['parse', FAULT, '--format', 'csv'])).stdout.slice(1).trimEnd().split('\r\n');
    expect(text[1]!.endsWith(',')).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('quotes and defuses formula-looking cells', () => {
    expect(csvCell('=100.00(%)')).toBe("'=100.00(%)");
    expect(csvCell('-100.00(%)')).toBe("'-100.00(%)");
    expect(csvCell('-0.50')).toBe('-0.50');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('x\ny')).toBe('"x\ny"');
  });
});

describe('github', () => {
  it('prints workflow commands with file and line', async () => {
    const r = await cli(['verify', FAULT, '--format', 'github']);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^,:]+(,line=\d+)?(,endLine=\d+)?,title=[^,:]+::[^\r\n]+$/);
    expect(lines).toContain(
      `::error file=${FAULT},line=27,title=evalcheck rate-mismatch::funds total execution rate should be 95.12, the table says 95.21; beyond what display rounding explains (95.0970…–95.1557…) [31.62 / 33.24 × 100 = 95.1263… → 95.12 (truncate)]`,
    );
  });

  it('escapes %, CR and LF (and : , in properties)', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });

  it('escapes the % of units in messages', async () => {
    const r = await cli(['verify', 'fixtures/faults/policy-score-differs.txt', '--format', 'github']);
    const l = r.stdout.split('\n').find((x) => x.includes('title=evalcheck policy-score-differs'))!;
    expect(l).toContain('≥85.00(%25)');
    expect(l).not.toMatch(/\(%\)/);
  });
});

describe('sarif', () => {
  it('has the SARIF 2.1.0 structure, stable rule ids and one result per finding', async () => {
    const r = await cli(['verify', FAULT, '--format', 'sarif']);
    const doc = JSON.parse(r.stdout);
    expect(doc.version).toBe('2.1.0');
    expect(doc.$schema).toMatch(/sarif/);
    expect(doc.runs).toHaveLength(1);
    const run = doc.runs[0];
    expect(run.tool.driver.name).toBe('evalcheck');
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ids).toEqual(FINDING_CODES);
    const json = JSON.parse((await cli(['verify', FAULT, '--format', 'json'])).stdout);
    expect(run.results).toHaveLength(json.files[0].findings.length);
    for (const res of run.results) {
      expect(ids[res.ruleIndex]).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(typeof res.message.text).toBe('string');
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toBe(FAULT);
      if (loc.region) expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
    }
    const err = run.results.find((x: { ruleId: string }) => x.ruleId === 'rate-mismatch');
    expect(err.level).toBe('error');
    expect(err.locations[0].physicalLocation.region.startLine).toBe(27);
  });
});

describe('junit', () => {
  it('is well-formed XML with one test case per project, errors as failures', async () => {
    const r = await cli(['verify', FAULT, '--format', 'junit']);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.stdout);
    const suite = doc.testsuites.testsuite;
    expect(suite.tests).toBe('8');
    expect(suite.failures).toBe('1');
    expect(suite.testcase).toHaveLength(8);
    const failed = suite.testcase.filter((c: { failure?: unknown }) => c.failure);
    expect(failed.map((c: { name: string }) => c.name)).toEqual(['22 信息化运维项目']);
  });

  it('stays well-formed with control characters and markup in cells', async () => {
    const text = readFileSync(join(ROOT, SAMPLE), 'utf8').replace('信息化建设项目', '信息<化>&"建设"\u0007\u001b[31m项目');
    const r = await cli(['verify', '-', '--format', 'junit'], { stdin: text });
    expect(XMLValidator.validate(r.stdout)).toBe(true);
  });
});

describe('output plumbing', () => {
  it('-o writes the report to a file and nothing to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-'));
    const out = join(dir, 'report.json');
    const r = await cli(['verify', SAMPLE, '--format', 'json', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).files[0].projects).toHaveLength(8);
  });

  it('a closed pipe (| head -1) ends quietly', () => {
    const r = spawnSync('bash', ['-c', `node bin/evalcheck.cjs verify ${SAMPLE} ${SAMPLE} ${SAMPLE} --format ndjson | head -1`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).type).toBe('project');
  });

  it('the built executable runs the sample, through the code cache the build made', () => {
    const r = spawnSync('node', ['bin/evalcheck.cjs', 'verify', SAMPLE, '--format', 'json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, EVALCHECK_DEBUG_CODE_CACHE: '1' } });
    expect(r.stderr).toBe('evalcheck: code cache used\n');
    expect(JSON.parse(r.stdout).counts).toMatchObject({ files: 1, projects: 8, error: 0, warning: 7, info: 12 });
  });

  it('the built executable rescores a GB18030 file (its encoder is loaded only for rescore)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-gb-'));
    const text = readFileSync(join(ROOT, 'fixtures/faults/rate-mismatch.txt'), 'utf8').replace(/\n/g, '\r\n');
    writeFileSync(join(dir, 'in.txt'), iconv.encode(text, 'gb18030'));
    const r = spawnSync('node', ['bin/evalcheck.cjs', 'rescore', join(dir, 'in.txt'), '-o', join(dir, 'out.txt')], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const out = iconv.decode(readFileSync(join(dir, 'out.txt')), 'gb18030');
    expect(out).toBe(text.replace('10.00\t95.21\t9.51', '10.00\t95.12\t9.51'));
  });

  it('a missing, stale or damaged code cache changes the speed of start-up, not the output', () => {
    // A copy of the executable and its bundle, to spoil the cache without touching the build.
    const dir = mkdtempSync(join(tmpdir(), 'evalcheck-bin-'));
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'dist', 'bin'), { recursive: true });
    copyFileSync(join(ROOT, 'bin/evalcheck.cjs'), join(dir, 'bin/evalcheck.cjs'));
    copyFileSync(join(ROOT, 'dist/bin/cli.cjs'), join(dir, 'dist/bin/cli.cjs'));
    const cache = readFileSync(join(ROOT, 'dist/bin/cli.cjs.cache'));
    const stamp = cache.subarray(0, cache.indexOf(0x0a) + 1);
    const run = () => spawnSync('node', [join(dir, 'bin/evalcheck.cjs'), 'verify', SAMPLE], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, EVALCHECK_DEBUG_CODE_CACHE: '1' } });
    const expected = execFileSync('node', ['bin/evalcheck.cjs', 'verify', SAMPLE], { cwd: ROOT, encoding: 'utf8' });
    const cases: [string, Buffer | null, string][] = [
      ['as built', cache, 'used'],
      ['none', null, 'absent or stale'],
      // Made from another build of the bundle.
      ['stale', Buffer.concat([Buffer.from('// evalcheck build 0123456789abcdef\n'), cache.subarray(stamp.length)]), 'absent or stale'],
      ['damaged', Buffer.concat([stamp, Buffer.alloc(5000, 7)]), 'rejected'],
    ];
    expect(stamp.toString()).toMatch(/^\/\/ evalcheck build [0-9a-f]{16}\n$/);
    expect(readFileSync(join(ROOT, 'dist/bin/cli.cjs')).subarray(0, stamp.length)).toEqual(stamp);
    for (const [label, data, said] of cases) {
      rmSync(join(dir, 'dist/bin/cli.cjs.cache'), { force: true });
      if (data) writeFileSync(join(dir, 'dist/bin/cli.cjs.cache'), data);
      const r = run();
      expect([label, r.status, r.stderr]).toEqual([label, 0, `evalcheck: code cache ${said}\n`]);
      expect(r.stdout).toBe(expected);
    }
  });
});

describe('--records: compact by default for verify and summary, full on request and for parse', () => {
  it('compact: per project its name, line, template, stated and recomputed figures and findings; full: every record', async () => {
    const compact = (await cli(['verify', SAMPLE, '--format', 'ndjson'])).stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    const full = (await cli(['verify', SAMPLE, '--format', 'ndjson', '--records', 'full'])).stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(compact).toHaveLength(9);
    for (const o of [...compact, ...full]) expect(validateLine(o), JSON.stringify(validateLine.errors)).toBe(true);
    const c = compact[0];
    expect(c.records).toBe('compact');
    expect(Object.keys(c.project)).toEqual(['line', 'title', 'template', 'name', 'department', 'implementer', 'unit', 'funds', 'indicators', 'stated', 'recomputed', 'counts']);
    expect(c.project).toMatchObject({ line: 3, template: 'sh-municipal', name: '信息化建设项目', department: '上海市残疾人联合会', indicators: 4 });
    expect(c.project.funds).toEqual({ line: 8, label: '年度资金总额', initialBudget: '88.32', budget: '88.32', executed: '88.31', weight: '10.00', rate: '99.98', score: '9.99' });
    expect(c.project.stated).toEqual({ line: 19, weightTotal: '100', total: '99.99', grade: '优', gradeLine: 20, gradeCol: 2 });
    // The same project, the same figures and findings, only the records left out.
    const f = full[0];
    expect(f.records).toBe('full');
    expect(f.project.name).toBe(c.project.name);
    expect(f.project.indicators).toHaveLength(4);
    expect(f.project.recomputed).toEqual(c.project.recomputed);
    expect(f.findings).toEqual(c.findings);
    expect(compact[8]).toMatchObject({ type: 'file', records: 'compact' });
    // Compact is a fraction of the full output.
    const size = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).join('').length;
    expect(size(compact)).toBeLessThan(size(full) / 2);
  });

  it('parse always writes the full records; summary json is compact unless asked', async () => {
    const parsed = JSON.parse((await cli(['parse', SAMPLE, '--format', 'json'])).stdout);
    expect(parsed.records).toBe('full');
    expect(parsed.files[0].projects[0].indicators).toHaveLength(4);
    expect((await cli(['parse', SAMPLE, '--records', 'compact'])).code).toBe(2);
    const summary = JSON.parse((await cli(['summary', SAMPLE, '--format', 'json'])).stdout);
    expect(summary.records).toBe('compact');
    expect(summary.files[0].projects[0].indicators).toBe(4);
    expect(validateDoc(summary)).toBe(true);
  });

  it('the direct writer of the compact record writes what JSON.stringify does', async () => {
    const { compactOpen } = await import('../src/report/fastjson.js');
    const { compactJSON } = await import('../src/report/serialize.js');
    const { parse } = await import('../src/index.js');
    let n = 0;
    for (const f of ['000_4494185c10663b20.txt', 'corpus/sc-qingshen-fgj-2023.tsv', 'corpus/sc-zhongjiang-water-2022.tsv', 'bad/control-chars.txt', 'variants/cost-level-no-initial-budget.txt']) {
      for (const p of parse(readFileSync(join(ROOT, 'fixtures', f))).projects) {
        expect(compactOpen(p) + '}').toBe(JSON.stringify(compactJSON(p)));
        n++;
      }
    }
    expect(n).toBeGreaterThan(10);
    const noFunds = parse('项目支出绩效自评表\n项目名称\t甲\n').projects[0]!;
    expect(noFunds.funds.total).toBeNull();
    expect(compactOpen(noFunds) + '}').toBe(JSON.stringify(compactJSON(noFunds)));
  });
});

describe('the direct JSON writer', () => {
  it('writes every record exactly as JSON.stringify does', async () => {
    const { projectOpen } = await import('../src/report/fastjson.js');
    const { parse } = await import('../src/index.js');
    const files = ['000_4494185c10663b20.txt', 'variants/header-synonyms.txt', 'variants/cost-level-no-initial-budget.txt', 'variants/title-split-placeholders-na.txt', 'variants/not-self-scored.txt', 'variants/hb-huanggang-2020.txt', 'bad/control-chars.txt', 'bad/malformed-numbers.txt'];
    const corpus = ['corpus/ah-tianchang-water-2022.tsv', 'corpus/sc-qingshen-fgj-2023.tsv', 'corpus/sc-zhongjiang-water-2022.tsv', 'corpus/partial/ah-xiaoxian-hexi-2023.partial.tsv', 'corpus/partial/yn-lijiang-gucheng-2020.partial.tsv'];
    for (const f of [...files, ...corpus]) {
      for (const p of parse(readFileSync(join(ROOT, 'fixtures', f))).projects) expect(projectOpen(p) + '}').toBe(JSON.stringify(p));
    }
    // A funds row kept as text, and child rows.
    const raw = parse('项目支出绩效自评表\n项目资金\t\t甲\t乙\n\t年度资金总额\t1\t2\n').projects[0]!;
    expect(raw.funds.total!.raw).toEqual(['1', '2']);
    expect(projectOpen(raw) + '}').toBe(JSON.stringify(raw));
  });

  it('writes the recomputed figures exactly as JSON.stringify does', async () => {
    const { recomputedText } = await import('../src/report/fastjson.js');
    const { recomputedJSON } = await import('../src/report/serialize.js');
    const { verify } = await import('../src/index.js');
    const files = ['000_4494185c10663b20.txt', ...readdirSync(join(ROOT, 'fixtures/faults')).filter((f) => f.endsWith('.txt')).map((f) => `faults/${f}`), 'corpus/sc-zhongjiang-water-2022.tsv', 'corpus/sc-qingshen-fgj-2023.tsv'];
    let n = 0;
    for (const f of files) {
      for (const p of verify(readFileSync(join(ROOT, 'fixtures', f))).projects) {
        expect(recomputedText(p.figures!)).toBe(JSON.stringify(recomputedJSON(p.figures)));
        n++;
      }
    }
    expect(n).toBeGreaterThan(20);
  });
});
