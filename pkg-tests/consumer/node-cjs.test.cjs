const test = require("node:test");
const assert = require("node:assert/strict");
const ob = require("orderbridge");

test("`require` resolves the package's CommonJS build", () => {
  assert.match(require.resolve("orderbridge"), /node_modules\/orderbridge\/node\/orderbridge\.js$/);
});

test("validate works from CommonJS", () => {
  const report = ob.validate("canonical", { number: "A1", location: { lat: 91, lon: 0 } });
  assert.equal(report.ok, false);
  assert.deepEqual(report.issues.map((i) => [i.path, i.code]), [["/location/lat", "OUT_OF_RANGE"], ["/location/lat", "COORDINATES_SWAPPED"]]);
});

test("ESM and CommonJS consumers in one process share one wasm instance", async () => {
  const esm = await import("orderbridge");
  assert.equal(esm.validate, ob.validate);
});

test("misuse throws a coded Error from CommonJS too", () => {
  assert.throws(() => ob.validate("canonical", "nope"), (e) => e instanceof Error && e.code === "INVALID_JSON");
});

test("a conversion's report reads from CommonJS too", () => {
  const order = { number: "A-1", kind: "delivery", date: "2024-03-22", location: { code: "L1" }, contact: { phone2: "+1 555" } };
  const result = ob.convertJson(JSON.stringify(order), { from: "canonical", to: "optimoroute" });
  assert.deepEqual(result.lost, ["/contact/phone2"]);
  assert.deepEqual(result.issues.map((i) => [i.path, i.code, i.severity]), [["/contact/phone2", "LOSSY_CONVERSION", "warning"]]);
});
