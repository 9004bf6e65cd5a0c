// A plug-in written for the official @extism/as-pdk 1.0.0, as its README
// shows, with only its import changed to "extism-as-pdk". It uses every name
// of the official API, and the type annotations pin the official signatures.
// tests/integration/compat.test.ts also builds this very file with the import
// changed back, against the official PDK, and compares the two.
import { Config, Host, LogLevel, Memory, Var } from "extism-as-pdk";

// The official README's abort handler (`--use abort=.../myAbort`). Built with
// extism-as-pdk's asconfig.json it is dead code: the PDK routes abort itself.
function myAbort(message: string | null, fileName: string | null, lineNumber: u32, columnNumber: u32): void {}

/** The official README's example: counts vowels, and reads a var and a config key. */
export function count_vowels(): i32 {
  let str: string = Host.inputString();
  let count = 0;
  for (let i = 0; i < str.length; i++) {
    const x: string = str[i];
    if (x == "a" || x == "A" || x == "e" || x == "E" || x == "i" || x == "I" || x == "o" || x == "O" || x == "u" || x == "U") {
      count += 1;
    }
  }
  const a = Uint8Array.wrap(String.UTF8.encode("this is var a"));
  Var.set("a", a);
  const data: Uint8Array | null = Var.get("a");
  const varA = data == null ? "null" : String.UTF8.decode(data.buffer);
  const thing: string | null = Config.get("thing");
  Host.outputString('{"count": ' + count.toString() + ', "config": "' + (thing == null ? "null" : thing) + '", "a": "' + varA + '"}');
  Var.remove("a");
  return 0;
}

/** Host.input and Host.output: the input's bytes back. */
export function echo(): i32 {
  const input: Uint8Array = Host.input();
  Host.output(input);
  return 0;
}

/**
 * Every Memory member: the input goes through allocate/store/load,
 * allocateBytes, toString, allocateString, toUint8Array and the constructor,
 * and comes back through outputMemory; each LogLevel is logged once.
 */
export function memory_api(): i32 {
  const input: Uint8Array = Host.input();
  const m: Memory = Memory.allocate(<u64>input.length);
  m.store(input);
  const copy = new Uint8Array(input.length);
  m.load(copy);
  m.free();
  const again: Memory = Memory.allocateBytes(copy);
  const text: string = again.toString();
  again.free();
  const viaString: Memory = Memory.allocateString(text);
  const whole: Uint8Array = viaString.toUint8Array();
  const offset: u64 = viaString.offset;
  const length: u64 = viaString.length;
  const wrapped = new Memory(offset, length);
  Host.log(LogLevel.Info, "length " + whole.length.toString());
  // A Memory made from an offset and a length reads the block's own bytes.
  Host.logMemory(LogLevel.Warn, Memory.allocateString("same bytes: " + (wrapped.toString() == text ? "yes" : "no")));
  Host.log(LogLevel.Debug, "text " + text);
  Host.log(LogLevel.Error, "bytes " + whole.length.toString() + "/" + length.toString());
  Host.outputMemory(wrapped);
  return 0;
}

/** Var.set/getMemory/getString/get/remove and Config.getMemory, reported as text. */
export function vars(): i32 {
  Var.set("k", Host.input());
  const m: Memory | null = Var.getMemory("k");
  const s: string | null = Var.getString("k");
  const b: Uint8Array | null = Var.get("k");
  Var.remove("k");
  const gone: string | null = Var.getString("k");
  const c: Memory | null = Config.getMemory("thing");
  const missing: Memory | null = Config.getMemory("missing");
  Host.outputString(
    (m === null ? "null" : m.length.toString()) + " " +
    (s === null ? "null" : s) + " " +
    (b === null ? "null" : b.length.toString()) + " " +
    (gone === null ? "null" : gone) + " " +
    (c === null ? "null" : c.toString()) + " " +
    (missing === null ? "null" : missing.toString()),
  );
  return 0;
}

/** Host.outputString of the input read as a string. */
export function echo_string(): i32 {
  Host.outputString(Host.inputString());
  return 0;
}
