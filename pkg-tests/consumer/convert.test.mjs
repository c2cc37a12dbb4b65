// Conversion through the installed package: the result's `issues` and `lost` are built when
// first read, and behave like plain properties (spread, JSON, structured clone, later reads).
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { convert, convertJson, validateJson } from "orderbridge";

const fixture = (vendor, name) => readFileSync(new URL(`../../../tests/fixtures/${vendor}/${name}`, import.meta.url), "utf8");
const order = { number: "A-1", kind: "delivery", date: "2024-03-22", location: { code: "L1" }, contact: { phone2: "+1 555" } };

test("a result reads like a plain object", () => {
  const a = convert(order, { from: "canonical", to: "optimoroute" });
  assert.deepEqual(Object.keys(a), ["output", "issues", "lost"]);
  assert.deepEqual(a.lost, ["/contact/phone2"]);
  assert.equal(a.issues[0].code, "LOSSY_CONVERSION");
  assert.equal(a.issues, a.issues, "built once");
  const b = convertJson(JSON.stringify(order), { from: "canonical", to: "optimoroute" });
  assert.deepEqual(JSON.parse(JSON.stringify(b)).lost, ["/contact/phone2"]);
  assert.deepEqual(structuredClone(b).lost, ["/contact/phone2"]);
  assert.deepEqual({ ...b }.issues.map((i) => i.path), ["/contact/phone2"]);
});

test("an earlier result keeps its report after later conversions", () => {
  const early = convertJson(JSON.stringify(order), { from: "canonical", to: "optimoroute" });
  for (let i = 0; i < 3; i++) convertJson(JSON.stringify(order), { from: "canonical", to: "optimoroute" });
  assert.deepEqual(early.lost, ["/contact/phone2"]);
  assert.equal(early.issues.length, 1);
});

test("the documented OptimoRoute bulk example converts to Wialon, its order without coordinates reported by index", () => {
  const r = convertJson(fixture("optimoroute", "create_or_update_orders_request.json"), {
    from: "optimoroute",
    to: "wialon",
    timeZone: "America/New_York",
    defaults: { vendor: { wialon: { itemId: 734 } } },
  });
  // The second order names an existing location only: Wialon needs the point.
  assert.deepEqual(
    r.issues.filter((i) => i.severity === "error").map((i) => [i.path, i.code]),
    [["/orders/1", "CANNOT_CONVERT"]],
  );
  assert.equal(JSON.parse(r.output).params.params.length, 2);
  assert.equal(validateJson("wialon", r.output).ok, true);
  assert.ok(r.lost.includes("/orders/0/type"));
});
