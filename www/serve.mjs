// Serves the demo: www/ at /, the built package at /pkg/. 127.0.0.1 only; PORT overrides 8080.
import { fileURLToPath } from "node:url";
import { serveStatic } from "../scripts/static-server.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.PORT ?? 8080);
const { url } = await serveStatic({ "/": `${root}/www`, "/pkg/": `${root}/pkg` }, { port });
console.log(`orderbridge demo: ${url}/  (Ctrl-C to stop)`);
