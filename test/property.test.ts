/**
 * Property-based tests (fast-check). CI runs them with a fixed seed and a
 * modest number of runs; a longer run:
 *   FC_RUNS=100000 FC_SEED=$RANDOM npx vitest run test/property.test.ts
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { EvalcheckError, parse, verify, type Finding } from '../src/index.js';
import { decode } from '../src/parse/decode.js';
import { accountedLines, nonBlankLines, sampleBytes, sampleText, subRow } from './helpers.js';

const RUNS = Number(process.env.FC_RUNS ?? 200);
const SEED = Number(process.env.FC_SEED ?? 20261128);
const params = (scale = 1) => ({ numRuns: Math.max(1, Math.round(RUNS * scale)), seed: SEED, });
const TIMEOUT = Math.max(60_000, RUNS * 50);

// ---------------------------------------------------------------- (a) round trip
const LEVEL2 = {
  产出指标: ['数量指标', '质量指标', '时效指标'],
  效益指标: ['社会效益指标', '经济效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
} as const;
const OPS = [
  ['≥', '≥'], ['>=', '≥'], ['≧', '≥'], ['大于等于', '≥'], ['≤', '≤'], ['<=', '≤'], ['=', '='], ['＝', '='], ['>', '>'], ['', null],
] as const;
const UNITS = ['个', '%', '人次', '家', '元/人'];
const NAMES = ['系统维护完成数', '服务对象覆盖率', '培训人次', '宣传阅读量', '档案整理', '资金拨付及时性', '补贴发放准确率', '活动场次'];
const PEOPLE = ['上海市残疾人联合会', '某区民政局', '某县财政局', '某市教育局'];

const amount = fc.bigInt({ min: 0n, max: 10_000_000_00n }).map((c) => {
  const s = c.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
});
const group = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))(?=\d*\.)/g, ',');

const indicatorArb = fc.record({
  level1: fc.constantFrom(...(Object.keys(LEVEL2) as (keyof typeof LEVEL2)[])),
  pick: fc.nat(10),
  name: fc.constantFrom(...NAMES),
  quantitative: fc.boolean(),
  op: fc.constantFrom(...OPS),
  value: fc.integer({ min: 1, max: 5000 }),
  unit: fc.constantFrom(...UNITS),
  bracket: fc.boolean(),
  weight: fc.integer({ min: 1, max: 30 }),
  deduct: fc.integer({ min: 0, max: 3 }),
});

const tableArb = fc.record({
  name: fc.constantFrom('信息化建设项目', '残疾人就业支持服务', '“阳光之家”活动经费', '养老服务补贴'),
  dept: fc.constantFrom(...PEOPLE),
  impl: fc.constantFrom(...PEOPLE),
  unit: fc.constantFrom('万元', '元'),
  initial: amount,
  budget: amount,
  executed: amount,
  indicators: fc.array(indicatorArb, { minLength: 1, maxLength: 12 }),
  layout: fc.record({
    lead: fc.integer({ min: 0, max: 2 }),
    trail: fc.integer({ min: 0, max: 3 }),
    title: fc.constantFrom('财政项目支出绩效自评价', '财政项目支出绩效自我评价', '项目支出绩效自评表', '财政项目支出绩效自评表（2023年度）'),
    sub: fc.constantFrom('其中：当年财政拨款', '其中:本年财政拨款', '其中：财政拨款'),
    weightHead: fc.constantFrom('分数', '分值', '权重'),
    scoreHead: fc.constantFrom('得分', '评分'),
    grouped: fc.boolean(),
    level1Middle: fc.boolean(),
    blankLines: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'gb18030'),
  }),
});

type Table = typeof tableArb extends fc.Arbitrary<infer T> ? T : never;

/** Render a table in the sample's style with the layout's variations; returns the bytes and what must parse back. */
function render(t: Table): { bytes: Buffer; expected: unknown } {
  const L = t.layout;
  const pad = (cells: string[]) => [...Array(L.lead).fill(''), ...cells, ...Array(L.trail).fill('')].join('\t');
  const num = (s: string) => (L.grouped ? group(s) : s);
  const rows: string[] = [L.title];
  if (L.blankLines) rows.push('');
  rows.push(pad(['项目名称', t.name]));
  rows.push(pad(['主管部门', t.dept, '实施单位', t.impl]));
  rows.push(pad([`项目资金（${t.unit}）`, '年初预算数', '全年预算数', '全年执行数', L.weightHead, '执行率', L.scoreHead]));
  rows.push(pad(['年度资金总额', num(t.initial), num(t.budget), num(t.executed), '10.00', '-', '-']));
  rows.push(pad([L.sub, num(t.initial), num(t.budget), num(t.executed), '-', '-', '-']));
  rows.push(pad(['年度总体目标', '预期目标', '实际完成情况']));
  rows.push(pad(['', '完成年度目标。', '已完成。']));
  if (L.blankLines) rows.push('');
  rows.push(pad(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析']));
  // Group by 一级 then 二级, as the tables do.
  const inds = t.indicators
    .map((i, k) => ({ ...i, level2: LEVEL2[i.level1][i.pick % LEVEL2[i.level1].length]!, name: `${i.name}${k}` }))
    .sort((a, b) => (a.level1 + a.level2).localeCompare(b.level1 + b.level2));
  const expectedInds = [];
  let prev1 = '';
  let prev2 = '';
  for (let k = 0; k < inds.length; k++) {
    const i = inds[k]!;
    const groupRows = inds.filter((x) => x.level1 === i.level1);
    const firstOfGroup = i.level1 !== prev1;
    const labelRow = L.level1Middle ? groupRows[Math.floor(groupRows.length / 2)] === i : firstOfGroup;
    const target = i.quantitative ? `${i.op[0]}${i.value}${i.bracket ? `(${i.unit})` : i.unit}` : '提升';
    const weight = `${i.weight}.00`;
    const score = `${i.weight - Math.min(i.deduct, i.weight)}.00`;
    const cells = [labelRow ? i.level1 : '', i.level2 !== prev2 || firstOfGroup ? i.level2 : '', i.name, target, '达成指标', weight, score, ''];
    rows.push(pad(cells));
    prev1 = i.level1;
    prev2 = i.level2;
    expectedInds.push({
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      op: i.quantitative ? i.op[1] : null,
      value: i.quantitative ? String(i.value) : null,
      unit: i.quantitative ? i.unit : null,
      weight,
      score,
    });
  }
  rows.push(pad(['', '', '', '', '', '100', '99.00', '']));
  rows.push(pad(['评分等级', '优']));
  const text = rows.join(L.eol);
  const bytes =
    L.encoding === 'utf-8' ? Buffer.from(text) : L.encoding === 'utf-8-bom' ? Buffer.from('\ufeff' + text) : L.encoding === 'utf-16le' ? Buffer.from('\ufeff' + text, 'utf16le') : iconv.encode(text, 'gb18030');
  return {
    bytes,
    expected: {
      title: L.title,
      name: t.name,
      department: t.dept,
      implementer: t.impl,
      unit: t.unit,
      amounts: [t.initial, t.budget, t.executed],
      sub: L.sub,
      indicators: expectedInds,
      stated: ['100', '99.00', '优'],
    },
  };
}

describe('property (a): generated tables in varied layouts parse back to the same records', () => {
  it(
    'round-trips',
    () => {
      fc.assert(
        fc.property(tableArb, (t) => {
          const { bytes, expected } = render(t);
          const r = parse(bytes);
          expect(r.projects).toHaveLength(1);
          const p = r.projects[0]!;
          const f = p.funds.total!;
          expect({
            title: p.title,
            name: p.name,
            department: p.department,
            implementer: p.implementer,
            unit: p.unit,
            amounts: [f.initialBudget?.num?.text, f.budget?.num?.text, f.executed?.num?.text],
            sub: subRow(p, 'currentYear')?.label,
            indicators: p.indicators.map((i) => ({
              level1: i.level1,
              level2: i.level2,
              name: i.name,
              op: i.target.op,
              value: i.target.value?.text ?? null,
              unit: i.target.unit,
              weight: i.weight?.num?.text,
              score: i.score?.num?.text,
            })),
            stated: [p.stated.weightTotal?.num?.text, p.stated.total?.num?.text, p.stated.grade],
          }).toEqual(expected);
          expect(r.findings.filter((x) => x.code === 'unrecognised-line' || x.code === 'bad-number')).toEqual([]);
        }),
        params(),
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------- (b) random edits
type Edit =
  | { kind: 'delete-cell' | 'duplicate-cell' | 'cut-line' | 'delete-line' | 'duplicate-line'; line: number; col: number }
  | { kind: 'swap-cells'; line: number; col: number; col2: number }
  | { kind: 'flip-byte'; at: number; bit: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete-cell', 'duplicate-cell', 'cut-line', 'delete-line', 'duplicate-line'), line: fc.nat(210), col: fc.nat(12) }) as fc.Arbitrary<Edit>,
  fc.record({ kind: fc.constant('swap-cells'), line: fc.nat(210), col: fc.nat(12), col2: fc.nat(12) }) as fc.Arbitrary<Edit>,
  fc.record({ kind: fc.constant('flip-byte'), at: fc.nat(22000), bit: fc.nat(7) }) as fc.Arbitrary<Edit>,
);

function applyEdits(edits: Edit[]): Buffer {
  let lines = sampleText().split('\n');
  const bytesEdits: Edit[] = [];
  for (const e of edits) {
    if (e.kind === 'flip-byte') {
      bytesEdits.push(e);
      continue;
    }
    const i = e.line % lines.length;
    const cells = lines[i]!.split('\t');
    const c = e.col % cells.length;
    if (e.kind === 'delete-cell') cells.splice(c, 1);
    else if (e.kind === 'duplicate-cell') cells.splice(c, 0, cells[c]!);
    else if (e.kind === 'swap-cells') {
      const c2 = e.col2 % cells.length;
      [cells[c], cells[c2]] = [cells[c2]!, cells[c]!];
    } else if (e.kind === 'cut-line') {
      lines[i] = lines[i]!.slice(0, Math.floor(lines[i]!.length * ((e.col % 10) / 10)));
      continue;
    } else if (e.kind === 'delete-line') {
      lines = lines.filter((_, k) => k !== i);
      continue;
    } else if (e.kind === 'duplicate-line') {
      lines.splice(i, 0, lines[i]!);
      continue;
    }
    lines[i] = cells.join('\t');
  }
  const buf = Buffer.from(lines.join('\n'));
  for (const e of bytesEdits) if (e.kind === 'flip-byte' && buf.length > 0) buf[e.at % buf.length]! ^= 1 << e.bit;
  return buf;
}

describe('property (b): random edits of the sample never throw, stay fast and lose no line', () => {
  it(
    'survives edits',
    () => {
      fc.assert(
        fc.property(fc.array(editArb, { minLength: 1, maxLength: 8 }), (edits) => {
          const bytes = applyEdits(edits);
          const t0 = performance.now();
          let r;
          try {
            r = verify(bytes);
          } catch (e) {
            // Only a documented input error may come out, never a crash.
            expect(e).toBeInstanceOf(EvalcheckError);
            return;
          }
          expect(performance.now() - t0).toBeLessThan(2000);
          const text = decode(bytes, 'x').text;
          const seen = accountedLines(r);
          expect(nonBlankLines(text).filter((l) => !seen.has(l))).toEqual([]);
        }),
        params(),
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------- (c) same verdict
const verdict = (fs: Finding[]) => fs.filter((f) => f.code !== 'mixed-line-endings').map((f) => `${f.project?.line ?? '-'} ${f.severity} ${f.code}:${f.line}`);

describe('property (c): the verdict on the sample is the same in every encoding, line ending and padding', () => {
  const base = verdict(verify(sampleBytes()).findings);
  it(
    'keeps its verdict',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030'),
          fc.constantFrom('\n', '\r\n', '\r'),
          fc.array(fc.nat(3), { minLength: 1, maxLength: 8 }),
          fc.nat(3),
          (enc, eol, leads, trail) => {
            // Padding: each block gets its own extra leading cells; every line some trailing tabs.
            let block = -1;
            const lines = sampleText()
              .split('\n')
              .map((l) => {
                if (/项目支出绩效自/.test(l)) block++;
                if (l === '' || /项目支出绩效自/.test(l)) return l;
                return '\t'.repeat(leads[Math.max(block, 0) % leads.length]!) + l + '\t'.repeat(trail);
              });
            const text = lines.join(eol);
            let bytes: Buffer;
            if (enc === 'utf-8') bytes = Buffer.from(text);
            else if (enc === 'utf-8-bom') bytes = Buffer.from('\ufeff' + text);
            else if (enc === 'utf-16le') bytes = Buffer.from('\ufeff' + text, 'utf16le');
            else if (enc === 'utf-16be') bytes = iconv.encode('\ufeff' + text, 'utf-16be');
            else bytes = iconv.encode(text, 'gb18030');
            const r = verify(bytes);
            expect(r.rounding!.mode).toBe('truncate');
            expect(verdict(r.findings)).toEqual(base);
          },
        ),
        params(0.25),
      );
    },
    TIMEOUT,
  );
});
