// build: floor
// What examples/count-vowels does (count, keep the running total in var
// "total", output the JSON report), with the fewest host calls.
import { alloc, asciiBlock, input_length, input_load_u64, input_load_u8, length, output_set, store_u8, var_get, var_set } from "./lib/floor";

@external("extism:host/env", "load_u8") declare function load_u8(a: u64): u8;

function vowel(b: u32): i32 {
  const c = b | 0x20;
  return <i32>(c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6f || c == 0x75);
}

export function count_vowels(): i32 {
  const n = input_length();
  let count = 0;
  let i: u64 = 0;
  for (; i + 8 <= n; i += 8) {
    const w = input_load_u64(i);
    for (let k: u64 = 0; k < 64; k += 8) count += vowel(<u32>((w >> k) & 0xff));
  }
  for (; i < n; i++) count += vowel(input_load_u8(i));

  // The running total: a few decimal digits, read and written byte by byte.
  let total = count;
  const stored = var_get(asciiBlock("total"));
  if (stored != 0) {
    let previous = 0;
    const digits = length(stored);
    for (let d: u64 = 0; d < digits; d++) previous = previous * 10 + (load_u8(stored + d) - 0x30);
    total += previous;
  }
  var_set(asciiBlock("total"), asciiBlock(total.toString()));

  const report = '{"count":' + count.toString() + ',"total":' + total.toString() + ',"vowels":"aeiouAEIOU"}';
  const h = alloc(<u64>report.length);
  for (let d = 0; d < report.length; d++) store_u8(h + <u64>d, <u8>report.charCodeAt(d));
  output_set(h, <u64>report.length);
  return 0;
}
