// The package inside Cloudflare's workerd (through Miniflare), bundled the way wrangler does:
// esbuild with the workerd conditions, the .wasm left as a module import.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import * as esbuild from "esbuild";
import { Miniflare } from "miniflare";
import { brokenOrder, canonicalOrder, largeAsciiBatch, largeBatchOptions, lossyExpected, lossyOrder } from "./fixtures.mjs";

const require = createRequire(import.meta.url);
let mf;

const worker = `
import { convertJson, validate, validateJson, version } from "orderbridge";
export default {
  async fetch(request) {
    const url = new URL(request.url);
    try {
      if (url.pathname === "/version") return Response.json({ version: version() });
      if (url.pathname === "/batch") {
        // A batch whose output is large and all ASCII (src/wasm/text.js makes it a string).
        const options = ${JSON.stringify(largeBatchOptions)};
        const orders = ${JSON.stringify(largeAsciiBatch)};
        const big = convertJson(JSON.stringify({ orders }), options).output;
        const alone = convertJson(JSON.stringify({ orders: [orders.at(-1)] }), options).output;
        return Response.json({ length: big.length, last: JSON.parse(big).params.params.at(-1), alone: JSON.parse(alone).params.params[0] });
      }
      if (url.pathname === "/convert") {
        const r = convertJson(await request.text(), { from: "canonical", to: "optimoroute" });
        return Response.json({ lost: r.lost, issues: r.issues.map((i) => [i.path, i.code, i.severity]) });
      }
      const format = url.searchParams.get("format") ?? "canonical";
      const body = await request.text();
      const report = url.pathname === "/json" ? validateJson(format, body) : validate(format, JSON.parse(body));
      return Response.json(report, { status: report.ok ? 200 : 422 });
    } catch (e) {
      return Response.json({ thrown: { isError: e instanceof Error, code: e.code, message: e.message } }, { status: 400 });
    }
  },
};`;

before(async () => {
  const wasmFiles = new Set();
  const result = await esbuild.build({
    stdin: { contents: worker, resolveDir: process.cwd(), loader: "js" },
    bundle: true,
    format: "esm",
    write: false,
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    plugins: [
      {
        name: "wasm-modules",
        setup(b) {
          b.onResolve({ filter: /\.wasm$/ }, (args) => {
            const full = join(args.resolveDir, args.path);
            wasmFiles.add(full);
            return { path: basename(full), external: true };
          });
        },
      },
    ],
  });
  const code = result.outputFiles[0].text;
  assert.match(code, /initSync/, "the bundle should use the workerd entry (synchronous init)");
  mf = new Miniflare({
    modules: [
      { type: "ESModule", path: "worker.mjs", contents: code },
      ...[...wasmFiles].map((f) => ({ type: "CompiledWasm", path: basename(f), contents: readFileSync(f) })),
    ],
    compatibilityDate: "2025-01-01",
  });
  assert.equal(wasmFiles.size, 1);
  assert.equal(dirname(require.resolve("orderbridge/orderbridge_bg.wasm")), dirname([...wasmFiles][0]));
});

after(async () => {
  await mf?.dispose();
});

test("the module loads in workerd and reports its version", async () => {
  const res = await mf.dispatchFetch("http://localhost/version");
  assert.match((await res.json()).version, /^\d+\.\d+\.\d+/);
});

test("a batch with a large output converts inside workerd as its orders do alone", async () => {
  const r = await (await mf.dispatchFetch("http://localhost/batch")).json();
  assert.ok(r.length > 64 * 1024, `${r.length}`);
  assert.deepEqual(r.last, r.alone);
});

test("validation runs inside workerd (no eval, no runtime wasm compilation)", async () => {
  let res = await mf.dispatchFetch("http://localhost/", { method: "POST", body: JSON.stringify(canonicalOrder) });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { ok: true, issues: [], kind: "order" });
  res = await mf.dispatchFetch("http://localhost/json", { method: "POST", body: JSON.stringify(brokenOrder) });
  assert.equal(res.status, 422);
  assert.deepEqual((await res.json()).issues.map((i) => i.path), ["/number", "/location/lat", "/location/lat", "/priority", "/colour"]);
});

test("an OptimoRoute bulk body validates inside workerd (where ajv's new Function is forbidden)", async () => {
  const body = readFileSync(new URL("../../../tests/fixtures/optimoroute/create_or_update_orders_request.json", import.meta.url), "utf8");
  let res = await mf.dispatchFetch("http://localhost/json?format=optimoroute", { method: "POST", body });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).kind, "create_or_update_orders");
  const broken = JSON.parse(body);
  broken.orders[0].type = "Q";
  res = await mf.dispatchFetch("http://localhost/json?format=optimoroute", { method: "POST", body: JSON.stringify(broken) });
  assert.equal(res.status, 422);
  assert.deepEqual((await res.json()).issues.filter((i) => i.severity === "error").map((i) => [i.path, i.code]), [["/orders/0/type", "UNKNOWN_ENUM_VALUE"]]);
});

test("a conversion's report is built inside workerd", async () => {
  const res = await mf.dispatchFetch("http://localhost/convert", { method: "POST", body: JSON.stringify(lossyOrder) });
  assert.deepEqual(await res.json(), lossyExpected);
});

test("misuse inside workerd throws a coded Error", async () => {
  const res = await mf.dispatchFetch("http://localhost/json", { method: "POST", body: "{not json" });
  const body = await res.json();
  assert.equal(body.thrown.isError, true);
  assert.equal(body.thrown.code, "INVALID_JSON");
});
