/**
 * A deterministic generator of realistic table exports, for benchmarks and
 * large tests: varied layouts (leading tabs, label and header variants,
 * thousands separators), varied amounts and indicators, figures consistent
 * under truncation (like the sample), and a known fraction of injected
 * faults whose lines it records.
 */

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultCode = 'rate-mismatch' | 'exec-score-mismatch' | 'score-total-mismatch' | 'grade-mismatch' | 'weight-total-mismatch' | 'subrow-sum-mismatch';
export const FAULT_CODES: readonly FaultCode[] = ['rate-mismatch', 'exec-score-mismatch', 'score-total-mismatch', 'grade-mismatch', 'weight-total-mismatch', 'subrow-sum-mismatch'];

export interface Fault {
  code: FaultCode;
  line: number;
  block: number;
}

export interface GenOptions {
  blocks: number;
  seed?: number;
  /** Fraction of blocks with one injected fault (0–1). */
  errors?: number;
}

const TITLES = ['财政项目支出绩效自评价', '财政项目支出绩效自我评价', '项目支出绩效自评表', '财政项目支出绩效自评表（2023年度）'];
const SUBROW = ['其中：当年财政拨款', '其中:本年财政拨款', '其中：财政拨款'];
const WEIGHT_HEAD = ['分数', '分值', '权重'];
const SCORE_HEAD = ['得分', '评分'];
const DEPTS = ['上海市残疾人联合会', '某区民政局', '某县财政局', '某市教育局', '某区卫生健康委员会'];
const UNITS_OF = ['上海市残疾人就业服务中心', '某区养老服务中心', '某县第一中学', '某区疾病预防控制中心'];
const PROJECTS = ['信息化建设项目', '残疾人就业支持服务', '养老服务补贴', '社区康复服务', '学生资助经费', '公共卫生服务', '档案数字化', '职业技能培训'];
const NAMES = ['服务人次', '覆盖率', '培训人数', '完成率', '满意度', '及时性', '宣传阅读量', '发放准确率', '验收合格率', '档案整理数'];
const LEVELS: [string, string[]][] = [
  ['产出指标', ['数量指标', '质量指标', '时效指标']],
  ['效益指标', ['社会效益指标', '经济效益指标', '可持续影响指标']],
  ['满意度指标', ['服务对象满意度指标']],
];
const QUAL = ['提升', '提高', '及时', '合格', '规范'];
const UNITS = ['个', '%', '人次', '家', '次', '份'];
const OPS = ['≥', '≥', '≥', '>=', '='];

/** Hundredths written with two decimals (`-12.05`). */
export const fixed2 = (cents: bigint): string => {
  const neg = cents < 0n;
  const s = (neg ? -cents : cents).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
};
const group = (s: string): string => {
  const [i, f] = s.split('.');
  return i!.replace(/\B(?=(\d{3})+$)/g, ',') + (f !== undefined ? '.' + f : '');
};
/** The grade of a total in hundredths (优 ≥ 90, 良 ≥ 80, 中 ≥ 60). */
export const gradeOf = (c: bigint): string => (c >= 9000n ? '优' : c >= 8000n ? '良' : c >= 6000n ? '中' : '差');

/** Generate `blocks` tables; call `write` with text pieces in order. Returns the injected faults. */
export function generate(opts: GenOptions, write: (text: string) => void): Fault[] {
  const rand = rng(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const faults: Fault[] = [];
  let line = 0;
  const lines: string[] = [];
  const emit = (cells: string[] | string) => {
    lines.push(typeof cells === 'string' ? cells : cells.join('\t'));
    line++;
  };
  for (let b = 0; b < opts.blocks; b++) {
    const lead = Array(int(0, 2)).fill('');
    const row = (cells: string[]) => emit([...lead, ...cells]);
    const grouped = rand() < 0.5;
    const amt = (c: bigint) => (grouped ? group(fixed2(c)) : fixed2(c));
    if (b > 0) emit('');
    const titleLine = line + 1;
    emit(pick(TITLES));
    emit('');
    row(['项目名称', '', `${pick(PROJECTS)}${b}`]);
    row(['主管部门', '', pick(DEPTS), '实施单位', '', pick(UNITS_OF)]);
    row(['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', pick(WEIGHT_HEAD), '执行率', pick(SCORE_HEAD)]);
    // Amounts in hundredths of 万元: 10.00 … 99,999.99.
    const budget = BigInt(int(1_000, 9_999_999));
    const executed = (budget * BigInt(int(800_000, 1_000_000))) / 1_000_000n;
    const initial = BigInt(int(1_000, 9_999_999));
    const rate = budget === 0n ? 0n : (executed * 10_000n) / budget; // hundredths of a percent, truncated
    let execScore = (1_000n * executed) / budget; // hundredths, 10 × rate / 100, truncated
    if (execScore > 1_000n) execScore = 1_000n;
    const fault: FaultCode | null = rand() < (opts.errors ?? 0) ? pick(FAULT_CODES) : null;
    const totalLine = line + 1;
    let statedRate = rate;
    let statedExec = execScore;
    let carry = 0n;
    if (fault === 'rate-mismatch') statedRate = rate + BigInt(int(100, 900)) * (rand() < 0.5 && rate > 1000n ? -1n : 1n);
    if (fault === 'exec-score-mismatch') statedExec = execScore >= 100n ? execScore - BigInt(int(30, 99)) : execScore + BigInt(int(30, 99));
    if (fault === 'subrow-sum-mismatch') carry = BigInt(int(100, 99_999));
    row(['年度资金总额', '', amt(initial), amt(budget), amt(executed), '10.00', fixed2(statedRate), fixed2(statedExec)]);
    row([pick(SUBROW), '', amt(initial), amt(budget), amt(executed), '-', fixed2(rate), '-']);
    row(['上年结转资金', '', '0.00', amt(carry), '0.00', '-', '0.00', '-']);
    row(['其他资金', '', '0.00', '0.00', '0.00', '-', '0.00', '-']);
    row(['年度总体目标', '', '预期目标', '', '', '实际完成情况']);
    row(['', '', '按计划完成年度绩效目标，保障项目顺利实施。', '', '', '已按计划完成年度绩效目标。']);
    row(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析']);
    // Weights: 90 split over 3–12 indicators, in whole points.
    const n = int(3, 12);
    const weights: number[] = Array(n).fill(Math.floor(90 / n));
    const rest = 90 - weights.reduce((s, w) => s + w, 0);
    for (let k = 0; k < rest; k++) weights[k % n]!++;
    let scoreSum = 0n;
    let prev1 = '';
    let prev2 = '';
    for (let k = 0; k < n; k++) {
      const [l1, l2s] = LEVELS[Math.min(LEVELS.length - 1, Math.floor((k * LEVELS.length) / n))]!;
      const l2 = l2s[Math.min(l2s.length - 1, Math.floor(rand() * l2s.length))]!;
      const w = BigInt(weights[k]!) * 100n;
      let target: string;
      let actual: string;
      let score = w;
      let reason = '';
      const kind = rand();
      if (kind < 0.3) {
        target = pick(QUAL);
        actual = '达成指标';
      } else {
        const op = pick(OPS);
        const unit = pick(UNITS);
        const tv = BigInt(int(1, 5000));
        let av = op === '=' ? tv : tv + BigInt(int(0, 500));
        if (op !== '=' && rand() < 0.1) {
          // Unmet, scored by the proportional rule (truncated), with a reason.
          av = (tv * BigInt(int(50, 99))) / 100n;
          score = (w * av) / tv;
          reason = '受客观因素影响未完全达到目标';
        }
        target = `${op}${tv}.00(${unit})`;
        actual = `${av}.00(${unit})`;
      }
      scoreSum += score;
      emit([...lead, l1 !== prev1 ? l1 : '', l2 !== prev2 || l1 !== prev1 ? l2 : '', `${pick(NAMES)}${k}`, target, actual, fixed2(w), fixed2(score), reason]);
      prev1 = l1;
      prev2 = l2;
    }
    let total = scoreSum + statedExec;
    if (fault === 'score-total-mismatch') total += BigInt(int(50, 300));
    let weightTotal = '100';
    if (fault === 'weight-total-mismatch') weightTotal = pick(['95', '90', '105']);
    const sumLine = line + 1;
    row(['', '', '', '', '', weightTotal, fixed2(total), '']);
    let grade = gradeOf(total);
    if (fault === 'grade-mismatch') grade = pick(['优', '良', '中', '差'].filter((g) => g !== grade));
    const gradeLine = line + 1;
    row(['评分等级', '', grade]);
    if (fault) {
      const at = fault === 'rate-mismatch' || fault === 'exec-score-mismatch' || fault === 'subrow-sum-mismatch' ? totalLine : fault === 'grade-mismatch' ? gradeLine : sumLine;
      faults.push({ code: fault, line: at, block: titleLine });
    }
    if (lines.length >= 512) write(lines.splice(0).join('\n') + '\n');
  }
  if (lines.length) write(lines.join('\n') + '\n');
  return faults;
}
