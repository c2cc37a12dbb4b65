// Moves text across the boundary for src/wasm/mod.rs in one call each way: a JS string's UTF-8
// into wasm memory (`encode_at_end`), and a large ASCII text of wasm memory into a JS string
// (`text_value`). Done from Rust, the first (a view, the call and the two counts read back) was
// eight calls across the boundary, two of them making the counts' names into JS strings: about
// 4% of a one-order conversion.
//
// Only plain ES function exports: scripts/build-pkg.sh rewrites them as CommonJS for the Node
// build, which older Node versions `require` without ES-module support.

// `encoder.encodeInto` over `room` bytes of `memory` from `offset`; returns its `{ read, written }`.
export function encodeIntoMemory(encoder, text, memory, offset, room) {
  return encoder.encodeInto(text, new Uint8Array(memory.buffer, offset, room));
}

// Node's Buffer copies Latin-1, of which ASCII is the first half, straight into a string; its
// TextDecoder decodes UTF-8 first. For a batch's 30 MB output that was 1.9 ms against 14.5 ms.
// Elsewhere the platform's decoder is used: a bundler's Buffer polyfill would be far slower.
const nodeBuffer =
  typeof process === "object" && typeof process.versions?.node === "string" && typeof Buffer === "function"
    ? Buffer
    : undefined;
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

// The text of `length` bytes of `memory` from `offset`, which are all ASCII.
export function asciiText(memory, offset, length) {
  if (nodeBuffer !== undefined) {
    return nodeBuffer.from(memory.buffer, offset, length).toString("latin1");
  }
  return decoder.decode(new Uint8Array(memory.buffer, offset, length));
}
