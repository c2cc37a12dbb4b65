// Vendor payloads through the installed package: documented examples validate, broken ones
// report every problem with a path, and the Wialon form text is accepted as a string payload.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { validate, validateJson } from "orderbridge";

const fixture = (vendor, name) => readFileSync(new URL(`../../../tests/fixtures/${vendor}/${name}`, import.meta.url), "utf8");
const errors = (report) => report.issues.filter((i) => i.severity === "error");

test("each vendor's documented order example validates with no errors", () => {
  const cases = [
    ["wialon", "create-params.json", "order/update:create"],
    ["yandex", "add-order-request.json", "add_order"],
    ["optimoroute", "create_or_update_orders_request.json", "create_or_update_orders"],
    ["magiclane", "create-request.json", "create"],
  ];
  for (const [vendor, file, kind] of cases) {
    const report = validate(vendor, JSON.parse(fixture(vendor, file)));
    assert.deepEqual(errors(report), [], `${vendor} ${file}`);
    assert.equal(report.kind, kind, `${vendor} ${file}`);
  }
});

test("the Wialon form text is validated as text, and its session id never echoes", () => {
  const form = fixture("wialon", "create-form.txt");
  assert.equal(validate("wialon", form).ok, true);
  const broken = form.replace('"y":53.9361', '"y":153.9361');
  const report = validate("wialon", broken);
  assert.equal(report.ok, false);
  const sid = form.match(/sid=([0-9a-f]+)/)[1];
  for (const issue of report.issues) assert.ok(!issue.message.includes(sid), issue.message);
});

test("an OptimoRoute bulk body reports every broken order by path, with vendor codes", () => {
  const body = JSON.parse(fixture("optimoroute", "create_or_update_orders_request.json"));
  body.orders[0].priority = "X";
  body.orders[2].location.latitude = 142.3;
  delete body.orders[1].location;
  const report = validateJson("optimoroute", JSON.stringify(body), { endpoint: "create_or_update_orders" });
  const got = errors(report).map((i) => [i.path, i.code, i.vendorCode]);
  assert.deepEqual(got.find((g) => g[0] === "/orders/0/priority"), ["/orders/0/priority", "UNKNOWN_ENUM_VALUE", "ERR_INVALID_PARAM_FORMAT"]);
  assert.ok(got.some((g) => g[0] === "/orders/2/location/latitude" && g[1] === "OUT_OF_RANGE"));
});

test("more than 500 OptimoRoute orders is TOO_MANY_ITEMS", () => {
  const body = JSON.parse(fixture("optimoroute", "create_or_update_orders_request.json"));
  const many = { orders: Array.from({ length: 501 }, (_, i) => ({ ...body.orders[2], orderNo: `N${i}` })) };
  const report = validate("optimoroute", many, { endpoint: "create_or_update_orders" });
  assert.deepEqual(errors(report).map((i) => [i.path, i.code]), [["/orders", "TOO_MANY_ITEMS"]]);
});

test("Yandex limits and precedence rules", () => {
  const body = JSON.parse(fixture("yandex", "add-order-minimal.json"));
  const report = validate("yandex", { ...body, number: "x".repeat(81), amount: -1, mark_delivered_radius: 10001 });
  assert.deepEqual(
    errors(report).map((i) => [i.path, i.code]).sort(),
    [["/amount", "OUT_OF_RANGE"], ["/mark_delivered_radius", "OUT_OF_RANGE"], ["/number", "TOO_LONG"]],
  );
});

test("Magic Lane swapped coordinates are a warning", () => {
  const orders = JSON.parse(fixture("magiclane", "create-request.json"));
  orders[0].location = [102.35, 48.87]; // [lon, lat]: the classic GeoJSON-order mistake
  const report = validate("magiclane", orders);
  assert.ok(report.issues.some((i) => i.code === "COORDINATES_SWAPPED" && i.path.startsWith("/0/location")));
});

test("an unknown endpoint is an issue naming the valid ones", () => {
  const report = validate("optimoroute", {}, { endpoint: "create_orders" });
  assert.equal(report.issues[0].code, "UNKNOWN_ENDPOINT");
  assert.match(report.issues[0].message, /create_or_update_orders/);
});
