// build: floor
// Echo bytes (also the floor of echo string: at the ABI, text is bytes).
// Host calls: input_length, alloc, output_set, and one input_load_u64 plus one
// store_u64 per 8-byte word (bytes one by one under 8).
import { input_length, inputToBlock, output_set } from "./lib/floor";

export function echo(): i32 {
  const n = input_length();
  output_set(inputToBlock(n), n);
  return 0;
}
