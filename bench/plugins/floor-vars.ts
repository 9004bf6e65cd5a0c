// build: floor
// Store the input in var "v", read it back, output it. Host calls: the input
// copied into a block (as floor-echo), var_set, var_get, length, output_set,
// and two one-byte key blocks (alloc + store_u8 each: the host frees a key).
import { input_length, inputToBlock, keyBlock, length, output_set, var_get, var_set } from "./lib/floor";

export function vars(): i32 {
  var_set(keyBlock(), inputToBlock(input_length()));
  const h = var_get(keyBlock());
  output_set(h, length(h));
  return 0;
}
