// build: modern
// A plug-in with one export per behaviour of the PDK core that the
// integration tests check on the real hosts.
import { Config, Host, LogLevel, Memory, Var } from "extism-as-pdk";

export function echo(): i32 {
  Host.output(Host.input());
  return 0;
}

export function echo_string(): i32 {
  Host.outputString(Host.inputString());
  return 0;
}

export function nothing(): i32 {
  return 0;
}

export function utf8_out(): i32 {
  Host.outputString("héllo wörld ✓ 日本 🎉");
  return 0;
}

export function set_error(): i32 {
  Host.setError(Host.inputString());
  return 0;
}

export function throw_error(): i32 {
  throw new Error("boom: " + Host.inputString());
}

export function log_all(): i32 {
  Host.log(LogLevel.Trace, "a trace line");
  Host.log(LogLevel.Debug, "a debug line");
  Host.log(LogLevel.Info, "an info line");
  Host.log(LogLevel.Warn, "a warn line");
  Host.log(LogLevel.Error, "an error line");
  return 0;
}

export function config(): i32 {
  const value = Config.get(Host.inputString());
  Host.outputString(value === null ? "<null>" : value);
  return 0;
}

export function var_count(): i32 {
  const old = Var.getString("count");
  const n = old === null ? 1 : I32.parseInt(old) + 1;
  Var.setString("count", n.toString());
  Host.outputString(n.toString());
  return 0;
}

export function memory_roundtrip(): i32 {
  const m = Memory.allocateString(Host.inputString());
  Host.outputMemory(Memory.find(m.offset));
  return 0;
}
