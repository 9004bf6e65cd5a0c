// build: official
// count_vowels alone, as the official @extism/as-pdk README writes it: the
// size reference for examples/count-vowels.
import { Host } from "@extism/as-pdk";

function myAbort(message: string | null, fileName: string | null, lineNumber: u32, columnNumber: u32): void {}

export function count_vowels(): i32 {
  let str = Host.inputString();
  var count = 0;
  for (var i = 0; i < str.length; i++) {
    let x: string = str[i];
    if (x == "a" || x == "A" || x == "e" || x == "E" || x == "i" || x == "I" || x == "o" || x == "O" || x == "u" || x == "U") {
      count += 1;
    }
  }
  Host.outputString('{"count": ' + count.toString() + "}");
  return 0;
}
