// The reports (src/report on the server): the plan's evaluation report (规划指标评估报告) of a
// unit for a year, as Excel (the plan's table for the unit, then a sheet per indicator with the
// units below it) or as PDF for printing: GET /api/v1/reports/evaluation.{xlsx,pdf}?unit=&year=.
import { allows } from './permission'
import { FIRST_YEAR } from './indicator'
import { FILE_TYPES, type FileRequest } from './request'

/** Every official, and the community worker who reads the indicators, holds it. */
export const EVALUATION_EXPORT = 'report:evaluation:export'

export const REPORT_FORMATS = ['xlsx', 'pdf'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/**
 * The evaluation report of `unit` for `year` in one format. The server names the file (its
 * Content-Disposition); the fallback name is for an answer without one.
 */
export function evaluationReport(format: ReportFormat, unit: string, year: number): FileRequest {
  return {
    path: `/api/v1/reports/evaluation.${format}`,
    query: { unit, year },
    accept: FILE_TYPES[format],
    fallbackName: `evaluation-${unit}-${year}.${format}`,
  }
}

/** Whether the page offers the report: to a holder of the permission, once it shows a unit. */
export function offersEvaluationReport(held: readonly string[], unit: string | null | undefined): boolean {
  return Boolean(unit) && allows(held, EVALUATION_EXPORT)
}

/**
 * Why the report of `year` cannot be asked for, as a message key under report.evaluation, or null:
 * the server reports on the years from 2020 to the current one, not on a year yet to begin (which
 * the dashboard's year list still offers up to 2025, the targets' year).
 */
export function evaluationYearRefusal(year: number, today: Date): 'beforePlan' | 'notBegun' | null {
  if (year < FIRST_YEAR) return 'beforePlan'
  if (year > today.getFullYear()) return 'notBegun'
  return null
}
