import { EXAMINER_LEVELS, type ExaminerListQuery } from '../../api/practical';

/** The register's query from the URL: paging, occupation, level, active state and the name/certificate search. */
export function queryOf(params: URLSearchParams): ExaminerListQuery {
  const q: ExaminerListQuery = {
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('pageSize') ?? 20) || 20,
  };
  const occupation = params.get('occupation');
  if (occupation) q.occupation = occupation;
  const level = params.get('level');
  if ((EXAMINER_LEVELS as readonly string[]).includes(level ?? '')) q.level = level as ExaminerListQuery['level'];
  const active = params.get('active');
  if (active === 'true' || active === 'false') q.active = active;
  const search = params.get('q');
  if (search) q.q = search;
  return q;
}
