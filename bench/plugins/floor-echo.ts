// build: floor
import { input_length, inputToBlock, output_set } from "./lib/floor";

export function echo(): i32 {
  const n = input_length();
  output_set(inputToBlock(n), n);
  return 0;
}
