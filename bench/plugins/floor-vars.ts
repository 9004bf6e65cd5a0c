// build: floor
import { asciiBlock, input_length, inputToBlock, length, output_set, var_get, var_set } from "./lib/floor";

export function vars(): i32 {
  const n = input_length();
  var_set(asciiBlock("v"), inputToBlock(n));
  const h = var_get(asciiBlock("v"));
  output_set(h, length(h));
  return 0;
}
