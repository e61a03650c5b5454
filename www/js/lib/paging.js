// Paging arithmetic of the case table (pure, no DOM): which rows a page shows, where
// first / previous / next / last lead, and the query the core's `cases` takes.

/** Rows per page the table offers; the first is the default. */
export const PAGE_SIZES = [50, 100, 200, 500];

/**
 * The rows of the page at `offset` of `matched` rows, `limit` per page: { from, to } counted
 * from 1 (from 0, to 0 when nothing matched), the page number and the number of pages (≥ 1).
 *
 *   pageSpan(100, 50, 123) → { from: 101, to: 123, page: 3, pages: 3 }
 */
export function pageSpan(offset, limit, matched) {
  const pages = Math.max(1, Math.ceil(matched / limit));
  if (matched === 0) return { from: 0, to: 0, page: 1, pages };
  const start = Math.min(clampOffset(offset, limit, matched), matched - 1);
  return { from: start + 1, to: Math.min(start + limit, matched), page: Math.floor(start / limit) + 1, pages };
}

/** `offset` moved onto a page boundary inside the matched rows (0 when nothing matched). */
export function clampOffset(offset, limit, matched) {
  if (matched <= 0 || !(offset > 0)) return 0;
  const last = Math.floor((matched - 1) / limit) * limit;
  return Math.min(Math.floor(offset / limit) * limit, last);
}

/** Where a pager button leads: "first", "prev", "next" or "last" → the new offset. */
export function stepOffset(move, offset, limit, matched) {
  const here = clampOffset(offset, limit, matched);
  const last = clampOffset(Number.MAX_SAFE_INTEGER, limit, matched);
  switch (move) {
    case "first":
      return 0;
    case "prev":
      return Math.max(0, here - limit);
    case "next":
      return Math.min(last, here + limit);
    case "last":
      return last;
    default:
      return here;
  }
}

/** Sorting by `column`: ascending first, then descending, then the cases' own order again. */
export function nextSort(sort, column) {
  if (!sort || sort.column !== column) return { column, descending: false };
  if (!sort.descending) return { column, descending: true };
  return null;
}

/**
 * The `cases` query of the table's state: { offset, limit, sort?, county?, status?, lateOnly?,
 * search? } with the empty filters left out.
 */
export function caseQuery({ offset = 0, limit = PAGE_SIZES[0], sort = null, county = null, status = "", lateOnly = false, search = "" }) {
  const query = { offset, limit };
  if (sort) query.sort = { column: sort.column, descending: Boolean(sort.descending) };
  if (county !== null && county !== undefined && county !== "*") query.county = county;
  if (status) query.status = status;
  if (lateOnly) query.lateOnly = true;
  const text = String(search ?? "").trim();
  if (text) query.search = text;
  return query;
}
