// The floor: raw Extism imports, no PDK. Each floor plug-in makes the fewest
// host calls the ABI allows for its workload (8-byte words; for 8 bytes or
// more the last partial word overlaps the one before, as the PDK does).

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

export function abort(message: string | null, file: string | null, line: u32, column: u32): void {
  unreachable();
}

/** Copies the input straight into a new kernel block; returns the block. */
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

/** A block holding the bytes of an ASCII string literal, stored byte-wise into the block by words. */
export function asciiBlock(s: string): u64 {
  const n = s.length;
  const h = alloc(<u64>n);
  for (let i = 0; i < n; i++) store_u8(h + <u64>i, <u8>s.charCodeAt(i));
  return h;
}
