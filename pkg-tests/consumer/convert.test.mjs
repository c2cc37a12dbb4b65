// Conversions through the installed package: a few directions with exact outputs, convertJson
// on batches (good orders converted, bad ones reported by index), preserveUnmapped round trips,
// strict, misuse (missing from/to, unknown options, bad zone) as coded Errors, and the result's
// `issues` and `lost`, which are built when first read and behave like plain properties
// (spread, JSON, structured clone, later reads).
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { convert, convertJson, validate, validateJson } from "orderbridge";
import { largeAsciiBatch, largeBatchOptions } from "./fixtures.mjs";

const fixture = (vendor, name) => readFileSync(new URL(`../../../tests/fixtures/${vendor}/${name}`, import.meta.url), "utf8");
const errors = (result) => result.issues.filter((i) => i.severity === "error");

const yandexOrder = {
  number: "ORD-2024-0322-17",
  address: "Moscow, Leo Tolstoy St 16",
  lat: 55.733969,
  lon: 37.587093,
  time_interval: "10:00-14:00",
  route_number: "R-0322-7",
  customer_name: "Ivan Ivanov",
  phone: "+79161234567",
  service_duration_s: 300,
  weight: 7.5,
  amount: 1490.5,
};

test("Yandex to Wialon places the local window in the zone and reports what Wialon cannot hold", () => {
  const result = convert(yandexOrder, {
    from: "yandex",
    to: "wialon",
    date: "2024-03-22",
    timeZone: "Europe/Moscow",
    defaults: { vendor: { wialon: { itemId: 734455 } } },
  });
  // 10:00 Moscow (UTC+3) on 2024-03-22 is 07:00Z.
  assert.deepEqual(result.output, {
    itemId: 734455,
    id: 0,
    callMode: "create",
    n: "ORD-2024-0322-17",
    p: { n: "Ivan Ivanov", p: "+79161234567", a: "Moscow, Leo Tolstoy St 16", w: "7.5", ut: 300 },
    tf: 1711090800,
    tt: 1711105200,
    y: 55.733969,
    x: 37.587093,
  });
  assert.deepEqual([...result.lost].sort(), ["/amount", "/route_number"]);
  for (const path of result.lost) {
    const issue = result.issues.find((i) => i.path === path && i.code === "LOSSY_CONVERSION");
    assert.ok(issue && issue.severity === "warning", path);
  }
  assert.equal(validate("wialon", result.output).ok, true);
});

test("Magic Lane to canonical and to Yandex, with derived values reported", () => {
  const lyon = JSON.parse(fixture("magiclane", "create-lyon.json"));
  const canonical = convert(lyon, { from: "magiclane", to: "canonical" });
  assert.deepEqual(canonical.issues, []);
  assert.equal(canonical.output.orders[0].number, "Lyon 17");
  assert.deepEqual(canonical.output.orders[0].timeWindows, [
    { kind: "local", start: 32400, end: 43200, endBounds: "serviceStart" },
  ]);
  const yandex = convert(lyon, { from: "magiclane", to: "yandex", defaults: { assignment: { routeNumber: "FR-1" } } });
  const body = yandex.output[0];
  assert.equal(body.address, "17 Rue de la République, 69002 Lyon, Rhône, Auvergne-Rhône-Alpes, France");
  assert.equal(body.customer_name, "Claire Martin");
  assert.equal(body.time_interval, "09:00-12:00");
  assert.deepEqual(
    yandex.issues.filter((i) => i.code === "DERIVED_VALUE").map((i) => i.path),
    ["/0/address", "/0/firstName"],
  );
  assert.equal(validate("yandex", yandex.output).ok, true);
});

test("convertJson on a batch converts the good orders and reports the bad ones by index", () => {
  const orders = JSON.parse(fixture("magiclane", "create-request.json"));
  orders.push({ alias: "broken", location: [148.87, 2.35], timeWindow: [600, 660] });
  orders.push({ alias: "Third", location: [48.85, 2.29], timeWindow: [480, 540] });
  const result = convertJson(JSON.stringify(orders), {
    from: "magiclane",
    to: "yandex",
    defaults: { location: { address: "Paris" }, assignment: { routeNumber: "FR-1" } },
  });
  assert.equal(typeof result.output, "string");
  const out = JSON.parse(result.output);
  assert.deepEqual(out.map((o) => o.number), ["Magic Order", "Magic Order2", "Third"]);
  assert.deepEqual(
    errors(result).map((i) => [i.path, i.code]),
    [["/2/location/0", "OUT_OF_RANGE"]],
  );
  assert.ok(result.lost.every((p) => /^\/[013]\//.test(p)), result.lost.join(", "));
  assert.equal(validateJson("yandex", result.output).ok, true);

  // A canonical batch to Wialon is a core/batch.
  const canonical = convertJson(JSON.stringify(orders.slice(0, 2)), { from: "magiclane", to: "canonical" });
  const wialon = convertJson(canonical.output, {
    from: "canonical",
    to: "wialon",
    date: "2024-03-22",
    timeZone: "Europe/Paris",
    defaults: { vendor: { wialon: { itemId: 1 } } },
  });
  const batch = JSON.parse(wialon.output);
  assert.equal(batch.svc, "core/batch");
  assert.equal(batch.params.params.length, 2);
  assert.equal(validate("wialon", batch).kind, "core/batch");
});

test("preserveUnmapped carries what Wialon cannot hold in ej and brings it back", () => {
  const lyon = JSON.parse(fixture("magiclane", "create-lyon.json"));
  const options = { date: "2024-03-22", timeZone: "Europe/Paris", preserveUnmapped: true };
  const there = convert(lyon, { ...options, from: "magiclane", to: "wialon", defaults: { vendor: { wialon: { itemId: 1 } } } });
  assert.deepEqual(there.lost, []);
  const call = there.output.params.params[0].params;
  assert.equal(call.ej.orderbridge.orderbridge, 1);
  assert.ok(there.issues.some((i) => i.code === "CARRIED_IN_EXTENSION"));
  const back = convert(there.output, { ...options, from: "wialon", to: "magiclane" });
  const order = back.output[0];
  // Wialon's own itemId rides back in customData, beside the order's own customData.
  const envelope = JSON.parse(order.customData);
  assert.equal(envelope.order.vendor.magiclane.customData, lyon[0].customData);
  order.customData = lyon[0].customData;
  assert.deepEqual(order, lyon[0]);
});

test("strict turns a loss into an error and produces nothing", () => {
  const result = convert(yandexOrder, {
    from: "yandex",
    to: "magiclane",
    strict: true,
  });
  assert.equal(result.output, null);
  assert.ok(result.lost.includes("/address"));
  assert.ok(errors(result).every((i) => i.code === "LOSSY_CONVERSION"));
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
  assert.ok(caught.message.length > 10, caught.message);
  return caught;
}

test("misuse throws coded Errors, and the module keeps working", () => {
  const missingFrom = throwsCoded(() => convert(yandexOrder, { to: "wialon" }), "INVALID_OPTION");
  assert.match(missingFrom.message, /from/);
  throwsCoded(() => convert(yandexOrder, { from: "yandex" }), "INVALID_OPTION");
  throwsCoded(() => convert(yandexOrder), "INVALID_OPTION");
  const unknown = throwsCoded(() => convert(yandexOrder, { from: "yandex", to: "wialon", timezone: "UTC" }), "INVALID_OPTION");
  assert.match(unknown.message, /timezone/);
  throwsCoded(() => convert(yandexOrder, { from: "yandex", to: "tomtom" }), "UNKNOWN_FORMAT");
  throwsCoded(() => convert(yandexOrder, { from: "yandex", to: "wialon", timeZone: "Mars/Olympus" }), "UNKNOWN_TIME_ZONE");
  throwsCoded(() => convert(yandexOrder, { from: "yandex", to: "wialon", windowSemantics: "stretch" }), "INVALID_OPTION");
  // A Wialon priority past 2^53 would not be the number the caller typed.
  throwsCoded(() => convert(yandexOrder, { from: "yandex", to: "wialon", priorities: { wialon: [0, 1, 2, 2 ** 60] } }), "INVALID_OPTION");
  throwsCoded(() => convertJson("{ not json", { from: "yandex", to: "wialon" }), "INVALID_JSON");
  throwsCoded(() => convertJson({ not: "text" }, { from: "yandex", to: "wialon" }), "INVALID_ARGUMENT");
  // A getter that throws is the caller's own error, reported as such rather than read as absent.
  const threw = throwsCoded(
    () => convert(yandexOrder, { from: "yandex", get to() { throw new Error("no target chosen yet"); } }),
    "INVALID_OPTION",
  );
  assert.match(threw.message, /no target chosen yet/);
  // Still answering after every throw.
  assert.equal(convert(yandexOrder, { from: "yandex", to: "canonical" }).output.number, "ORD-2024-0322-17");
});

test("options are read as properties: inherited values and getters count, unknown own keys do not pass", () => {
  const inherited = Object.create({ from: "yandex", to: "canonical" });
  assert.equal(convert(yandexOrder, inherited).output.number, "ORD-2024-0322-17");
  const withGetter = { from: "yandex", get to() { return "canonical"; } };
  assert.equal(JSON.parse(convertJson(JSON.stringify(yandexOrder), withGetter).output).number, "ORD-2024-0322-17");
  // Only own keys are checked against the option names: a prototype's other members are not options.
  const typo = Object.assign(Object.create({ unrelated: 1 }), { from: "yandex", to: "canonical", strcit: true });
  assert.match(throwsCoded(() => convert(yandexOrder, typo), "INVALID_OPTION").message, /strcit/);
});

// ---- the result object, and OptimoRoute ----

const canonicalOrder = { number: "A-1", kind: "delivery", date: "2024-03-22", location: { code: "L1" }, contact: { phone2: "+1 555" } };

test("a result reads like a plain object", () => {
  const a = convert(canonicalOrder, { from: "canonical", to: "optimoroute" });
  assert.deepEqual(Object.keys(a), ["output", "issues", "lost"]);
  assert.deepEqual(a.lost, ["/contact/phone2"]);
  assert.equal(a.issues[0].code, "LOSSY_CONVERSION");
  assert.equal(a.issues, a.issues, "built once");
  const b = convertJson(JSON.stringify(canonicalOrder), { from: "canonical", to: "optimoroute" });
  assert.deepEqual(JSON.parse(JSON.stringify(b)).lost, ["/contact/phone2"]);
  assert.deepEqual(structuredClone(b).lost, ["/contact/phone2"]);
  assert.deepEqual({ ...b }.issues.map((i) => i.path), ["/contact/phone2"]);
});

test("an earlier result keeps its report after later conversions", () => {
  const early = convertJson(JSON.stringify(canonicalOrder), { from: "canonical", to: "optimoroute" });
  for (let i = 0; i < 3; i++) convertJson(JSON.stringify(canonicalOrder), { from: "canonical", to: "optimoroute" });
  // Later conversions that report other things, in memory the early report may have used.
  const other = { number: "B-2", location: { code: "L2" }, notes: "gate 4", contact: { phone2: "+1 555 0100", email: "nobody" } };
  for (let i = 0; i < 3; i++) convert(other, { from: "canonical", to: "wialon" });
  convertJson(JSON.stringify({ orders: Array.from({ length: 300 }, (_, i) => ({ ...other, number: `B-${i}` })) }), { from: "optimoroute", to: "yandex" });
  assert.deepEqual(early.lost, ["/contact/phone2"]);
  assert.equal(early.issues.length, 1);
  assert.equal(early.issues[0].path, "/contact/phone2");
  assert.equal(early.issues[0].code, "LOSSY_CONVERSION");
  assert.match(early.issues[0].message, /phone/);
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

test("a Yandex batch over 1000 orders is reported, and written in valid chunks on request", () => {
  const orders = Array.from({ length: 1001 }, (_, i) => ({ ...yandexOrder, number: `N-${i}` }));
  const whole = convert(orders, { from: "yandex", to: "yandex" });
  assert.equal(whole.output.length, 1001);
  assert.deepEqual(errors(whole).map((i) => i.code), ["TOO_MANY_ITEMS"]);
  assert.equal(validate("yandex", whole.output).ok, false);

  const chunked = convertJson(JSON.stringify(orders), { from: "yandex", to: "yandex", endpoint: "add_order_batch:chunks" });
  assert.deepEqual(errors(chunked), []);
  const chunks = JSON.parse(chunked.output);
  assert.deepEqual(chunks.map((c) => c.length), [1000, 1]);
  assert.equal(chunks[1][0].number, "N-1000");
  for (const chunk of chunks) assert.equal(validate("yandex", chunk).ok, true);
});

test("an endpoint the target does not write throws INVALID_OPTION instead of being ignored", () => {
  assert.throws(
    () => convert(yandexOrder, { from: "yandex", to: "wialon", endpoint: "core/batch" }),
    (e) => e instanceof Error && e.code === "INVALID_OPTION" && /one output form/.test(e.message),
  );
  assert.throws(
    () => convert(yandexOrder, { from: "yandex", to: "yandex", endpoint: "add_orders" }),
    (e) => e.code === "INVALID_OPTION" && /add_order_batch:chunks/.test(e.message),
  );
});

test("batches converted back to back without yielding keep correct reports, the oldest moved out of wasm memory", () => {
  // 30,000 OptimoRoute orders, each losing several fields to Wialon: a report of some 6 MB in
  // wasm memory. Thirty of them exceed what unread reports may hold there (128 MiB), so the
  // oldest are built as JS objects along the way; each must read as a fresh conversion's does.
  const order = (i) => ({
    orderNo: `B-${i}`,
    date: "2024-03-22",
    type: "D",
    location: { locationNo: `L-${i}`, locationName: `Customer ${i}`, address: `${i} Main St`, latitude: 42.35, longitude: -71.06 },
    duration: 10,
    timeWindows: [{ twFrom: "09:00", twTo: "11:00" }, { twFrom: "17:00", twTo: "19:00" }],
    notes: "Ring twice",
    skills: ["COLD"],
  });
  const body = JSON.stringify({ orders: Array.from({ length: 30_000 }, (_, i) => order(i)) });
  const options = { from: "optimoroute", to: "wialon", timeZone: "America/New_York", defaults: { vendor: { wialon: { itemId: 734 } } } };
  const results = Array.from({ length: 30 }, () => convertJson(body, options));
  const fresh = convertJson(body, options);
  const expected = { issues: fresh.issues.length, lost: fresh.lost.length, first: fresh.issues.slice(0, 12), lastLost: fresh.lost.at(-1) };
  assert.ok(expected.lost >= 30_000 * 4, `${expected.lost} lost`);
  // The first were built along the way, the last still wait in wasm memory.
  for (const r of [results[0], results[14], results[29]]) {
    assert.equal(r.issues.length, expected.issues);
    assert.equal(r.lost.length, expected.lost);
    assert.deepEqual(r.issues.slice(0, 12), expected.first);
    assert.equal(r.lost.at(-1), expected.lastLost);
  }
});

test("a large batch's output reads as its orders converted one by one, whether its text is ASCII or not", () => {
  // From 64 KiB on, an output that is all ASCII becomes a string without UTF-8 decoding (in
  // Node through Buffer's Latin-1 copy, src/wasm/text.js); any other is decoded as before.
  const n = largeAsciiBatch.length;
  for (const last of [`${n - 1} Main St`, "Rue du Café 1, Paris — ☕ 🚚"]) {
    const orders = largeAsciiBatch.map((o, i) => (i === n - 1 ? { ...o, location: { ...o.location, address: last } } : o));
    const big = convertJson(JSON.stringify({ orders }), largeBatchOptions);
    assert.ok(big.output.length > 64 * 1024, `${big.output.length}`);
    const calls = JSON.parse(big.output).params.params;
    assert.equal(calls.length, n);
    for (const i of [0, 123, n - 1]) {
      const alone = convertJson(JSON.stringify({ orders: [orders[i]] }), largeBatchOptions);
      assert.deepEqual(calls[i], JSON.parse(alone.output).params.params[0]);
    }
    assert.equal(calls[n - 1].params.p.a, last);
  }
});

test("options are read afresh at every call: changed defaults, other zones and other days convert with their own values", () => {
  // One-order calls keep what the last call read (its defaults, its zone, the offset of its
  // day) for the next one; none of it may outlive a change of the options or of the order.
  const order = (date, from) => JSON.stringify({
    orders: [{ orderNo: "ORD-1", date, type: "D", location: { address: "1 Main St", latitude: 42.35, longitude: -71.06 }, duration: 5, timeWindows: [{ twFrom: from, twTo: "15:00" }] }],
  });
  const params = (result) => {
    assert.deepEqual(errors(result), []);
    return JSON.parse(result.output).params.params[0].params;
  };
  const defaults = { vendor: { wialon: { itemId: 734 } } };
  const options = { from: "optimoroute", to: "wialon", timeZone: "America/New_York", defaults };
  const unix = (iso) => Date.parse(iso) / 1000;

  assert.equal(params(convertJson(order("2024-03-22", "13:00"), options)).itemId, 734);
  defaults.vendor.wialon.itemId = 99; // the same object, changed between calls
  assert.equal(params(convertJson(order("2024-03-22", "13:00"), options)).itemId, 99);
  assert.equal(params(convertJson(order("2024-03-22", "13:00"), { ...options, defaults: { vendor: { wialon: { itemId: 5 } } } })).itemId, 5);
  assert.throws(() => convertJson(order("2024-03-22", "13:00"), { ...options, defaults: { date: "nope" } }), { code: "INVALID_OPTION" });
  assert.equal(params(convertJson(order("2024-03-22", "13:00"), options)).itemId, 99);

  // EDT, EST the day before the clocks moved, Moscow, and New York again.
  assert.equal(params(convertJson(order("2024-03-22", "13:00"), options)).tf, unix("2024-03-22T17:00:00Z"));
  assert.equal(params(convertJson(order("2024-03-09", "13:00"), options)).tf, unix("2024-03-09T18:00:00Z"));
  assert.equal(params(convertJson(order("2024-03-09", "13:00"), { ...options, timeZone: "Europe/Moscow" })).tf, unix("2024-03-09T10:00:00Z"));
  assert.equal(params(convertJson(order("2024-03-09", "13:00"), options)).tf, unix("2024-03-09T18:00:00Z"));
  // The day the clocks moved: 02:30 does not exist and moves forward by the gap, with a warning.
  const gap = convertJson(order("2024-03-10", "02:30"), options);
  assert.equal(params(gap).tf, unix("2024-03-10T07:30:00Z"));
  assert.ok(gap.issues.some((i) => i.code === "DST_GAP"));
  assert.equal(params(convertJson(order("2024-03-10", "13:00"), options)).tf, unix("2024-03-10T17:00:00Z"));
});
