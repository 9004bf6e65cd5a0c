// Calling the host's own functions with strings, bytes, JSON and numbers.
import { Host, HostFunction } from "extism-as-pdk";

@external("extism:host/user", "kv_read")
declare function kv_read(key: u64): u64;
@external("extism:host/user", "kv_write")
declare function kv_write(key: u64, value: u64): void;
@external("extism:host/user", "add_i32")
declare function add_i32(a: i32, b: i32): i32;
@external("extism:host/user", "add_i64")
declare function add_i64(a: i64, b: i64): i64;
@external("extism:host/user", "mul_f32")
declare function mul_f32(a: f32, b: f32): f32;
@external("extism:host/user", "mul_f64")
declare function mul_f64(a: f64, b: f64): f64;
@external("extism:host/user", "reverse_bytes")
declare function reverse_bytes(data: u64): u64;
@external("extism:host/user", "describe")
declare function describe(point: u64): u64;
@external("extism:host/user", "fail")
declare function fail(message: u64): void;

/** Counts its calls in the host's key-value store; outputs the count. */
export function count(): i32 {
  const old = HostFunction.readString(kv_read(HostFunction.string("count")));
  const n = old === null ? 1 : I32.parseInt(old) + 1;
  kv_write(HostFunction.string("count"), HostFunction.string(n.toString()));
  Host.outputString(n.toString());
  return 0;
}

export function numbers(): i32 {
  const parts: string[] = [
    add_i32(i32.MAX_VALUE - 1, 1).toString(),
    add_i64(i64.MAX_VALUE - 5, 2).toString(),
    mul_f32(1.5, 4).toString(),
    mul_f64(0.25, -3).toString(),
  ];
  Host.outputString(parts.join(" "));
  return 0;
}

export function bytes(): i32 {
  const result = HostFunction.readBytes(reverse_bytes(HostFunction.bytes(Host.input().subarray(1))));
  if (result === null) Host.setError("no result");
  else Host.output(result);
  return 0;
}

@json
class Point {
  x: f64 = 0;
  y: f64 = 0;
  label: string = "";
}

@json
class Description {
  distance: f64 = 0;
  label: string = "";
}

export function json(): i32 {
  const p = Host.inputJSON<Point>();
  const d = HostFunction.readJSON<Description>(describe(HostFunction.json(p)));
  Host.outputJSON(d);
  return 0;
}

/** Calls `fail`, which throws, while holding a string (a slot on the shadow stack). */
export function failing(): i32 {
  const message = Host.inputString();
  fail(HostFunction.string(message));
  Host.outputString("not reached: " + message);
  return 0;
}

@external("extism:host/user", "lookup")
declare function lookup(key: u64): u64;

/** JSON or nothing from the host: `lookup` returns handle 0 for an unknown key. */
export function find(): i32 {
  const found = HostFunction.readJSON<Description | null>(lookup(HostFunction.string(Host.inputString())));
  Host.outputString(found === null ? "none" : found.label);
  return 0;
}

/** The same, where a value is required. */
export function require_value(): i32 {
  Host.outputJSON(HostFunction.readJSON<Description>(lookup(HostFunction.string(Host.inputString()))));
  return 0;
}
