// Tests the npm package the way a consumer gets it: `npm pack` the built pkg/, install the
// tarball into a fresh project under .tmp/, copy the consumer tests there, and run them with
// `node --test` so that every `import "orderbridge"` resolves through the package's `exports`.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const tmp = join(here, ".tmp");
const consumer = join(tmp, "consumer");

rmSync(tmp, { recursive: true, force: true });
mkdirSync(consumer, { recursive: true });

const packed = execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", tmp, "--json"], {
  encoding: "utf8",
});
const tarball = JSON.parse(packed)[0].filename.replace(/^@.*\//, "");
console.log(`packed ${tarball}`);

writeFileSync(
  join(consumer, "package.json"),
  JSON.stringify(
    { name: "orderbridge-consumer", private: true, type: "module", dependencies: { orderbridge: `file:../${tarball}` } },
    null,
    2,
  ),
);
execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: consumer, stdio: "inherit" });
cpSync(join(here, "consumer"), consumer, { recursive: true });

const only = process.argv.slice(2);
const tests = readdirSync(consumer)
  .filter((f) => /\.test\.(mjs|cjs)$/.test(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
console.log(`running ${tests.join(", ")}`);
try {
  execFileSync(process.execPath, ["--test", "--test-concurrency=1", ...tests], { cwd: consumer, stdio: "inherit" });
} catch {
  process.exitCode = 1;
}
