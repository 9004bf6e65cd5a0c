// A plug-in for the soak and bad-input tests: `soak` reads input, config and
// a var, logs, and writes output; most other exports each fail in one way.
import { Config, Host, Http, HttpRequest, LogLevel, Memory, Var } from "extism-as-pdk";

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

/**
 * Allocates as many one-byte kernel blocks as the input says and leaves them
 * to the host (which frees kernel memory after the call, where it resets it).
 */
export function burn_blocks(): i32 {
  const n = I32.parseInt(Host.inputString());
  for (let i = 0; i < n; i++) Memory.allocate(1);
  return 0;
}

/** Stores the input in var "kept". */
export function keep(): i32 {
  Var.setString("kept", Host.inputString());
  return 0;
}

/** Outputs var "kept", or "<none>". */
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

/** Reads the input as JSON for Point; outputs x + y. */
export function parse_point(): i32 {
  const p = Host.inputJSON<Point>();
  Host.outputJSON<i32>(p.x + p.y);
  return 0;
}

/** Outputs the input read as a string. */
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

/** "null" or "present" for var = input. */
export function var_missing(): i32 {
  const value = Var.get(Host.inputString());
  Host.outputString(value === null ? "null" : "present");
  return 0;
}

/** Sets var "big" to as many zero bytes as the input says. */
export function big_var(): i32 {
  Var.set("big", new Uint8Array(I32.parseInt(Host.inputString())));
  return 0;
}

/** A failed `assert`. */
export function failed_assert(): i32 {
  assert(false, "the assertion failed");
  return 0;
}

/** A `throw`. */
export function thrown(): i32 {
  throw new Error("thrown on purpose");
}

/** Reads past the end of an array. */
export function out_of_bounds(): i32 {
  const a = new Array<i32>(2);
  Host.outputString(a[Host.input().length + 2].toString());
  return 0;
}

/** An array of 2^31 - 1 u64s: over AssemblyScript's 1 GiB block limit. */
export function huge_alloc(): i32 {
  const big = new Array<u64>(0x7fffffff);
  Host.outputString(big.length.toString());
  return 0;
}

/** Blocks that `out_of_memory` keeps alive. */
const held: usize[] = [];

/**
 * Allocates 768 MiB blocks until memory cannot grow (wasm32 stops at 4 GiB).
 * Raw allocations are not zeroed, so the pages are never touched: cheap.
 */
export function out_of_memory(): i32 {
  for (let i = 0; i < 8; i++) held.push(__alloc(0x3000_0000));
  Host.outputString("not reached");
  return 0;
}

/** Returns 17 without setting an error. */
export function nonzero(): i32 {
  return 17;
}

/** GETs the URL in the input; outputs the status. */
export function http_get(): i32 {
  Host.outputString(Http.request(new HttpRequest(Host.inputString())).status.toString());
  return 0;
}

