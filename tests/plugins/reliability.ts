// A plug-in for the soak and bad-input tests: every call reads input, config
// and a var, logs, and writes output; plus one function per failure.
import { Config, Host, Http, HttpRequest, LogLevel, Var } from "extism-as-pdk";

/** Outputs `<input>|<config suffix>|<n>` where n counts the calls in var "n". */
export function soak(): i32 {
  const input = Host.inputString();
  const suffix = Config.get("suffix");
  const n = Var.getJSON<i32>("n", 0) + 1;
  Var.setJSON<i32>("n", n);
  Host.log(LogLevel.Info, "call " + n.toString());
  Host.outputString(input + "|" + (suffix === null ? "" : suffix) + "|" + n.toString());
  return 0;
}

export function keep(): i32 {
  Var.setString("kept", Host.inputString());
  return 0;
}

export function kept(): i32 {
  const value = Var.getString("kept");
  Host.outputString(value === null ? "<none>" : value);
  return 0;
}

@json
class Point {
  x: i32 = 0;
  y: i32 = 0;
}

export function parse_point(): i32 {
  const p = Host.inputJSON<Point>();
  Host.outputJSON<i32>(p.x + p.y);
  return 0;
}

export function read_string(): i32 {
  Host.outputString(Host.inputString());
  return 0;
}

/** `null` or `"value"` for config key = input. */
export function config(): i32 {
  const value = Config.get(Host.inputString());
  Host.outputString(value === null ? "null" : '"' + value + '"');
  return 0;
}

export function var_missing(): i32 {
  const value = Var.get(Host.inputString());
  Host.outputString(value === null ? "null" : "present");
  return 0;
}

export function big_var(): i32 {
  Var.set("big", new Uint8Array(I32.parseInt(Host.inputString())));
  return 0;
}

export function failed_assert(): i32 {
  assert(false, "the assertion failed");
  return 0;
}

export function thrown(): i32 {
  throw new Error("thrown on purpose");
}

export function out_of_bounds(): i32 {
  const a = new Array<i32>(2);
  Host.outputString(a[Host.input().length + 2].toString());
  return 0;
}

export function huge_alloc(): i32 {
  const big = new Array<u64>(0x7fffffff);
  Host.outputString(big.length.toString());
  return 0;
}

export function nonzero(): i32 {
  return 17;
}

export function http_get(): i32 {
  Host.outputString(Http.request(new HttpRequest(Host.inputString())).status.toString());
  return 0;
}

