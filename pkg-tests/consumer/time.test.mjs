// Time windows through the installed package.
import test from "node:test";
import assert from "node:assert/strict";
import { formatTimeWindow, parseTimeWindow, parseTimeWindowBatch } from "orderbridge";

test("a Yandex local interval gets absolute bounds from a zone and a date", () => {
  const r = parseTimeWindow("10:00-14:00", { timeZone: "Europe/Moscow", date: "2024-03-22" });
  assert.equal(r.ok, true);
  assert.equal(r.kind, "local");
  assert.deepEqual([r.start, r.end], [36000, 50400]);
  // 10:00 MSK (+03:00) on 2024-03-22 is 07:00 UTC.
  assert.equal(r.startUnix, Date.UTC(2024, 2, 22, 7) / 1000);
  assert.equal(r.endUnix, Date.UTC(2024, 2, 22, 11) / 1000);
});

test("a window that crosses midnight ends on the next day", () => {
  const r = parseTimeWindow("22:00-02:00", { timeZone: "Asia/Kathmandu", date: "2024-01-10" });
  assert.equal(r.end, 26 * 3600);
  assert.equal(r.endUnix - r.startUnix, 4 * 3600);
  // Kathmandu is +05:45.
  assert.equal(r.startUnix, Date.UTC(2024, 0, 10, 22) / 1000 - (5 * 3600 + 45 * 60));
});

test("a DST gap is resolved and reported", () => {
  const r = parseTimeWindow("02:30-04:00", { timeZone: "America/New_York", date: "2024-03-10" });
  assert.ok(r.issues.some((i) => i.code === "DST_GAP" && i.severity === "warning"));
  // 02:30 does not exist; it moves forward by the hour to 03:30 EDT (07:30 UTC).
  assert.equal(r.startUnix, Date.UTC(2024, 2, 10, 7, 30) / 1000);
});

test("bad windows are issues with precise codes", () => {
  assert.equal(parseTimeWindow("25:00-26:00").issues[0].code, "INVALID_FORMAT");
  assert.equal(parseTimeWindow("10:00-").issues[0].code, "INVALID_FORMAT");
  assert.equal(parseTimeWindow("2018-09-06T12:45:00+03:00/2018-09-06T10:15:00+03:00").issues[0].code, "WINDOW_INVERTED");
  assert.throws(() => parseTimeWindow("10:00-12:00", { timeZone: "Mars/Olympus" }), (e) => e.code === "UNKNOWN_TIME_ZONE");
});

test("OptimoRoute windows format back to their own field", () => {
  const parsed = parseTimeWindow({ date: "2018-11-12", timeWindows: [{ twFrom: "11:00", twTo: "17:00" }] });
  assert.equal(parsed.ok, true);
  const out = formatTimeWindow(parsed.windows, "optimorouteTimeWindows");
  assert.equal(out.ok, true);
  assert.deepEqual(out.output, [{ twFrom: "11:00", twTo: "17:00" }]);
});

test("the batch parser returns seven numbers per line", () => {
  const values = parseTimeWindowBatch(["09:00-18:00", "2018-09-06T10:15:00+03:00/PT2H30M"].join("\n"), { timeZone: "Europe/Moscow", date: "2024-03-22" });
  assert.ok(values instanceof Float64Array);
  assert.equal(values.length, 14);
});
