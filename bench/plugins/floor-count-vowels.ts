// build: floor
// Count the vowels of the input and reply {"count":N}: the input is read one
// 8-byte word per host call and counted in registers; the reply is written
// into a new block one word per host call.
import { input_length, input_load_u64, input_load_u8, memoryToBlock, output_set } from "./lib/floor";

const REPLY = memory.data(32);

// The same test as the PDK and official plug-ins (and examples/count-vowels).
// @ts-ignore: decorator
@inline
function vowel(b: u32): u32 {
  switch (b) {
    case 0x61: case 0x65: case 0x69: case 0x6f: case 0x75: // a e i o u
    case 0x41: case 0x45: case 0x49: case 0x4f: case 0x55: // A E I O U
      return 1;
  }
  return 0;
}

export function count_vowels(): i32 {
  const n = input_length();
  let count: u32 = 0;
  let i: u64 = 0;
  if (n < 8) {
    for (; i < n; i++) count += vowel(input_load_u8(i));
  } else {
    for (; i + 8 <= n; i += 8) {
      const w = input_load_u64(i);
      for (let k: u64 = 0; k < 64; k += 8) count += vowel(<u32>(w >> k) & 0xff);
    }
    if (i < n) {
      // The overlapping last word: count only its bytes not seen yet.
      const w = input_load_u64(n - 8);
      for (let k: u64 = (8 - (n - i)) * 8; k < 64; k += 8) count += vowel(<u32>(w >> k) & 0xff);
    }
  }

  // {"count":N}
  const head = '{"count":';
  for (let j = 0; j < head.length; j++) store<u8>(REPLY + j, <u8>head.charCodeAt(j));
  let digits = 1;
  for (let v = count; v >= 10; v /= 10) digits++;
  let at = REPLY + head.length + digits;
  store<u8>(at, 0x7d); // }
  let v = count;
  do {
    at--;
    store<u8>(at, <u8>(0x30 + v % 10));
    v /= 10;
  } while (v != 0);
  const size = <u64>(head.length + digits + 1);
  output_set(memoryToBlock(REPLY, size), size);
  return 0;
}
