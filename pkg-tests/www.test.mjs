// The demo page (www/) against the built package in Chromium: a pasted canonical order is
// validated in the browser and its issues are listed.
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serveStatic } from "../scripts/static-server.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const root = fileURLToPath(new URL("..", import.meta.url));
let browser;
let server;
let base;

before(async () => {
  assert.ok(existsSync(`${root}/pkg/package.json`), "build the package first (make pkg)");
  ({ server, url: base } = await serveStatic({ "/": `${root}/www`, "/pkg/": `${root}/pkg` }));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("the demo validates a pasted canonical order as the user types", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/`);
  await page.waitForFunction(() => document.getElementById("version").textContent.startsWith("orderbridge"));
  await page.fill("#payload", JSON.stringify({ number: "A1", location: { lat: 48.87, lon: 2.35 }, priority: "high" }));
  await page.waitForFunction(() => document.getElementById("summary").textContent.startsWith("Valid"));
  await page.fill("#payload", JSON.stringify({ number: "A1", location: { lat: 48.87, lon: 200 }, priority: "urgent" }));
  await page.waitForFunction(() => document.getElementById("summary").textContent.startsWith("2 errors"));
  const items = await page.$$eval("#issues li", (lis) => lis.map((li) => li.textContent));
  assert.equal(items.length, 2);
  assert.match(items[0], /\/location\/lon OUT_OF_RANGE/);
  assert.match(items[1], /\/priority UNKNOWN_ENUM_VALUE/);
  await page.fill("#payload", "{ \"number\": ");
  await page.waitForFunction(() => document.getElementById("summary").textContent === "Not JSON yet");
  // Converting a valid order to Magic Lane shows the output and names what was lost.
  await page.fill("#payload", JSON.stringify({ number: "A1", location: { lat: 48.87, lon: 2.35 }, priority: "high", requirements: { skills: ["fragile"] } }));
  await page.waitForFunction(() => document.getElementById("summary").textContent.startsWith("Valid"));
  await page.selectOption("#target", "magiclane");
  await page.waitForFunction(() => document.getElementById("output").textContent.includes("\"alias\""));
  const converted = JSON.parse(await page.textContent("#output"));
  const order = Array.isArray(converted) ? converted[0] : converted;
  assert.deepEqual(order.location, [48.87, 2.35]);
  assert.match(await page.textContent("#convert-summary"), /lost/);
  assert.deepEqual(errors, []);
  await page.close();
});
