/** The ordered registry of checks. Each is a pure function of the project's records and figures. */
import { budgetCheck } from './budget.js';
import { deductionReasonCheck } from './deduction-reason.js';
import { fundsRowsCheck } from './funds-rows.js';
import { indicatorRulesCheck } from './indicator-rules.js';
import { levelsCheck } from './levels.js';
import { templateTextCheck } from './template-text.js';
import { execScoreCheck } from './exec-score.js';
import { gradeCheck } from './grade.js';
import { notCheckedCheck } from './not-checked.js';
import { overBudgetCheck } from './over-budget.js';
import { policyCheck } from './policy.js';
import { rateCheck } from './rate.js';
import { roundingConventionCheck } from './rounding-convention.js';
import { scoreRangeCheck } from './score-range.js';
import { scoreTotalCheck } from './score-total.js';
import { subrowSumCheck } from './subrow-sum.js';
import type { Check } from './types.js';
import { unverifiableCheck } from './unverifiable.js';
import { repeatedCheck } from './repeated.js';
import { goalsCheck } from './goals.js';
import { weightTotalCheck } from './weight-total.js';

export const CHECKS: readonly Check[] = [
  notCheckedCheck,
  rateCheck,
  execScoreCheck,
  roundingConventionCheck,
  subrowSumCheck,
  overBudgetCheck,
  weightTotalCheck,
  scoreTotalCheck,
  scoreRangeCheck,
  goalsCheck,
  gradeCheck,
  policyCheck,
  deductionReasonCheck,
  unverifiableCheck,
  fundsRowsCheck,
  budgetCheck,
  levelsCheck,
  indicatorRulesCheck,
  repeatedCheck,
  templateTextCheck,
];

export type { Check, CheckContext } from './types.js';
