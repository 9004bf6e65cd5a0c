// build: minimal
// This PDK, written as its README shows (default preset).
// The input is read as bytes (as examples/count-vowels does); the reply is
// written by hand, without JSON.
import { Host } from "extism-as-pdk";

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
