// Echoes for the differential JSON fuzz (tests/integration/json-fuzz.test.ts):
// one function per root type reads the input as that type and writes it back,
// so the test can compare what the plug-in read with what JSON.parse reads.
// The test holds a mirror of every type below (field names, JSON names,
// types, defaults): keep the two in step. Every echo also checks that the
// PDK's JSON writer writes the value exactly as json-as's JSON.stringify does
// (a difference fails the call, naming both).
import { Host, Var } from "extism-as-pdk";
import { checkSyntax } from "extism-as-pdk/assembly/json-scan";
import { writeJSON } from "extism-as-pdk/assembly/json-write";
import { JSON } from "json-as";

@json
class Item {
  id: i32 = 0;
  name: string = "";
  price: f64 = 0;
  tags: string[] = [];
}

/** Every integer width, each with a non-zero default. */
@json
class Ints {
  a: i8 = -1;
  b: u8 = 1;
  c: i16 = -2;
  d: u16 = 2;
  e: i32 = -3;
  f: u32 = 3;
  g: i64 = -4;
  h: u64 = 4;
}

@json
class Floats {
  x: f32 = 0.5;
  y: f64 = -0.25;
  xs: f32[] = [];
  ys: f64[] = [];
  ok: bool = true;
}

@json
class Inner {
  label: string = "inner";
  flag: bool = false;
  item: Item | null = null;
  note: string | null = null;
}

/** Nested classes, arrays and maps of classes, nullable fields and elements, maps, nested arrays. */
@json
class Outer {
  inner: Inner = new Inner();
  opt: Inner | null = null;
  items: Item[] = [];
  maybe: Array<Item | null> = [];
  byName: Map<string, Item> = new Map();
  maybeByName: Map<string, Item | null> = new Map();
  counts: Map<string, i32> = new Map();
  names: Map<i32, string> = new Map();
  grid: i32[][] = [];
  words: string[][] = [];
  big: u64[] = [];
  flags: bool[] = [];
}

/** A recursive type. */
@json
class TreeNode {
  value: i32 = 0;
  children: TreeNode[] = [];
}

@json
class Base {
  id: i64 = 0;
  kind: string = "base";
}

/** A subclass of a @json class, with an aliased field. */
@json
class Derived extends Base {
  @alias("full_name")
  name: string = "";
  score: f32 = 0;
  active: bool = false;
  small: i8 = 0;
}

/** No fields: the reader skips every member of an object read as one (its own syntax checks, for the "malformed" part). */
@json
class Nothing {}

/** Writes `value` as the call's output, after checking that the PDK writes it as json-as does. */
function echo<T>(value: T): i32 {
  const written = writeJSON<T>(value);
  const reference = JSON.stringify<T>(value);
  if (written != reference) {
    Host.setError("the PDK writes " + written + " where json-as writes " + reference);
    return 1;
  }
  Host.outputJSON<T>(value);
  return 0;
}

export function echo_item(): i32 {
  return echo(Host.inputJSON<Item>());
}

export function echo_ints(): i32 {
  return echo(Host.inputJSON<Ints>());
}

export function echo_floats(): i32 {
  return echo(Host.inputJSON<Floats>());
}

export function echo_inner(): i32 {
  return echo(Host.inputJSON<Inner>());
}

export function echo_outer(): i32 {
  return echo(Host.inputJSON<Outer>());
}

export function echo_tree(): i32 {
  return echo(Host.inputJSON<TreeNode>());
}

export function echo_derived(): i32 {
  return echo(Host.inputJSON<Derived>());
}

export function echo_items(): i32 {
  return echo(Host.inputJSON<Item[]>());
}

export function echo_maybe_items(): i32 {
  return echo(Host.inputJSON<Array<Item | null>>());
}

export function echo_maybe_by_name(): i32 {
  return echo(Host.inputJSON<Map<string, Item | null>>());
}

export function echo_counts(): i32 {
  return echo(Host.inputJSON<Map<string, i32>>());
}

export function echo_names(): i32 {
  return echo(Host.inputJSON<Map<i32, string>>());
}

export function echo_grid(): i32 {
  return echo(Host.inputJSON<i32[][]>());
}

export function echo_nullable_outer(): i32 {
  return echo(Host.inputJSON<Outer | null>());
}

// Top-level scalars.

export function echo_i32(): i32 {
  return echo(Host.inputJSON<i32>());
}

export function echo_u64(): i32 {
  return echo(Host.inputJSON<u64>());
}

export function echo_f32(): i32 {
  return echo(Host.inputJSON<f32>());
}

export function echo_f64(): i32 {
  return echo(Host.inputJSON<f64>());
}

export function echo_bool(): i32 {
  return echo(Host.inputJSON<bool>());
}

export function echo_string(): i32 {
  return echo(Host.inputJSON<string>());
}

export function echo_strings(): i32 {
  return echo(Host.inputJSON<string[]>());
}

// Through a var: the input's bytes stored as they are, then read with Var.getJSON.

export function var_store(): i32 {
  Var.set("doc", Host.input());
  return 0;
}

export function var_read_outer(): i32 {
  Host.outputJSON(Var.getJSON<Outer>("doc"));
  return 0;
}

export function var_read_ints(): i32 {
  Host.outputJSON(Var.getJSON<Ints>("doc"));
  return 0;
}

// Diagnosis: tells a read -0 (-Infinity) from a read 0 (Infinity), whatever the writer does with -0.
export function inverse_f64(): i32 {
  Host.outputString((1 / Host.inputJSON<f64>()).toString());
  return 0;
}

// Diagnosis: reads a TreeNode and writes nothing back (tells the reader's depth limit from the writer's).
export function read_tree(): i32 {
  Host.inputJSON<TreeNode>();
  Host.outputString("read");
  return 0;
}

// Reads the input as `Nothing`: an object's members all skipped, anything
// else a mismatch. The "malformed" part holds its verdict to check_syntax's.
export function read_nothing(): i32 {
  Host.inputJSON<Nothing>();
  Host.outputString("read");
  return 0;
}

// The syntax check alone (json-scan.ts, whose code the reader checks every
// byte it reads with, and which names the first error of any text that
// fails), for the "malformed" part of the fuzz: outputs "accept", or
// "reject: <reason> at byte <n>". Always succeeds, so that a verdict is never
// confused with a failed call.
export function check_syntax(): i32 {
  const input = Host.input();
  const problem = checkSyntax(input.dataStart, input.byteLength);
  Host.outputString(problem === null ? "accept" : "reject: " + problem);
  return 0;
}
