// Copies a JS string's UTF-8 into wasm memory for src/wasm/mod.rs (`encode_at_end`) in one
// call. Done from Rust, the view, the call and the two counts read back were eight calls across
// the boundary, two of them making the counts' names into JS strings: about 4% of a one-order
// conversion.
//
// Only plain ES function exports: scripts/build-pkg.sh rewrites them as CommonJS for the Node
// build, which older Node versions `require` without ES-module support.

// `encoder.encodeInto` over `room` bytes of `memory` from `offset`; returns its `{ read, written }`.
export function encodeIntoMemory(encoder, text, memory, offset, room) {
  return encoder.encodeInto(text, new Uint8Array(memory.buffer, offset, room));
}
