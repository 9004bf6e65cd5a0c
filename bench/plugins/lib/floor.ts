// The floor: the raw Extism imports and nothing else (no PDK, no GC: built
// with runtime "stub" by bench/plugins/floor.asconfig.json). Each floor
// plug-in makes the fewest host calls the ABI allows for its workload: one
// per 8-byte word, and for 8 bytes or more the last partial word is moved as
// a whole word that overlaps the one before it (the same trick as the PDK),
// so there is never a byte-by-byte tail; under 8 bytes, one call per byte.

@external("extism:host/env", "input_length") export declare function input_length(): u64;
@external("extism:host/env", "input_load_u64") export declare function input_load_u64(offset: u64): u64;
@external("extism:host/env", "input_load_u8") export declare function input_load_u8(offset: u64): u8;
@external("extism:host/env", "alloc") export declare function alloc(n: u64): u64;
@external("extism:host/env", "length") export declare function length(h: u64): u64;
@external("extism:host/env", "store_u64") export declare function store_u64(a: u64, v: u64): void;
@external("extism:host/env", "store_u8") export declare function store_u8(a: u64, v: u8): void;
@external("extism:host/env", "output_set") export declare function output_set(h: u64, n: u64): void;
@external("extism:host/env", "var_set") export declare function var_set(k: u64, v: u64): void;
@external("extism:host/env", "var_get") export declare function var_get(k: u64): u64;
@external("extism:host/env", "get_log_level") export declare function get_log_level(): i32;
@external("extism:host/env", "log_debug") export declare function log_debug(h: u64): void;

/** Routed here by floor.asconfig.json: a floor plug-in never aborts on the bench's inputs. */
export function abort(message: string | null, file: string | null, line: u32, column: u32): void {
  unreachable();
}

/** Copies the call's `n`-byte input straight into a new block of `n` bytes; returns its handle. */
export function inputToBlock(n: u64): u64 {
  const h = alloc(n);
  if (n < 8) {
    for (let i: u64 = 0; i < n; i++) store_u8(h + i, input_load_u8(i));
    return h;
  }
  const last = n - 8;
  for (let i: u64 = 0; i < last; i += 8) store_u64(h + i, input_load_u64(i));
  store_u64(h + last, input_load_u64(last));
  return h;
}

/** Copies `n` bytes at `ptr` of linear memory into a new block of `n` bytes; returns its handle. */
export function memoryToBlock(ptr: usize, n: u64): u64 {
  const h = alloc(n);
  if (n < 8) {
    for (let i: u64 = 0; i < n; i++) store_u8(h + i, load<u8>(ptr + <usize>i));
    return h;
  }
  const last = n - 8;
  for (let i: u64 = 0; i < last; i += 8) store_u64(h + i, load<u64>(ptr + <usize>i));
  store_u64(h + last, load<u64>(ptr + <usize>last));
  return h;
}

/** The one-byte key "v" in a new block (a key handed to var_get/var_set is the host's afterwards). */
export function keyBlock(): u64 {
  const h = alloc(1);
  store_u8(h, 0x76);
  return h;
}
