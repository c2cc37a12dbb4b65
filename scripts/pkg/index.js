// The default entry for browsers and bundlers: initializes the module once (top-level await,
// fetching orderbridge_bg.wasm next to web/orderbridge.js) so that callers can use every
// function right after `import`. Use "orderbridge/web" for an explicit `await init()` instead.
import init from "./web/orderbridge.js";

await init();

export * from "./web/orderbridge.js";
