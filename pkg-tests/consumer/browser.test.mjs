// The package in Chromium: as a plain ES module (explicit init, and the auto-initializing
// default entry through an import map) and bundled by Vite.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build } from "vite";
import { serveStatic } from "../../../scripts/static-server.mjs";
import { brokenOrder, canonicalOrder, largeAsciiBatch, largeBatchOptions, lossyExpected, lossyOrder } from "./fixtures.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const here = fileURLToPath(new URL(".", import.meta.url));
const probe = `
  const results = {};
  results.version = ob.version();
  results.good = ob.validate("canonical", ${JSON.stringify(canonicalOrder)});
  results.bad = ob.validate("canonical", ${JSON.stringify(brokenOrder)});
  try { ob.validate("canonical", "{oops"); } catch (e) { results.thrown = { isError: e instanceof Error, code: e.code }; }
  results.after = ob.validate("canonical", ${JSON.stringify(canonicalOrder)}).ok;
  const converted = ob.convertJson(${JSON.stringify(JSON.stringify(lossyOrder))}, { from: "canonical", to: "optimoroute" });
  results.converted = { lost: converted.lost, issues: converted.issues.map((i) => [i.path, i.code, i.severity]) };
  // A batch whose output is large and all ASCII comes out of wasm memory the fast way.
  const batchOptions = ${JSON.stringify(largeBatchOptions)};
  const orders = ${JSON.stringify(largeAsciiBatch)};
  const big = ob.convertJson(JSON.stringify({ orders }), batchOptions).output;
  const alone = ob.convertJson(JSON.stringify({ orders: [orders.at(-1)] }), batchOptions).output;
  results.big = { length: big.length, last: JSON.parse(big).params.params.at(-1), alone: JSON.parse(alone).params.params[0] };
  window.__result = results;
`;

let browser;
let server;
let base;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}; make test installs it (apt-get install chromium)`);
  await buildViteApp();
  ({ server, url: base } = await serveStatic({ "/": here }));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});


function page(head, body) {
  return `<!doctype html><html><head><meta charset="utf-8">${head}</head><body><script type="module">${body}</script></body></html>`;
}

async function run(path) {
  const tab = await browser.newPage();
  const errors = [];
  tab.on("pageerror", (e) => errors.push(String(e)));
  tab.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await tab.goto(`${base}/${path}`);
  await tab.waitForFunction(() => window.__result !== undefined, null, { timeout: 20000 }).catch(() => {});
  const result = await tab.evaluate(() => window.__result);
  await tab.close();
  assert.ok(result, `the page produced no result; errors: ${errors.join(" | ")}`);
  return result;
}

function check(result) {
  assert.match(result.version, /^\d+\.\d+\.\d+/);
  assert.deepEqual(result.good, { ok: true, issues: [], kind: "order" });
  assert.deepEqual(result.bad.issues.map((i) => i.code), ["INVALID_TYPE", "OUT_OF_RANGE", "COORDINATES_SWAPPED", "UNKNOWN_ENUM_VALUE", "UNKNOWN_FIELD"]);
  assert.deepEqual(result.thrown, { isError: true, code: "INVALID_JSON" });
  assert.equal(result.after, true);
  assert.deepEqual(result.converted, lossyExpected);
  assert.ok(result.big.length > 64 * 1024, `${result.big.length}`);
  assert.deepEqual(result.big.last, result.big.alone);
}

test("plain ES module with explicit init (orderbridge/web)", async () => {
  writeFileSync(
    join(here, "explicit.html"),
    page("", `import init, * as ob from "/node_modules/orderbridge/web/orderbridge.js"; await init(); ${probe}`),
  );
  check(await run("explicit.html"));
});

test("the default entry initializes itself (import map, top-level await)", async () => {
  writeFileSync(
    join(here, "auto.html"),
    page(`<script type="importmap">{"imports":{"orderbridge":"/node_modules/orderbridge/index.js"}}</script>`, `import * as ob from "orderbridge"; ${probe}`),
  );
  check(await run("auto.html"));
});

test("a Vite build that imports 'orderbridge' runs in the browser", async () => {
  check(await run("vite-app/dist/index.html"));
});

async function buildViteApp() {
  const app = join(here, "vite-app");
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "index.html"), `<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>`);
  writeFileSync(join(app, "main.js"), `import * as ob from "orderbridge";\n${probe}`);
  await build({ root: app, base: "./", logLevel: "error", build: { outDir: join(app, "dist"), emptyOutDir: true } });
}
