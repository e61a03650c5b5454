// The case table's paging arithmetic (www/js/lib/paging.js), worked by hand.
// Run: node --test tests/js/

import assert from "node:assert/strict";
import { test } from "node:test";

import { caseQuery, clampOffset, nextSort, pageSpan, stepOffset } from "../../www/js/lib/paging.js";

test("the span of a page: rows counted from 1, the last page short, nothing matched", () => {
  assert.deepEqual(pageSpan(0, 50, 123), { from: 1, to: 50, page: 1, pages: 3 });
  assert.deepEqual(pageSpan(100, 50, 123), { from: 101, to: 123, page: 3, pages: 3 });
  assert.deepEqual(pageSpan(0, 50, 50), { from: 1, to: 50, page: 1, pages: 1 });
  assert.deepEqual(pageSpan(0, 50, 0), { from: 0, to: 0, page: 1, pages: 1 });
  // After a filter left fewer rows, an offset past the end shows the last page.
  assert.deepEqual(pageSpan(500, 50, 123), { from: 101, to: 123, page: 3, pages: 3 });
});

test("offsets land on page boundaries inside the rows", () => {
  assert.equal(clampOffset(75, 50, 1000), 50);
  assert.equal(clampOffset(5000, 50, 1000), 950);
  assert.equal(clampOffset(-3, 50, 1000), 0);
  assert.equal(clampOffset(100, 50, 0), 0);
});

test("first, previous, next and last, and staying put at either end", () => {
  assert.equal(stepOffset("next", 0, 50, 123), 50);
  assert.equal(stepOffset("next", 100, 50, 123), 100);
  assert.equal(stepOffset("prev", 50, 50, 123), 0);
  assert.equal(stepOffset("prev", 0, 50, 123), 0);
  assert.equal(stepOffset("last", 0, 50, 123), 100);
  assert.equal(stepOffset("last", 0, 100, 1_000_000), 999_900);
  assert.equal(stepOffset("first", 999_900, 100, 1_000_000), 0);
});

test("a column sorts ascending, then descending, then not at all; another column starts again", () => {
  assert.deepEqual(nextSort(null, "value"), { column: "value", descending: false });
  assert.deepEqual(nextSort({ column: "value", descending: false }, "value"), { column: "value", descending: true });
  assert.equal(nextSort({ column: "value", descending: true }, "value"), null);
  assert.deepEqual(nextSort({ column: "value", descending: true }, "start"), { column: "start", descending: false });
});

test("the query leaves out empty filters and keeps an empty county (cases naming none)", () => {
  assert.deepEqual(caseQuery({}), { offset: 0, limit: 50 });
  assert.deepEqual(caseQuery({ offset: 100, limit: 100, sort: { column: "value", descending: true }, county: "麒麟区", status: "open", lateOnly: true, search: "  QJ-1 " }), {
    offset: 100,
    limit: 100,
    sort: { column: "value", descending: true },
    county: "麒麟区",
    status: "open",
    lateOnly: true,
    search: "QJ-1",
  });
  assert.deepEqual(caseQuery({ county: "" }), { offset: 0, limit: 50, county: "" });
  assert.deepEqual(caseQuery({ county: "*", search: "   " }), { offset: 0, limit: 50 });
});
