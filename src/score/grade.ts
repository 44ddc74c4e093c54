/** Grade bands (national standard): 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60. */
import { Decimal } from '../decimal.js';
import type { Grade } from '../parse/vocab.js';

/** The band of a total (a Decimal, or anything in hundredths with a Decimal fallback). */
export function gradeOf(total: Decimal | { cents: number | null; value: Decimal }): Grade {
  if (!(total instanceof Decimal) && total.cents !== null) {
    const c = total.cents;
    return c >= 9000 ? '优' : c >= 8000 ? '良' : c >= 6000 ? '中' : '差';
  }
  const d = total instanceof Decimal ? total : total.value;
  if (d.gte(90)) return '优';
  if (d.gte(80)) return '良';
  if (d.gte(60)) return '中';
  return '差';
}

const SPELLINGS: Record<string, Grade> = {
  优: '优', 优秀: '优', 良: '良', 良好: '良', 中: '中', 中等: '中', 一般: '中', 合格: '中', 差: '差', 较差: '差', 不合格: '差',
};

/** A stated grade as written ("优秀", "良") → band; null when not a grade. */
export function normaliseGrade(text: string | null): Grade | null {
  if (text === null) return null;
  return SPELLINGS[text.replace(/[\s\u3000]/g, '')] ?? null;
}

export const GRADE_RANK: Record<Grade, number> = { 优: 3, 良: 2, 中: 1, 差: 0 };
