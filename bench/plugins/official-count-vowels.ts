// build: official
// @extism/as-pdk 1.0.0, written and built as its README shows (its own abort
// handler, no -O).
// The input is read as bytes, as in the other flavours (its README's version
// makes a string per character, about 40x slower).
import { Host } from "@extism/as-pdk";

function myAbort(message: string | null, fileName: string | null, lineNumber: u32, columnNumber: u32): void {}

export function count_vowels(): i32 {
  const input = Host.input();
  let count = 0;
  for (let i = 0; i < input.length; i++) {
    switch (input[i]) {
      case 0x61: case 0x65: case 0x69: case 0x6f: case 0x75: // a e i o u
      case 0x41: case 0x45: case 0x49: case 0x4f: case 0x55: // A E I O U
        count++;
    }
  }
  Host.outputString('{"count":' + count.toString() + "}");
  return 0;
}
