// A plug-in written against the official @extism/as-pdk 1.0.0 API, with only
// its import changed to "extism-as-pdk": every name and signature it has.
import { Config, Host, LogLevel, Memory, Var } from "extism-as-pdk";

export function count_vowels(): i32 {
  let str = Host.inputString();
  var count = 0;
  for (var i = 0; i < str.length; i++) {
    let x: string = str[i];
    if (x == "a" || x == "A" || x == "e" || x == "E" || x == "i" || x == "I" || x == "o" || x == "O" || x == "u" || x == "U") {
      count += 1;
    }
  }
  var a = Uint8Array.wrap(String.UTF8.encode("this is var a"));
  Var.set("a", a);
  let data = Var.get("a");
  let var_a = data == null ? "null" : String.UTF8.decode(data.buffer);
  const thing = Config.get("thing");
  var out = '{"count": ' + count.toString() + ', "config": "' + (thing == null ? "null" : thing) + '", "a": "' + var_a + '"}';
  Host.outputString(out);
  Var.remove("a");
  return 0;
}

export function bytes(): i32 {
  const input: Uint8Array = Host.input();
  Host.output(input);
  return 0;
}

export function memory_api(): i32 {
  const input = Host.input();
  const m: Memory = Memory.allocate(<u64>input.length);
  m.store(input);
  const copy = new Uint8Array(input.length);
  m.load(copy);
  const again = Memory.allocateBytes(copy);
  const text = again.toString();
  const viaString = Memory.allocateString(text);
  const whole: Uint8Array = viaString.toUint8Array();
  const wrapped = new Memory(viaString.offset, viaString.length);
  m.free();
  Host.log(LogLevel.Info, "offset is non-zero: " + (wrapped.offset != 0 ? "yes" : "no"));
  Host.logMemory(LogLevel.Warn, Memory.allocateString("length " + whole.length.toString()));
  Host.log(LogLevel.Debug, "debug");
  Host.log(LogLevel.Error, "error");
  Host.outputMemory(wrapped);
  return 0;
}

export function vars(): i32 {
  Var.set("k", Host.input());
  const m: Memory | null = Var.getMemory("k");
  const s: string | null = Var.getString("k");
  const c: Memory | null = Config.getMemory("thing");
  Host.outputString((m === null ? "null" : m.length.toString()) + " " + (s === null ? "null" : s) + " " + (c === null ? "null" : c.toString()));
  return 0;
}
