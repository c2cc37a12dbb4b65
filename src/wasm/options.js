// Reads a conversion's options object for src/wasm/convert.rs in one call. Read from Rust, each
// option was a `Reflect.get` across the boundary with its name made into a JS string first:
// about a tenth of a one-order conversion, the call edge workers and order forms make.
//
// Only plain ES function exports: scripts/build-pkg.sh rewrites them as CommonJS for the Node
// build, which older Node versions `require` without ES-module support.

// The value of each name in `names`, read as `options[name]` (so an inherited value or a getter
// counts, as with Reflect.get), followed by the first own key that is not among `names`, or
// undefined when there is none.
export function optionValues(options, names) {
  const values = names.map((name) => options[name]);
  let unknown;
  for (const key of Object.keys(options)) {
    if (!names.includes(key)) {
      unknown = key;
      break;
    }
  }
  values.push(unknown);
  return values;
}
