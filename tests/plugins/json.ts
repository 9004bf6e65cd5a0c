// JSON in, JSON out: classes, arrays, maps, primitives, vars and config.
import { Config, Host, Var } from "extism-as-pdk";
import { JSON } from "json-as";

@json
class Address {
  city: string = "";
  zip: string = "";
}

@json
class Person {
  name: string = "";
  age: i32 = 0;
  tags: string[] = [];
  address: Address | null = null;
}

@json
class Greeting {
  message: string = "";
  nameLength: i32 = 0;
}

export function person(): i32 {
  const p = Host.inputJSON<Person>();
  const reply = new Greeting();
  reply.message = "hello " + p.name + (p.address !== null ? " from " + p.address!.city : "");
  reply.nameLength = p.name.length;
  Host.outputJSON(reply);
  return 0;
}

export function echo_person(): i32 {
  Host.outputJSON(Host.inputJSON<Person>());
  return 0;
}

export function sum_array(): i32 {
  const values = Host.inputJSON<i32[]>();
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  Host.outputJSON(sum);
  return 0;
}

export function echo_strings(): i32 {
  Host.outputJSON(Host.inputJSON<string[]>());
  return 0;
}

export function echo_map(): i32 {
  Host.outputJSON(Host.inputJSON<Map<string, i32>>());
  return 0;
}

export function echo_string(): i32 {
  Host.outputJSON(Host.inputJSON<string>());
  return 0;
}

export function half(): i32 {
  Host.outputJSON(Host.inputJSON<f64>() / 2);
  return 0;
}

export function negate(): i32 {
  Host.outputJSON(!Host.inputJSON<bool>());
  return 0;
}

/** Keeps a Person in a var as JSON; outputs the stored one (or the fallback). */
export function var_person(): i32 {
  const fallback = new Person();
  fallback.name = "nobody";
  const previous = Var.getJSON<Person>("person", fallback);
  if (Host.inputString().length > 0) Var.setJSON<Person>("person", Host.inputJSON<Person>());
  Host.outputJSON(previous);
  return 0;
}

/** A counter kept as a JSON number. */
export function var_counter(): i32 {
  const n = Var.getJSON<i32>("n", 0) + 1;
  Var.setJSON<i32>("n", n);
  Host.outputJSON(n);
  return 0;
}

/** Typed config: `retries` (default 3) and `tags` (default []). */
export function config_typed(): i32 {
  const retries = Config.getJSON<i32>("retries", 3);
  const tags = Config.getJSON<string[]>("tags", []);
  Host.outputString(retries.toString() + " " + tags.join("|"));
  return 0;
}

@json
class Numbers {
  a: i8 = 0;
  b: u8 = 0;
  c: i16 = 0;
  d: u16 = 0;
  e: i32 = 0;
  f: u32 = 0;
  g: i64 = 0;
  h: u64 = 0;
  i: f32 = 0;
  j: f64 = 0;
  k: bool = false;
}

/** Every number type: the input's values back, as json-as reads and writes them. */
export function echo_numbers(): i32 {
  Host.outputJSON(Host.inputJSON<Numbers>());
  return 0;
}

@json
class Base {
  id: i32 = 0;
}

@json
class Derived extends Base {
  @alias("full_name")
  name: string = "";
  scores: Map<string, f64> = new Map();
  byId: Map<i32, string> = new Map();
  matrix: i32[][] = [];
}

/** A class with a base class, an aliased field, maps and nested arrays. */
export function echo_derived(): i32 {
  Host.outputJSON(Host.inputJSON<Derived>());
  return 0;
}

@json
class TreeNode {
  value: i32 = 0;
  children: TreeNode[] = [];
}

/** A recursive type: outputs the sum of all values. */
export function tree_sum(): i32 {
  Host.outputJSON(sum(Host.inputJSON<TreeNode>()));
  return 0;
}

function sum(node: TreeNode): i32 {
  let total = node.value;
  for (let i = 0; i < node.children.length; i++) total += sum(node.children[i]);
  return total;
}

/** A nullable type: null in, null out. */
export function echo_nullable(): i32 {
  Host.outputJSON(Host.inputJSON<Person | null>());
  return 0;
}

/** Typed vars that are not set: the type's empty value. */
export function var_missing(): i32 {
  const person = Var.getJSON<Person | null>("nobody");
  const n = Var.getJSON<i32>("no-number");
  const list = Var.getJSON<string[]>("no-list");
  const fresh = Var.getJSON<Person>("no-person");
  Host.outputString((person === null ? "null" : "set") + " " + n.toString() + " " + list.length.toString() + " '" + fresh.name + "'");
  return 0;
}

// ---- Data safety: each of these once read valid JSON as a wrong value ----

/** Integers of every width, each followed by white space in the tests. */
export function echo_i8(): i32 { Host.outputJSON(Host.inputJSON<i8>()); return 0; }
export function echo_u8(): i32 { Host.outputJSON(Host.inputJSON<u8>()); return 0; }
export function echo_i16(): i32 { Host.outputJSON(Host.inputJSON<i16>()); return 0; }
export function echo_u16(): i32 { Host.outputJSON(Host.inputJSON<u16>()); return 0; }
export function echo_i32(): i32 { Host.outputJSON(Host.inputJSON<i32>()); return 0; }
export function echo_u32(): i32 { Host.outputJSON(Host.inputJSON<u32>()); return 0; }
export function echo_i64(): i32 { Host.outputJSON(Host.inputJSON<i64>()); return 0; }
export function echo_u64(): i32 { Host.outputJSON(Host.inputJSON<u64>()); return 0; }
export function echo_f32(): i32 { Host.outputJSON(Host.inputJSON<f32>()); return 0; }

/** Config `n` as an i32 (no fallback). */
export function config_n(): i32 {
  Host.outputJSON(Config.getJSON<i32>("n"));
  return 0;
}

/** Stores the input text as var `raw`, then reads it back as an i32. */
export function var_raw_i32(): i32 {
  Var.setString("raw", Host.inputString());
  Host.outputJSON(Var.getJSON<i32>("raw"));
  return 0;
}

export function echo_people(): i32 {
  Host.outputJSON(Host.inputJSON<Array<Person | null>>());
  return 0;
}

export function echo_people_map(): i32 {
  Host.outputJSON(Host.inputJSON<Map<string, Person | null>>());
  return 0;
}

@json
class Ratio {
  label: string = "";
  value: f64 = 0;
  parts: f32[] = [];
}

/** Outputs `{label, value: n/d, parts}` for input `[n, d]`: NaN or an infinity when d is 0. */
export function ratio(): i32 {
  const nd = Host.inputJSON<f64[]>();
  const r = new Ratio();
  r.label = "n/d";
  r.value = nd[0] / nd[1];
  r.parts = [<f32>nd[0], <f32>(nd[0] / nd[1])];
  Host.outputJSON(r);
  return 0;
}

/** Stores input `[n, d]` as var `ratio` (n/d, JSON), then outputs what the var holds. */
export function var_ratio(): i32 {
  const nd = Host.inputJSON<f64[]>();
  const map = new Map<string, f64>();
  map.set("q", nd[0] / nd[1]);
  Var.setJSON<Map<string, f64>>("ratio", map);
  Host.outputString(Var.getString("ratio")!);
  return 0;
}

/** Outputs what var `ratio` holds, read as JSON. */
export function read_ratio(): i32 {
  Host.outputJSON(Var.getJSON<Map<string, f64>>("ratio"));
  return 0;
}

@json
class Wrapped {
  raw: JSON.Raw = new JSON.Raw("null");
  box: JSON.Box<i32> | null = null;
  any: JSON.Value = JSON.Value.from<i32>(0);
  after: string = "";
}

/** json-as's own types, each read from the exact text of its value. */
export function echo_wrapped(): i32 {
  Host.outputJSON(Host.inputJSON<Wrapped>());
  return 0;
}

/** The depth of a TreeNode chain (each node's first child). */
export function tree_depth(): i32 {
  Host.outputJSON(chainDepth(Host.inputJSON<TreeNode>()));
  return 0;
}

/** The length of the chain of first children from `node` (a TreeNode or a Branch). */
function chainDepth<N>(node: N): i32 {
  let depth = 1;
  // @ts-ignore: N has `children: N[]`
  for (let n = node; n.children.length > 0; n = n.children[0]) depth++;
  return depth;
}

/** Writes a value holding NaN where the input (0, 1 or 2) says: the message names the path. */
export function nan_at(): i32 {
  const where = Host.inputJSON<i32>();
  if (where == 0) {
    const typed = new Float64Array(3);
    typed[2] = NaN;
    Host.outputJSON(typed);
  } else if (where == 1) {
    const map = new Map<string, Array<Ratio | null>>();
    const r = new Ratio();
    r.parts = [1, -Infinity];
    map.set("k", [null, r]);
    Host.outputJSON(map);
  } else Host.outputJSON<f32>(NaN);
  return 0;
}

/** A field whose default is read from config: a JSON read inside a JSON read, which must put the outer reader back. */
@json
class Job {
  name: string = "";
  limits: i32[] = Config.getJSON<i32[]>("limits", []);
  after: string = "";
}

/** Reads `Job[]` (each element's default limits read from config meanwhile): `name|limits|after` per job, `;` between. */
export function jobs(): i32 {
  const jobs = Host.inputJSON<Job[]>();
  const parts: string[] = [];
  for (let i = 0; i < jobs.length; i++) parts.push(jobs[i].name + "|" + jobs[i].limits.join(",") + "|" + jobs[i].after);
  Host.outputString(parts.join(";"));
  return 0;
}

/** A recursive type whose every node reads config while it is read (the nesting count must survive the inner reads). */
@json
class Branch {
  limits: i32[] = Config.getJSON<i32[]>("limits", []);
  children: Branch[] = [];
}

/** The depth of a `Branch` chain (first children). */
export function branch_depth(): i32 {
  Host.outputJSON(chainDepth(Host.inputJSON<Branch>()));
  return 0;
}
