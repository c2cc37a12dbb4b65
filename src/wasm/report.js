// Builds a conversion's report (`issues` and `lost`) from the compact tables the wasm side hands
// over (src/wasm/convert.rs, `report_tables`). A batch of 100,000 orders has some 800,000
// issues that say a handful of messages: sent as JSON they were 120 MB of text for JSON.parse to
// read back, one copy of each message per issue. From tables, each distinct message, code and
// pointer tail is one JS string shared by every issue that says it, and a loss's pointer is its
// order's pointer joined to the tail (a `lost` entry is the same string as its issue's path).
//
// Only plain ES function exports: scripts/build-pkg.sh rewrites them as CommonJS for the Node
// build, which older Node versions `require` without ES-module support.

// One issue is ROW numbers of `rows`: the heap span of its pointer's first part, the table
// index of the rest, of its code, of its message, of its vendor code, and its flags.
const ROW = 6;
const ERROR = 1;
const LISTED = 2;
const HAS_VENDOR_CODE = 4;

// The indices come from Rust, which builds every row from the same tables; an index out of
// range would read `undefined` (JavaScript arrays never throw), not stop the page.
export function buildReport(table, heap, spans, rows) {
  const issues = [];
  const lost = [];
  const pieces = [];
  for (let r = 0; r + ROW <= rows.length; r += ROW) {
    const span = rows[r];
    let prefix = pieces[span];
    if (prefix === undefined) {
      prefix = heap.slice(spans[2 * span], spans[2 * span + 1]);
      pieces[span] = prefix;
    }
    const rest = table[rows[r + 1]];
    const path = rest === "" ? prefix : prefix + rest;
    const flags = rows[r + 5];
    const issue = {
      path,
      code: table[rows[r + 2]],
      message: table[rows[r + 3]],
      severity: flags & ERROR ? "error" : "warning",
    };
    if (flags & HAS_VENDOR_CODE) issue.vendorCode = table[rows[r + 4]];
    issues.push(issue);
    if (flags & LISTED) lost.push(path);
  }
  return [issues, lost];
}

// A conversion's result: `output` now, `issues` and `lost` as enumerable getters that ask the
// wasm side for them (`part(0)`, `part(1)`, one Rust closure), which builds both on first use.
export function conversionResult(output, part) {
  const result = { output };
  Object.defineProperty(result, "issues", { get: () => part(0), enumerable: true, configurable: true });
  Object.defineProperty(result, "lost", { get: () => part(1), enumerable: true, configurable: true });
  return result;
}
