// The canonical Extism demo: count the vowels of the input, and keep a
// running total across calls in a plug-in variable.
import { Host, Var } from "extism-as-pdk";

export function count_vowels(): i32 {
  // Read the input as bytes: vowels are ASCII, so no UTF-8 decoding is needed,
  // and indexing bytes is much faster than making a string per character.
  const input = Host.input();
  let count = 0;
  for (let i = 0; i < input.length; i++) {
    switch (input[i]) {
      case 0x61: case 0x65: case 0x69: case 0x6f: case 0x75: // a e i o u
      case 0x41: case 0x45: case 0x49: case 0x4f: case 0x55: // A E I O U
        count++;
    }
  }

  const previous = Var.getString("total");
  const total = (previous === null ? 0 : I32.parseInt(previous)) + count;
  Var.setString("total", total.toString());

  // A reply this small is cheaper to write by hand than through JSON.
  Host.outputString('{"count":' + count.toString() + ',"total":' + total.toString() + ',"vowels":"aeiouAEIOU"}');
  return 0;
}
