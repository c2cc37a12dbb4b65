// The entry for Cloudflare Workers (workerd): the runtime forbids compiling wasm from bytes at
// run time, so the .wasm is imported as a module (wrangler and Miniflare compile it at upload)
// and instantiated synchronously.
import wasmModule from "./web/orderbridge_bg.wasm";
import { initSync } from "./web/orderbridge.js";

initSync({ module: wasmModule });

export * from "./web/orderbridge.js";
