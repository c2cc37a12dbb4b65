// The package's TypeScript types, checked the way a consumer's compiler sees them.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const ts = require("typescript");
const here = fileURLToPath(new URL(".", import.meta.url));

function compile(moduleResolution) {
  const program = ts.createProgram([join(here, "consumer.ts")], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: moduleResolution === "node16" ? ts.ModuleKind.Node16 : ts.ModuleKind.ESNext,
    moduleResolution: moduleResolution === "node16" ? ts.ModuleResolutionKind.Node16 : ts.ModuleResolutionKind.Bundler,
    skipLibCheck: false,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

test("a strict TypeScript consumer compiles against the package (bundler resolution)", () => {
  assert.deepEqual(compile("bundler"), []);
});

test("a strict TypeScript consumer compiles against the package (Node16 resolution)", () => {
  assert.deepEqual(compile("node16"), []);
});

test("the public declarations never use `any`", () => {
  const dir = join(here, "node_modules", "orderbridge");
  for (const file of ["web/orderbridge.d.ts", "node/orderbridge.d.ts", "index.d.ts"]) {
    const text = readFileSync(join(dir, file), "utf8");
    assert.ok(!/\bany\b/.test(text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "")), `${file} uses any`);
  }
  assert.ok(readdirSync(dir).length > 0);
});
