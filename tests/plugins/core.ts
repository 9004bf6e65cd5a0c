// build: modern minimal
// A plug-in with one export per behaviour of the PDK core that the
// integration tests check on every host.
import { Config, Host, LogLevel, Memory, Var } from "extism-as-pdk";

export function echo(): i32 {
  Host.output(Host.input());
  return 0;
}

export function echo_string(): i32 {
  Host.outputString(Host.inputString());
  return 0;
}

export function echo_memory(): i32 {
  // A copy of the input block made kernel-side, handed back as the output.
  Host.outputMemory(Memory.allocateBytes(Host.inputMemory().toUint8Array()));
  return 0;
}

/** Outputs bytes 3..13 of the input: a view with a non-zero byteOffset. */
export function subarray(): i32 {
  Host.output(Host.input().subarray(3, 13));
  return 0;
}

export function nothing(): i32 {
  return 0;
}

export function empty_output(): i32 {
  Host.output(new Uint8Array(0));
  return 0;
}

export function empty_string_output(): i32 {
  Host.outputString("");
  return 0;
}

export function utf8_out(): i32 {
  Host.outputString("héllo wörld ✓ 日本 🎉");
  return 0;
}

/** Outputs the UTF-8 byte length of the input read as a string, then the string. */
export function string_length(): i32 {
  const s = Host.inputString();
  Host.outputString(String.UTF8.byteLength(s).toString() + ":" + s);
  return 0;
}

export function set_error(): i32 {
  Host.setError(Host.inputString());
  return 0;
}

export function set_error_nonzero(): i32 {
  Host.setError(Host.inputString());
  return 3;
}

export function nonzero(): i32 {
  return 42;
}

export function throw_error(): i32 {
  throw new Error("boom: " + Host.inputString());
}

export function assert_fails(): i32 {
  assert(Host.inputString() == "expected", "input was not 'expected'");
  Host.outputString("ok");
  return 0;
}

export function out_of_bounds(): i32 {
  const items = [1, 2, 3];
  Host.outputString(items[Host.input().length + 5].toString());
  return 0;
}

export function huge_allocation(): i32 {
  const big = new Uint8Array(0x7ff00000);
  Host.output(big.subarray(0, 1));
  return 0;
}

export function log_all(): i32 {
  const suffix = Host.inputString();
  Host.log(LogLevel.Trace, "trace " + suffix);
  Host.log(LogLevel.Debug, "debug " + suffix);
  Host.log(LogLevel.Info, "info " + suffix);
  Host.log(LogLevel.Warn, "warn " + suffix);
  Host.log(LogLevel.Error, "error " + suffix);
  return 0;
}

export function log_memory(): i32 {
  Host.logMemory(LogLevel.Warn, Memory.allocateString(Host.inputString()));
  return 0;
}

/** Outputs config[input] as JSON-ish text: `null` or `"value"`. */
export function config(): i32 {
  const value = Config.get(Host.inputString());
  Host.outputString(value === null ? "null" : "\"" + value + "\"");
  return 0;
}

/** input `key=value` sets a var; `key=` removes it. */
export function var_set(): i32 {
  const text = Host.inputString();
  const eq = text.indexOf("=");
  Var.setString(text.substring(0, eq), text.substring(eq + 1));
  return 0;
}

/** Outputs var[input] as `null` or `"value"`. */
export function var_get(): i32 {
  const value = Var.getString(Host.inputString());
  Host.outputString(value === null ? "null" : "\"" + value + "\"");
  return 0;
}

export function var_remove(): i32 {
  Var.remove(Host.inputString());
  return 0;
}

/** Stores the input bytes in var `blob` (binary-safe), outputs nothing. */
export function var_set_bytes(): i32 {
  Var.set("blob", Host.input());
  return 0;
}

export function var_get_bytes(): i32 {
  const value = Var.get("blob");
  if (value === null) Host.setError("var blob is not set");
  else Host.output(value);
  return 0;
}

/** A counter that persists across calls. */
export function var_count(): i32 {
  const old = Var.getString("count");
  const n = old === null ? 1 : I32.parseInt(old) + 1;
  Var.setString("count", n.toString());
  Host.outputString(n.toString());
  return 0;
}

/** Memory.find gives the block's length as the host knows it. */
export function memory_find(): i32 {
  const m = Memory.allocateString(Host.inputString());
  const found = Memory.find(m.offset);
  Host.outputString(found.length.toString() + ":" + found.toString());
  m.free();
  return 0;
}

/** Memory.store of more bytes than the block holds must fail, naming the sizes. */
export function memory_overflow(): i32 {
  const m = Memory.allocate(4);
  m.store(Host.input());
  Host.outputMemory(m);
  return 0;
}

/** AssemblyScript's `trace`, which the PDK's preset routes to the host's debug log. */
export function as_trace(): i32 {
  trace("trace " + Host.inputString(), 2, 1.5, -2);
  return 0;
}

/** `Math.random()` as text: its seed is routed by the PDK's preset. */
export function random(): i32 {
  Host.outputString(Math.random().toString());
  return 0;
}
