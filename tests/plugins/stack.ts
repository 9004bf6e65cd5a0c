// A plug-in for the trap tests (tests/integration/traps.test.ts): a shadow
// stack overflow, JSON nested as deep as the PDK allows, traps that skip
// `abort` (one while a failure context is set). Its functions are declared
// here; tests/plugins/stack-star.ts exports the same kind through `export *`.
import { Host } from "extism-as-pdk";
import { setFailureContext } from "extism-as-pdk/assembly/abort";
import { trapAt } from "./lib/trap-at";

/** Recurses `n` levels, each frame holding a string (live across the call: a shadow-stack slot); returns `n`. */
function recurse(n: i32): i32 {
  const s = n.toString();
  if (n == 0) return 0;
  return recurse(n - 1) + 1 + s.length - s.length;
}

/** Recurses as many levels as the input says; outputs the depth reached. */
export function deep(): i32 {
  Host.outputString(recurse(I32.parseInt(Host.inputString())).toString());
  return 0;
}

/** As `recurse`, but throws "bottom" at the bottom. */
function descend(n: i32): i32 {
  const s = n.toString();
  if (n == 0) throw new Error("bottom");
  return descend(n - 1) + s.length;
}

/** Recurses as many levels as the input says, then throws. */
export function deep_throw(): i32 {
  return descend(I32.parseInt(Host.inputString()));
}

/** Traps 64 frames deep, without passing through `abort`. */
export function trap(): i32 {
  return trapAt(64, Host.inputString());
}

/** Outputs "ok". */
export function ok(): i32 {
  Host.outputString("ok");
  return 0;
}

@json
class Nested {
  child: Nested | null = null;
}

/** Reads the input as JSON for Nested (`{"child": {"child": ... {}}}`); outputs its depth (1 for `{}`). */
export function nested(): i32 {
  let node: Nested | null = Host.inputJSON<Nested>();
  let depth = 0;
  while (node !== null) {
    depth++;
    node = node.child;
  }
  Host.outputString(depth.toString());
  return 0;
}

/**
 * Sets a failure context as the JSON reader does before json-as parses, then
 * traps without passing through `abort` (a load past the end of memory), so
 * the context is never cleared.
 */
export function trap_in_context(): i32 {
  setFailureContext("the input", " is not valid JSON for ", "Ratio");
  Host.outputString(load<u8>(<usize>0xfffffff0).toString());
  return 0;
}

/** A `throw`. */
export function boom(): i32 {
  throw new Error("boom");
}

@json
class Tree {
  value: i32 = 0;
  children: Tree[] = [];
}

/** Reads the input as JSON for Tree (objects and arrays in turn); outputs it back as JSON. */
export function tree(): i32 {
  Host.outputJSON(Host.inputJSON<Tree>());
  return 0;
}
