import { free, var_get } from "./extism";
import { Memory, stringBlock } from "./memory";

// Who owns the block `var_get` returns differs between hosts:
//
// - the Rust runtime and JS SDK 2.x hand out a fresh copy of the value on
//   every call, which is the plug-in's to free (unfreed, JS 2.x in worker
//   mode keeps every copy for the plug-in's life);
// - JS SDK 1.0.3 hands out the var's own storage block, the same handle on
//   every call: freeing it destroys the var.
//
// So two `var_get` of one key, the first block still held, give two handles
// on a host that copies (a live block is never handed out twice) and one
// handle on a host that shares. The PDK asks once per plug-in instance (its
// globals live as long as the instance, on every host) and remembers.

// @ts-ignore: decorator
@inline
const UNKNOWN: u8 = 0;
// @ts-ignore: decorator
@inline
const SHARED: u8 = 1;
// @ts-ignore: decorator
@inline
const COPIES: u8 = 2;

// @ts-ignore: decorator
@lazy
let varBlocks: u8 = UNKNOWN;

/**
 * @internal Gives back the block `value` that `var_get` returned for `key`,
 * once the PDK has copied what it needs: frees it where the host handed out a
 * copy, leaves it where it is the var's own storage (JS SDK 1.0.3). The first
 * call of a plug-in instance finds out which, with one more `var_get` of
 * `key` (and a `free` of its copy). When it cannot tell, it frees nothing.
 */
export function releaseVarBlock(key: string, value: Memory): void {
  if (varBlocks == UNKNOWN) varBlocks = probe(key, value.offset);
  if (varBlocks == COPIES) value.free();
}

/** Reads `key` again while `first` (its block from `var_get`) is still held. */
function probe(key: string, first: u64): u8 {
  const second = var_get(stringBlock(key));
  // 0: the host found nothing this time (it should not happen; ask again next time).
  if (second == 0) return UNKNOWN;
  if (second == first) return SHARED;
  free(second);
  return COPIES;
}

/** @internal Forgets what the probe found, as a new plug-in instance would (unit tests). */
export function forgetVarOwnership(): void {
  varBlocks = UNKNOWN;
}
