// This PDK's count-vowels with the byte loop reading through a raw pointer
// (`load<u8>(input.dataStart + i)`): the same work as pdk-count-vowels.ts,
// without the shadow-stack bookkeeping that AssemblyScript's GC runtime puts
// around each `input[i]`. It shows which part of count-vowels' time is the
// PDK's and which the plug-in's own loop.
import { Host } from "extism-as-pdk";

export function count_vowels(): i32 {
  const input = Host.input();
  const p = input.dataStart;
  const n = input.length;
  let count = 0;
  for (let i = 0; i < n; i++) {
    switch (load<u8>(p + i)) {
      case 0x61: case 0x65: case 0x69: case 0x6f: case 0x75: // a e i o u
      case 0x41: case 0x45: case 0x49: case 0x4f: case 0x55: // A E I O U
        count++;
    }
  }
  Host.outputString('{"count":' + count.toString() + "}");
  return 0;
}
