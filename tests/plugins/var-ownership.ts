// Vars read many times: the value must survive every read (on JS SDK 1.0.3
// var_get returns the var's own block) and no read may leave a copy behind
// (JS SDK 2.x and the Rust runtime return a fresh copy per read).
import { Host, Var } from "extism-as-pdk";

/**
 * The host's count of live kernel blocks of at least `minSize` bytes (a test
 * host function: it looks into the host's kernel).
 */
@external("extism:host/user", "live_blocks")
declare function live_blocks(minSize: u64): u64;

/** Stores the input in var "big". */
export function set_big(): i32 {
  Var.set("big", Host.input());
  return 0;
}

@json
class Reads {
  /** Live blocks (of at least `minSize` bytes) before the reads. */
  before: u64 = 0;
  /** The same, after them. */
  after: u64 = 0;
  /** How many reads gave exactly the bytes of the first one. */
  same: i32 = 0;
  /** The value's length. */
  length: i32 = 0;
  /** A checksum of the value (sum of byte * (index % 251 + 1)). */
  sum: u64 = 0;
}

@json
class ReadSpec {
  /** Reads to make. */
  reads: i32 = 0;
  /** Count live blocks of at least this many bytes. */
  minSize: u64 = 0;
  /** "bytes" (Var.get), "string" (Var.getString) or "json" (Var.getJSON<string>). */
  way: string = "bytes";
}

function checksum(bytes: Uint8Array): u64 {
  let sum: u64 = 0;
  for (let i = 0; i < bytes.length; i++) sum += <u64>bytes[i] * <u64>(i % 251 + 1);
  return sum;
}

function readOnce(way: string): Uint8Array | null {
  if (way == "string") {
    const s = Var.getString("big");
    return s === null ? null : Uint8Array.wrap(String.UTF8.encode(s));
  }
  if (way == "json") {
    const s = Var.getJSON<string | null>("big");
    return s === null ? null : Uint8Array.wrap(String.UTF8.encode(s));
  }
  return Var.get("big");
}

function equal(a: Uint8Array, b: Uint8Array): bool {
  if (a.length != b.length) return false;
  return memory.compare(a.dataStart, b.dataStart, a.length) == 0;
}

/**
 * Reads var "big" as the input (a ReadSpec) says, counting the host's live
 * blocks before and after; outputs a Reads.
 */
export function read_many(): i32 {
  const spec = Host.inputJSON<ReadSpec>();
  const out = new Reads();
  out.before = live_blocks(spec.minSize);
  let first: Uint8Array | null = null;
  for (let i = 0; i < spec.reads; i++) {
    const value = readOnce(spec.way);
    if (value === null) break;
    if (first === null) first = value;
    if (equal(value, first)) out.same++;
  }
  out.after = live_blocks(spec.minSize);
  if (first !== null) {
    out.length = first.length;
    out.sum = checksum(first);
  }
  Host.outputJSON(out);
  return 0;
}

/** Outputs var "big" itself (empty when it is not set). */
export function get_big(): i32 {
  const v = Var.get("big");
  Host.output(v === null ? new Uint8Array(0) : v);
  return 0;
}

/** Outputs the length of var "big" read through Var.getMemory (the block is left alone), or -1. */
export function memory_length(): i32 {
  const m = Var.getMemory("big");
  Host.outputString(m === null ? "-1" : m.length.toString());
  return 0;
}
