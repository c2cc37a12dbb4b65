import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { validate, validateJson, version } from "orderbridge";
import { batch, brokenOrder, canonicalOrder } from "./fixtures.mjs";

test("`import` in Node resolves the package's node ESM entry", () => {
  assert.match(import.meta.resolve("orderbridge"), /node_modules\/orderbridge\/node\/index\.mjs$/);
});

test("version() is the package version", () => {
  const pkg = JSON.parse(readFileSync(new URL("./node_modules/orderbridge/package.json", import.meta.url)));
  assert.equal(version(), pkg.version);
});

test("a valid canonical order validates with no issues", () => {
  const report = validate("canonical", canonicalOrder);
  assert.deepEqual(report, { ok: true, issues: [], kind: "order" });
});

test("every problem of a broken order is reported with its path and code", () => {
  const report = validate("canonical", brokenOrder);
  assert.equal(report.ok, false);
  assert.deepEqual(
    report.issues.map((i) => [i.path, i.code, i.severity]),
    [
      ["/number", "INVALID_TYPE", "error"],
      ["/location/lat", "OUT_OF_RANGE", "error"],
      ["/location/lat", "COORDINATES_SWAPPED", "warning"],
      ["/priority", "UNKNOWN_ENUM_VALUE", "error"],
      ["/colour", "UNKNOWN_FIELD", "warning"],
    ],
  );
  for (const issue of report.issues) assert.ok(issue.message.length > 10, issue.message);
});

test("a JSON string payload is validated like the object", () => {
  assert.deepEqual(validate("canonical", JSON.stringify(brokenOrder)), validate("canonical", brokenOrder));
  assert.deepEqual(validateJson("canonical", JSON.stringify(brokenOrder)), validate("canonical", brokenOrder));
});

test("a batch reports issues at /orders/<index>/...", () => {
  const b = batch(3);
  b.orders[1].location.lat = -95;
  const report = validateJson("canonical", JSON.stringify(b));
  assert.equal(report.kind, "batch");
  assert.deepEqual(
    report.issues.map((i) => [i.path, i.code]),
    [["/orders/1/location/lat", "OUT_OF_RANGE"], ["/orders/1/location/lat", "COORDINATES_SWAPPED"]],
  );
});

function throwsCoded(fn, code) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, `expected an Error, got ${caught}`);
  assert.equal(caught.code, code, caught.message);
  assert.ok(caught.message.length > 10);
  return caught;
}

test("misuse throws Errors with stable codes, and the module keeps working", () => {
  const notJson = throwsCoded(() => validate("canonical", "{ this is not json"), "INVALID_JSON");
  assert.match(notJson.message, /line 1, column 3/);
  throwsCoded(() => validate("tomtom", {}), "UNKNOWN_FORMAT");
  throwsCoded(() => validate("canonical", undefined), "INVALID_ARGUMENT");
  throwsCoded(() => validate(undefined, {}), "INVALID_ARGUMENT");
  throwsCoded(() => validate("canonical", () => 1), "INVALID_ARGUMENT");
  const cyclic = {};
  cyclic.self = cyclic;
  throwsCoded(() => validate("canonical", cyclic), "INVALID_ARGUMENT");
  throwsCoded(() => validate("canonical", { big: 10n }), "INVALID_ARGUMENT");
  throwsCoded(() => validate("canonical", {}, { endpiont: "x" }), "INVALID_OPTION");
  throwsCoded(() => validate("canonical", {}, "strict"), "INVALID_OPTION");
  throwsCoded(() => validateJson("canonical", { not: "a string" }), "INVALID_ARGUMENT");
  throwsCoded(() => validateJson("canonical", "[".repeat(100000)), "TOO_DEEP");
  // After all of that the instance is alive and answers correctly.
  assert.equal(validate("canonical", canonicalOrder).ok, true);
});

test("payloads that are JSON but not objects are issues, not crashes", () => {
  for (const payload of [null, 42, "\"text\"", [], true]) {
    const report = validate("canonical", payload);
    assert.equal(report.ok, false, JSON.stringify(payload));
    assert.equal(report.issues[0].code, "INVALID_TYPE");
    assert.equal(report.issues[0].path, "");
  }
});

test("a 2,000-order batch validates through validateJson", () => {
  const report = validateJson("canonical", JSON.stringify(batch(2000)));
  assert.equal(report.ok, true);
  assert.equal(report.issues.length, 0);
});
