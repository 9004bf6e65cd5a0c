// The host side of this example for `extism-as call --functions`: a
// key-value store kept in memory for as long as the command runs.
//
//   extism-as call build/examples/host-functions.wasm count_calls \
//     --functions examples/host-functions/functions.mjs --loop 3
//
// Each named export is a host function of the module "extism:host/user", in
// the JS SDK's form: the call context first, then the plug-in's arguments
// (i64 values, here block handles, as BigInt). Strings and JSON travel in
// blocks: read one with cp.read(handle).text(), return one with
// cp.store(text); 0n is "nothing". For another module, export default
// { "module name": { name(cp, ...args) { ... } } } instead.
const store = new Map();

export function kv_read(cp, key) {
  const value = store.get(cp.read(key).text());
  return value === undefined ? 0n : cp.store(value);
}

export function kv_write(cp, key, value) {
  store.set(cp.read(key).text(), cp.read(value).text());
}
