/**
 * The model behind tests/integration/json-fuzz.test.ts: the types of the
 * json-fuzz plug-in mirrored in TypeScript, an exact JSON reader checked
 * against node's JSON.parse, the oracle that says what the plug-in must do
 * with a document (read a value, or reject it for a documented reason), and
 * the seeded generator of documents.
 *
 * The reference is node's JSON.parse: every document is read by `readJSON`
 * here (which keeps the source text of numbers, so that integers past 2^53
 * are compared exactly, and keeps duplicate keys) and the result is asserted
 * equal to JSON.parse's before anything else is done with it.
 */
import assert from "node:assert/strict";
import { Random } from "./random.ts";

// ---------------------------------------------------------------------------
// Documents as read: numbers keep their text, objects keep every entry.

export class Num {
  constructor(readonly src: string) {}
}

export class Obj {
  constructor(readonly entries: [string, J][]) {}
}

export type J = null | boolean | string | Num | J[] | Obj;

/** RFC 8259 over a JS string; throws SyntaxError where JSON.parse would. */
export function readJSON(s: string): J {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError(`not JSON at ${i}`);
  };
  const ws = () => {
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  };
  const number = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  const hex4 = /[0-9a-fA-F]{4}/y;
  function str(): string {
    i++;
    let out = "";
    for (;;) {
      if (i >= s.length) fail();
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return out;
      }
      if (c < 0x20) fail();
      if (c !== 0x5c) {
        out += s[i++];
        continue;
      }
      const e = s[i + 1];
      const short: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (e !== undefined && e in short) {
        out += short[e];
        i += 2;
      } else if (e === "u") {
        hex4.lastIndex = i + 2;
        if (!hex4.test(s)) fail();
        out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
        i += 6;
      } else fail();
    }
  }
  function value(): J {
    ws();
    const c = s[i];
    if (c === "{") {
      i++;
      ws();
      const entries: [string, J][] = [];
      if (s[i] === "}") {
        i++;
        return new Obj(entries);
      }
      for (;;) {
        ws();
        if (s[i] !== '"') fail();
        const key = str();
        ws();
        if (s[i] !== ":") fail();
        i++;
        entries.push([key, value()]);
        ws();
        if (s[i] === ",") {
          i++;
          continue;
        }
        if (s[i] === "}") {
          i++;
          return new Obj(entries);
        }
        fail();
      }
    }
    if (c === "[") {
      i++;
      ws();
      const items: J[] = [];
      if (s[i] === "]") {
        i++;
        return items;
      }
      for (;;) {
        items.push(value());
        ws();
        if (s[i] === ",") {
          i++;
          continue;
        }
        if (s[i] === "]") {
          i++;
          return items;
        }
        fail();
      }
    }
    if (c === '"') return str();
    for (const [word, v] of [["true", true], ["false", false], ["null", null]] as const) {
      if (s.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    number.lastIndex = i;
    const m = number.exec(s);
    if (m === null) return fail();
    i += m[0].length;
    return new Num(m[0]);
  }
  const v = value();
  ws();
  if (i !== s.length) fail();
  return v;
}

/** `j` as compact JSON text (numbers as spelt, keys in order, duplicates kept). */
export function writeCompact(j: J): string {
  if (j === null) return "null";
  if (typeof j === "boolean") return String(j);
  if (j instanceof Num) return j.src;
  if (typeof j === "string") return JSON.stringify(j);
  if (Array.isArray(j)) return `[${j.map(writeCompact).join(",")}]`;
  return `{${j.entries.map(([k, v]) => `${JSON.stringify(k)}:${writeCompact(v)}`).join(",")}}`;
}

/** Trees one step smaller than `j`: an element or member dropped, a key or string cut by a character, a value replaced by a part of it. */
export function* smaller(j: J): IterableIterator<J> {
  if (Array.isArray(j)) {
    for (let i = 0; i < j.length; i++) yield j.filter((_, k) => k !== i);
    for (let i = 0; i < j.length; i++) for (const v of smaller(j[i]!)) yield j.map((y, k) => (k === i ? v : y));
  } else if (j instanceof Obj) {
    for (let i = 0; i < j.entries.length; i++) yield new Obj(j.entries.filter((_, k) => k !== i));
    for (let i = 0; i < j.entries.length; i++) {
      const [key, value] = j.entries[i]!;
      for (const v of smaller(value)) yield new Obj(j.entries.map((e, n) => (n === i ? [key, v] : e)));
      if (key.length > 0) {
        yield new Obj(j.entries.map((e, n) => (n === i ? [key.slice(1), value] : e)));
        yield new Obj(j.entries.map((e, n) => (n === i ? [key.slice(0, -1), value] : e)));
      }
    }
  } else if (typeof j === "string" && j.length > 0) {
    yield j.slice(1);
    yield j.slice(0, -1);
  }
}

/** `j` as JSON.parse gives it: numbers as doubles, the last of duplicate keys. */
export function toPlain(j: J): unknown {
  if (j instanceof Num) return Number(j.src);
  if (Array.isArray(j)) return j.map(toPlain);
  if (j instanceof Obj) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of j.entries) Object.defineProperty(o, k, { value: toPlain(v), enumerable: true, writable: true, configurable: true });
    return o;
  }
  return j;
}

/**
 * The document `bytes` read as JSON.parse reads them (UTF-8, a BOM kept as
 * U+FEFF), or null when JSON.parse rejects them (or they are not UTF-8). Fails the test when this
 * module's reader disagrees with JSON.parse.
 */
export function parseReference(bytes: Uint8Array): { doc: J } | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
  let plain: unknown;
  let native = true;
  try {
    plain = JSON.parse(text);
  } catch {
    native = false;
  }
  let mine: J | null = null;
  try {
    mine = readJSON(text);
  } catch {
    if (native) assert.fail(`harness bug: JSON.parse accepts what readJSON rejects: ${JSON.stringify(text)}`);
    return null;
  }
  if (!native) assert.fail(`harness bug: readJSON accepts what JSON.parse rejects: ${JSON.stringify(text)}`);
  assert.deepStrictEqual(toPlain(mine), plain, `harness bug: readJSON differs from JSON.parse on ${JSON.stringify(text)}`);
  return { doc: mine };
}

// ---------------------------------------------------------------------------
// Types, mirroring tests/plugins/json-fuzz.ts.

export type Ty =
  | { k: "int"; bits: 8 | 16 | 32 | 64; signed: boolean }
  | { k: "f32" }
  | { k: "f64" }
  | { k: "bool" }
  | { k: "string" }
  | { k: "array"; of: Ty }
  | { k: "map"; intKeys: boolean; of: Ty }
  | { k: "nullable"; of: Ty }
  | { k: "class"; name: string; fields: Field[] };

/** A field as json-as writes it: its JSON key (the alias, if any), type and default. */
export interface Field {
  key: string;
  ty: Ty;
  def: E;
}

/** A value the plug-in holds, as the test models it: bigint for integers, Map for maps, a record for an object. */
export type E = null | boolean | string | number | bigint | E[] | Map<string | number, E> | { [key: string]: E };

const int = (bits: 8 | 16 | 32 | 64, signed: boolean): Ty => ({ k: "int", bits, signed });
const I8 = int(8, true), U8 = int(8, false), I16 = int(16, true), U16 = int(16, false);
const I32 = int(32, true), U32 = int(32, false), I64 = int(64, true), U64 = int(64, false);
const F32: Ty = { k: "f32" }, F64: Ty = { k: "f64" }, BOOL: Ty = { k: "bool" }, STRING: Ty = { k: "string" };
const arrayOf = (of: Ty): Ty => ({ k: "array", of });
const nullable = (of: Ty): Ty => ({ k: "nullable", of });
const mapOf = (intKeys: boolean, of: Ty): Ty => ({ k: "map", intKeys, of });

function cls(name: string, fields: [string, Ty, E][]): Ty & { k: "class" } {
  return { k: "class", name, fields: fields.map(([key, ty, def]) => ({ key, ty, def })) };
}

/** A fresh value of `ty`'s default object (each field's default). */
export function defaults(ty: Ty & { k: "class" }): { [key: string]: E } {
  const o: { [key: string]: E } = {};
  for (const f of ty.fields) o[f.key] = f.def;
  return o;
}

const ITEM = cls("Item", [["id", I32, 0n], ["name", STRING, ""], ["price", F64, 0], ["tags", arrayOf(STRING), []]]);
const INTS = cls("Ints", [["a", I8, -1n], ["b", U8, 1n], ["c", I16, -2n], ["d", U16, 2n], ["e", I32, -3n], ["f", U32, 3n], ["g", I64, -4n], ["h", U64, 4n]]);
const FLOATS = cls("Floats", [["x", F32, 0.5], ["y", F64, -0.25], ["xs", arrayOf(F32), []], ["ys", arrayOf(F64), []], ["ok", BOOL, true]]);
const INNER = cls("Inner", [["label", STRING, "inner"], ["flag", BOOL, false], ["item", nullable(ITEM), null], ["note", nullable(STRING), null]]);
const OUTER = cls("Outer", [
  ["inner", INNER, defaults(INNER)],
  ["opt", nullable(INNER), null],
  ["items", arrayOf(ITEM), []],
  ["maybe", arrayOf(nullable(ITEM)), []],
  ["byName", mapOf(false, ITEM), new Map()],
  ["maybeByName", mapOf(false, nullable(ITEM)), new Map()],
  ["counts", mapOf(false, I32), new Map()],
  ["names", mapOf(true, STRING), new Map()],
  ["grid", arrayOf(arrayOf(I32)), []],
  ["words", arrayOf(arrayOf(STRING)), []],
  ["big", arrayOf(U64), []],
  ["flags", arrayOf(BOOL), []],
]);
const TREE = cls("TreeNode", []);
TREE.fields.push({ key: "value", ty: I32, def: 0n }, { key: "children", ty: arrayOf(TREE), def: [] });
const DERIVED = cls("Derived", [["id", I64, 0n], ["kind", STRING, "base"], ["full_name", STRING, ""], ["score", F32, 0], ["active", BOOL, false], ["small", I8, 0n]]);

/** A root type: the plug-in function that echoes it, and its names in messages. */
export interface Root {
  fn: string;
  ty: Ty;
  /** The name in `the input is not valid JSON for <name>: `; the first is the one expected (see `typeNames`). */
  names: string[];
  /** A document it must read, for "the instance still works" after a failure. */
  probe: string;
}

/** `T` as the PDK names it in messages (`(Item | null)[]` for `Array<Item | null>`). */
function root(fn: string, ty: Ty, names: string[], probe: string): Root {
  return { fn, ty, names, probe };
}

export const ROOTS: Root[] = [
  root("echo_item", ITEM, ["Item"], "{}"),
  root("echo_ints", INTS, ["Ints"], "{}"),
  root("echo_floats", FLOATS, ["Floats"], "{}"),
  root("echo_inner", INNER, ["Inner"], "{}"),
  root("echo_outer", OUTER, ["Outer"], "{}"),
  root("echo_tree", TREE, ["TreeNode"], "{}"),
  root("echo_derived", DERIVED, ["Derived"], "{}"),
  root("echo_items", arrayOf(ITEM), ["Item[]"], "[]"),
  root("echo_maybe_items", arrayOf(nullable(ITEM)), ["(Item | null)[]"], "[]"),
  root("echo_maybe_by_name", mapOf(false, nullable(ITEM)), ["Map<string, Item | null>"], "{}"),
  root("echo_counts", mapOf(false, I32), ["Map<string, i32>"], "{}"),
  root("echo_names", mapOf(true, STRING), ["Map<i32, string>"], "{}"),
  root("echo_grid", arrayOf(arrayOf(I32)), ["i32[][]"], "[]"),
  root("echo_nullable_outer", nullable(OUTER), ["Outer | null"], "null"),
  root("echo_i32", I32, ["i32"], "7"),
  root("echo_u64", U64, ["u64"], "7"),
  root("echo_f32", F32, ["f32"], "7"),
  root("echo_f64", F64, ["f64"], "7"),
  root("echo_bool", BOOL, ["bool"], "true"),
  root("echo_string", STRING, ["string"], '"ok"'),
  root("echo_strings", arrayOf(STRING), ["string[]"], "[]"),
];

/** Roots read through a var (Var.getJSON): stored by `var_store`, read by `fn`. */
export const VAR_ROOTS: Root[] = [root("var_read_outer", OUTER, ["Outer"], "{}"), root("var_read_ints", INTS, ["Ints"], "{}")];

export function typeLabel(ty: Ty): string {
  switch (ty.k) {
    case "int":
      return `${ty.signed ? "i" : "u"}${ty.bits}`;
    case "array":
      return ty.of.k === "nullable" ? `(${typeLabel(ty.of)})[]` : `${typeLabel(ty.of)}[]`;
    case "map":
      return `Map<${ty.intKeys ? "i32" : "string"}, ${typeLabel(ty.of)}>`;
    case "nullable":
      return `${typeLabel(ty.of)} | null`;
    case "class":
      return ty.name;
    default:
      return ty.k;
  }
}

// ---------------------------------------------------------------------------
// The oracle.

export function intRange(ty: Ty & { k: "int" }): [bigint, bigint] {
  const bits = BigInt(ty.bits);
  return ty.signed ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n];
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
/** The largest f32. */
export const F32_MAX = 3.4028234663852886e38;

/**
 * What the plug-in must do with `bytes` as a `ty`:
 * - "reject": not UTF-8, not JSON (JSON.parse throws), or not JSON for the
 *   type for a documented reason: a value of the wrong JSON type, an integer
 *   with a fraction or an exponent or out of its width's range, a number
 *   that JSON.parse reads as ±Infinity for an f64, or that Math.fround makes
 *   ±Infinity for an f32, a key of a `Map<i32, _>` that is not an integer of
 *   i32's range;
 * - "accept": the value JSON.parse reads, projected on the type;
 * - "skip": what the contract leaves open (never generated on purpose): a
 *   map key such as "01" or "-0", an earlier duplicate key whose value does
 *   not fit when the last one does.
 */
export type Verdict = { kind: "accept"; value: E } | { kind: "reject"; why: string; syntax: boolean } | { kind: "skip"; why: string };

export function judge(bytes: Uint8Array, ty: Ty): Verdict {
  const parsed = parseReference(bytes);
  if (parsed === null) return { kind: "reject", why: "not JSON (JSON.parse throws, or not UTF-8)", syntax: true };
  const doc = parsed.doc;
  if (depthOf(doc) > MAX_DEPTH) return { kind: "reject", why: `nested deeper than ${MAX_DEPTH} levels`, syntax: true };
  const problem = fits(doc, ty, "");
  if (problem !== null) return problem.startsWith("skip: ") ? { kind: "skip", why: problem.slice(6) } : { kind: "reject", why: problem, syntax: false };
  return { kind: "accept", value: project(doc, ty) };
}

/** The PDK's documented nesting limit: arrays and objects deeper than this are rejected. */
export const MAX_DEPTH = 512;

/** How deeply arrays and objects nest in `j` (0 for a scalar). */
export function depthOf(j: J): number {
  let deepest = 0;
  const stack: [J, number][] = [[j, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (Array.isArray(v)) {
      deepest = Math.max(deepest, d + 1);
      for (const x of v) stack.push([x, d + 1]);
    } else if (v instanceof Obj) {
      deepest = Math.max(deepest, d + 1);
      for (const [, x] of v.entries) stack.push([x, d + 1]);
    }
  }
  return deepest;
}

/** null when `j` fits `ty`, else why not ("skip: ..." when the contract leaves it open). */
function fits(j: J, ty: Ty, path: string): string | null {
  const kindOf = (v: J) => (v === null ? "null" : v instanceof Num ? "a number" : typeof v === "string" ? "a string" : typeof v === "boolean" ? "a boolean" : Array.isArray(v) ? "an array" : "an object");
  const wrong = (want: string) => `${path || "the value"}: expected ${want}, found ${kindOf(j)}`;
  switch (ty.k) {
    case "nullable":
      return j === null ? null : fits(j, ty.of, path);
    case "int": {
      if (!(j instanceof Num)) return wrong("an integer");
      if (!INTEGER.test(j.src)) return `${path || "the value"}: ${j.src} has a fraction or an exponent`;
      const [lo, hi] = intRange(ty);
      const v = BigInt(j.src);
      return v < lo || v > hi ? `${path || "the value"}: ${j.src} is out of ${typeLabel(ty)}'s range` : null;
    }
    case "f64":
      if (!(j instanceof Num)) return wrong("a number");
      return Number.isFinite(Number(j.src)) ? null : `${path || "the value"}: ${j.src} is past f64's range`;
    case "f32": {
      if (!(j instanceof Num)) return wrong("a number");
      const n = Number(j.src);
      // As Math.fround(JSON.parse(text)): past f32's range only where that is an infinity.
      return Number.isFinite(Math.fround(n)) ? null : `${path || "the value"}: ${j.src} is past f32's range`;
    }
    case "bool":
      return typeof j === "boolean" ? null : wrong("a boolean");
    case "string":
      return typeof j === "string" ? null : wrong("a string");
    case "array": {
      if (!Array.isArray(j)) return wrong("an array");
      for (let i = 0; i < j.length; i++) {
        const p = fits(j[i]!, ty.of, `${path}[${i}]`);
        if (p !== null) return p;
      }
      return null;
    }
    case "map":
    case "class": {
      if (!(j instanceof Obj)) return wrong("an object");
      const last = new Map<string, number>();
      j.entries.forEach(([k], i) => last.set(k, i));
      let open: string | null = null;
      for (let i = 0; i < j.entries.length; i++) {
        const [key, value] = j.entries[i]!;
        const at = `${path}${path ? "." : ""}${key}`;
        let p: string | null;
        if (ty.k === "map") {
          if (ty.intKeys && !INTEGER.test(key)) p = /^-?[0-9]+$/.test(key) ? `skip: map key ${JSON.stringify(key)}` : `${at}: key ${JSON.stringify(key)} is not an integer`;
          else if (ty.intKeys && (BigInt(key) < -(2n ** 31n) || BigInt(key) >= 2n ** 31n)) p = `${at}: key ${key} is out of i32's range`;
          else if (ty.intKeys && key === "-0") p = "skip: map key -0";
          else p = fits(value, ty.of, at);
        } else {
          const field = ty.fields.find((f) => f.key === key);
          p = field === undefined ? null : fits(value, field.ty, at);
        }
        if (p === null) continue;
        if (last.get(key) === i || p.startsWith("skip: ")) return p;
        open ??= `skip: ${at}: an earlier duplicate that does not fit (${p})`;
      }
      return open;
    }
  }
}

/** `j` (which fits `ty`) as the plug-in must hold it. */
export function project(j: J, ty: Ty): E {
  switch (ty.k) {
    case "nullable":
      return j === null ? null : project(j, ty.of);
    case "int":
      return BigInt((j as Num).src);
    case "f64":
      return Number((j as Num).src);
    case "f32":
      return Math.fround(Number((j as Num).src));
    case "bool":
    case "string":
      return j as boolean | string;
    case "array":
      return (j as J[]).map((v) => project(v, ty.of));
    case "map": {
      const m = new Map<string | number, E>();
      for (const [k, v] of (j as Obj).entries) m.set(ty.intKeys ? Number(k) : k, project(v, ty.of));
      return m;
    }
    case "class": {
      const o = defaults(ty);
      for (const [k, v] of (j as Obj).entries) {
        const field = ty.fields.find((f) => f.key === k);
        if (field !== undefined) o[k] = project(v, field.ty);
      }
      return o;
    }
  }
}

/**
 * null when the plug-in's output `out` (JSON as json-as writes it) holds
 * `want`, else where and how it differs. Integers compare exactly, floats
 * exactly (f32 after rounding the written text to f32), except that -0 may
 * come back as 0: json-as writes -0 as `0`, as JSON.stringify does (that
 * -0 is read as -0 is checked through `inverse_f64`, see the test). A string holding a lone surrogate may come back with it (written as a
 * \u escape) or with U+FFFD in its place (written as UTF-8, as TextEncoder
 * does); nothing else.
 */
export function compare(want: E, out: J, ty: Ty, path = "$"): string | null {
  const show = (v: unknown) => (v instanceof Num ? v.src : JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x instanceof Map ? Object.fromEntries(x) : x instanceof Obj ? Object.fromEntries(x.entries) : x instanceof Num ? Number(x.src) : x)));
  const differ = () => `${path}: expected ${showE(want)}, got ${show(out)}`;
  switch (ty.k) {
    case "nullable":
      if (want === null) return out === null ? null : differ();
      return out === null ? differ() : compare(want, out, ty.of, path);
    case "int":
      return out instanceof Num && INTEGER.test(out.src) && BigInt(out.src) === want ? null : differ();
    case "f64":
      return out instanceof Num && sameFloat(Number(out.src), want as number) ? null : differ();
    case "f32":
      return out instanceof Num && sameFloat(Math.fround(Number(out.src)), want as number) ? null : differ();
    case "bool":
      return out === want ? null : differ();
    case "string":
      return out === want || (typeof out === "string" && typeof want === "string" && out === wellFormed(want)) ? null : differ();
    case "array": {
      const w = want as E[];
      if (!Array.isArray(out) || out.length !== w.length) return differ();
      for (let i = 0; i < w.length; i++) {
        const d = compare(w[i]!, out[i]!, ty.of, `${path}[${i}]`);
        if (d !== null) return d;
      }
      return null;
    }
    case "map": {
      const w = want as Map<string | number, E>;
      if (!(out instanceof Obj)) return differ();
      const seen = new Set<string | number>();
      for (const [k, v] of out.entries) {
        if (ty.intKeys && !INTEGER.test(k)) return `${path}: the output has the key ${JSON.stringify(k)}, not an integer; expected ${showE(want)}`;
        const key = ty.intKeys ? Number(k) : k;
        if (seen.has(key)) return `${path}: the output has the key ${JSON.stringify(k)} twice; expected ${showE(want)}`;
        seen.add(key);
        if (!w.has(key)) return `${path}: the output has the key ${JSON.stringify(k)}, not expected; expected ${showE(want)}, got ${show(out)}`;
        const d = compare(w.get(key)!, v, ty.of, `${path}[${JSON.stringify(k)}]`);
        if (d !== null) return d;
      }
      for (const key of w.keys()) if (!seen.has(key)) return `${path}: the output lacks the key ${JSON.stringify(key)}; expected ${showE(want)}, got ${show(out)}`;
      return null;
    }
    case "class": {
      const w = want as { [key: string]: E };
      if (!(out instanceof Obj)) return differ();
      const keys = out.entries.map(([k]) => k);
      const fields = ty.fields.map((f) => f.key);
      if (keys.length !== fields.length || !fields.every((f) => keys.includes(f))) return `${path}: the output's keys are ${JSON.stringify(keys)}, expected ${JSON.stringify(fields)}`;
      for (const [k, v] of out.entries) {
        const field = ty.fields.find((f) => f.key === k)!;
        const d = compare(w[k]!, v, field.ty, `${path}.${k}`);
        if (d !== null) return d;
      }
      return null;
    }
  }
}

/** `got` is `want`; a -0 written as 0 (as JSON.stringify writes it) counts as -0. */
function sameFloat(got: number, want: number): boolean {
  return Object.is(got, want) || (got === 0 && want === 0);
}

/** `s` with each lone surrogate replaced by U+FFFD (String.prototype.toWellFormed, as TextEncoder encodes). */
export function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

export function showE(v: E): string {
  return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x instanceof Map ? Object.fromEntries(x) : Object.is(x, -0) ? "-0" : x));
}

// ---------------------------------------------------------------------------
// The generator.

/**
 * Generator features that can be turned off (env JSON_FUZZ_AVOID, comma-separated),
 * to look past one known defect to the next while triaging:
 * - int-ws: white space right after an integer;
 * - root-ws: white space after the root value;
 * - key-escape: escapes in object keys;
 * - end-backslash: a backslash as the last character of a string;
 * - null-elements: null elements of arrays and maps;
 * - neg-zero: -0 for floats;
 * - lone-surrogate: lone surrogates in strings;
 * - hard-floats: floats other than short exact decimals (long digit strings, big exponents, subnormals, halfway cases);
 * - neg-zero-int: -0 for integers;
 * - near-miss-keys: unknown keys one character away from a field's;
 * - deep: TreeNode chains 150 to 254 nodes deep (301 to 509 nesting levels).
 */
export type Feature = "int-ws" | "root-ws" | "key-escape" | "end-backslash" | "null-elements" | "neg-zero" | "lone-surrogate" | "hard-floats" | "neg-zero-int" | "near-miss-keys" | "deep";

export class Generator {
  constructor(
    readonly random: Random,
    readonly avoid: ReadonlySet<string> = new Set(),
  ) {}

  chance(p: number): boolean {
    return this.random.next() / 2 ** 32 < p;
  }

  // --- values ---------------------------------------------------------------

  /** A document tree of type `ty`: sometimes with unknown keys and duplicates (type-correct) in objects. */
  value(ty: Ty, depth: number): J {
    const r = this.random;
    switch (ty.k) {
      case "nullable":
        if (this.chance(0.3) && !(this.avoid.has("null-elements") && depth > 0)) return null;
        return this.value(ty.of, depth);
      case "int":
        return new Num(this.intText(ty));
      case "f32":
      case "f64":
        return new Num(this.floatText(ty.k === "f32"));
      case "bool":
        return this.chance(0.5);
      case "string":
        return this.string(true);
      case "array": {
        const n = this.size(depth);
        const out: J[] = [];
        for (let i = 0; i < n; i++) out.push(this.value(ty.of, depth + 1));
        return out;
      }
      case "map": {
        const n = this.size(depth);
        const entries: [string, J][] = [];
        const keys = new Set<string>();
        for (let i = 0; i < n; i++) {
          let key = ty.intKeys ? this.intText({ k: "int", bits: 32, signed: true }) : this.string(false);
          if (key === "-0") key = "0";
          if (keys.has(key)) continue;
          keys.add(key);
          entries.push([key, this.value(ty.of, depth + 1)]);
        }
        this.extras(entries, ty, depth);
        return new Obj(entries);
      }
      case "class": {
        // Now and then a deep chain of a recursive type, up to the PDK's
        // nesting limit (a TreeNode level is two: an object and an array).
        if (ty.name === "TreeNode" && depth === 0 && !this.avoid.has("deep") && this.chance(0.1)) {
          let node: J = new Obj([["value", new Num(this.intText({ k: "int", bits: 32, signed: true }))], ["children", []]]);
          for (let n = 150 + r.below(105); n > 0; n--) node = new Obj([["value", new Num(this.intText({ k: "int", bits: 32, signed: true }))], ["children", [node]]]);
          return node;
        }
        const entries: [string, J][] = [];
        for (const f of ty.fields) {
          // Recursion: fewer children the deeper it goes.
          if (ty.name === "TreeNode" && f.key === "children" && depth > 3) continue;
          if (this.chance(0.85)) entries.push([f.key, this.value(f.ty, depth + 1)]);
        }
        if (this.chance(0.3)) {
          const n = 1 + r.below(3);
          for (let i = 0; i < n; i++) entries.push([this.unknownKey(ty), this.any(depth + 1)]);
        }
        this.extras(entries, ty, depth);
        return new Obj(entries);
      }
    }
  }

  /** Sometimes an earlier duplicate of a key (type-correct; the last one wins); then a shuffle. */
  private extras(entries: [string, J][], ty: Ty & { k: "map" | "class" }, depth: number): void {
    if (entries.length > 0 && this.chance(0.2)) {
      const [key] = entries[this.random.below(entries.length)]!;
      const fty = ty.k === "map" ? ty.of : ty.fields.find((f) => f.key === key)?.ty;
      const dup: J = fty === undefined ? this.any(depth + 1) : this.value(fty, depth + 1);
      const at = entries.findIndex(([k]) => k === key);
      entries.splice(at, 0, [key, dup]);
    }
    for (let i = entries.length - 1; i > 0; i--) {
      const j = this.random.below(i + 1);
      if (this.chance(0.5) || ty.k === "map") {
        // A shuffle that keeps the order of duplicates (the last stays last).
        const a = entries[i]!, b = entries[j]!;
        if (a[0] === b[0]) continue;
        const between = entries.slice(Math.min(i, j) + 1, Math.max(i, j));
        if (between.some(([k]) => k === a[0] || k === b[0])) continue;
        entries[i] = b;
        entries[j] = a;
      }
    }
  }

  /** A key the class does not have: often a near miss of one it has (one character changed, added or dropped, another case). */
  private unknownKey(ty: Ty & { k: "class" }): string {
    for (;;) {
      let key: string;
      if (ty.fields.length > 0 && !this.avoid.has("near-miss-keys") && this.chance(0.5)) {
        const name = this.random.pick(ty.fields).key;
        const at = this.random.below(name.length);
        const c = this.random.pick(["x", "X", " ", "_", "s", "\u0000", "é"]);
        key = this.random.pick([
          name.slice(0, -1) + c,
          name.slice(0, at) + c + name.slice(at + 1),
          name + c,
          name.slice(0, -1),
          name.toUpperCase(),
          name[0]!.toUpperCase() + name.slice(1),
        ]);
      } else key = this.chance(0.5) ? this.random.pick(["extra", "x", "NAME", "ids", "_", "", "children2", "id\u0000"]) : this.string(false);
      if (!ty.fields.some((f) => f.key === key)) return key;
    }
  }

  /** Any JSON value (for unknown keys): every kind, nested. */
  private any(depth: number): J {
    const r = this.random.below(depth > 3 ? 5 : 7);
    switch (r) {
      case 0:
        return null;
      case 1:
        return this.chance(0.5);
      case 2:
        return new Num(this.chance(0.5) ? this.intText({ k: "int", bits: 64, signed: true }) : this.floatText(false));
      case 3:
      case 4:
        return this.string(true);
      case 5:
        return Array.from({ length: this.size(depth) }, () => this.any(depth + 1));
      default: {
        const entries: [string, J][] = [];
        const n = this.size(depth);
        for (let i = 0; i < n; i++) entries.push([this.string(false), this.any(depth + 1)]);
        return new Obj(entries);
      }
    }
  }

  private size(depth: number): number {
    if (depth > 4) return this.random.below(2);
    return this.chance(0.1) ? this.random.below(12) : this.random.below(4);
  }

  // --- integers -------------------------------------------------------------

  private bigBelow(n: bigint): bigint {
    let v = 0n;
    for (let bits = 0n; 1n << bits <= n * 2n; bits += 32n) v = (v << 32n) | BigInt(this.random.next());
    return v % n;
  }

  /** An integer of `ty` as plain JSON text: limits, near limits, powers of two, small, uniform. */
  intText(ty: Ty & { k: "int" }): string {
    const [lo, hi] = intRange(ty);
    let v: bigint;
    switch (this.random.below(6)) {
      case 0:
        v = this.random.pick([lo, hi, lo + 1n, hi - 1n, 0n, 1n, ty.signed ? -1n : 2n]);
        break;
      case 1: {
        const k = BigInt(this.random.below(ty.bits));
        v = (this.chance(0.5) || !ty.signed ? 1n : -1n) * (1n << k) + BigInt(this.random.below(3)) - 1n;
        break;
      }
      case 2:
      case 3:
        v = BigInt(this.random.below(201)) - 100n;
        break;
      default:
        v = lo + this.bigBelow(hi - lo + 1n);
    }
    if (v < lo) v = lo;
    if (v > hi) v = hi;
    if (v === 0n && this.chance(0.2) && !this.avoid.has("neg-zero-int")) return "-0";
    return v.toString();
  }

  // --- floats ---------------------------------------------------------------

  /** A number for an f32 or f64 field, in some spelling; finite for the type, off the f32 rounding edge. */
  floatText(f32: boolean): string {
    for (;;) {
      const text = this.floatCandidate(f32);
      if (this.avoid.has("neg-zero") && Object.is(Number(text), -0)) continue;
      const n = Number(text);
      if (!Number.isFinite(n)) continue;
      if (f32 && Math.abs(n) > F32_MAX) continue;
      return text;
    }
  }

  private floatCandidate(f32: boolean): string {
    const r = this.random;
    if (this.avoid.has("hard-floats")) return this.spell(((r.below(2001) - 1000) / this.random.pick([1, 2, 4, 8, 10, 100, 1000])).toExponential());
    const special = f32
      ? ["0", "-0", "0.0", "-0.0", "1", "-1", "0.5", "0.1", "1e-45", "1.401298464324817e-45", "1.1754943508222875e-38", "3.4028234663852886e38", "-3.4028234663852886e+38", "16777217", "1e-50", "0.30000001192092896"]
      : ["0", "-0", "0.0", "-0E0", "1", "-1", "0.5", "0.1", "5e-324", "4.9406564584124654e-324", "2.2250738585072014e-308", "2.225073858507201e-308", "1.7976931348623157e308", "9007199254740993", "1e21", "1e-7", "123456789012345678901234567890", "1e-400", "2.4703282292062328e-324"];
    switch (r.below(8)) {
      case 0:
        return r.pick(special);
      case 1:
      case 2: {
        // A random finite double (or f32) from its bits, in its shortest digits.
        const x = this.randomFloat(f32);
        return this.spell(x.toExponential());
      }
      case 3: {
        // More digits than the shortest form: correct rounding matters.
        const x = this.randomFloat(f32);
        return this.spell(x.toExponential(16 + r.below(25)));
      }
      case 4: {
        // Random digits, random exponent.
        const n = 1 + r.below(25);
        let digits = String(1 + r.below(9));
        for (let i = 1; i < n; i++) digits += String(r.below(10));
        const exp = f32 ? r.below(90) - 52 : r.below(640) - 330;
        return this.spell(`${this.chance(0.5) ? "-" : ""}${digits[0]}.${digits.slice(1) || "0"}e${exp}`);
      }
      case 5: {
        // Exactly halfway between two neighbouring doubles (or f32s): ties to even.
        return this.spell(this.halfway(f32));
      }
      case 6: {
        // Exact short decimals: halves, quarters, small integers.
        const v = (r.below(2001) - 1000) / this.random.pick([1, 2, 4, 8, 10, 100, 1000]);
        return this.spell(v.toExponential());
      }
      default: {
        // Subnormals.
        const x = f32 ? new Float32Array(new Uint32Array([r.below(0x800000)]).buffer)[0]! : new Float64Array(new BigUint64Array([this.bigBelow(1n << 52n)]).buffer)[0]!;
        return this.spell((this.chance(0.5) ? -x : x).toExponential());
      }
    }
  }

  private randomFloat(f32: boolean): number {
    for (;;) {
      const x = f32 ? new Float32Array(new Uint32Array([this.random.next()]).buffer)[0]! : new Float64Array(new Uint32Array([this.random.next(), this.random.next()]).buffer)[0]!;
      if (Number.isFinite(x)) return x;
    }
  }

  /** The exact decimal midway between a random positive double (or f32) and the next one up, in exponential form. */
  private halfway(f32: boolean): string {
    const mbits = f32 ? 23n : 52n;
    const emax = f32 ? 100 : 400;
    const m = (1n << mbits) + this.bigBelow(1n << mbits);
    const e = BigInt(this.random.below(emax) - emax / 2) - mbits; // value m * 2^e
    // (2m + 1) * 2^(e - 1)
    const odd = 2n * m + 1n;
    const k = e - 1n;
    let digits: string, exp10: bigint;
    if (k >= 0n) {
      digits = (odd << k).toString();
      exp10 = 0n;
    } else {
      digits = (odd * 5n ** -k).toString();
      exp10 = k;
    }
    const sci = BigInt(digits.length - 1) + exp10;
    return `${this.chance(0.3) ? "-" : ""}${digits[0]}.${digits.slice(1) || "0"}e${sci}`;
  }

  /**
   * The number `text` (as toExponential writes it) in a random JSON
   * spelling: scientific (e/E, +/- or no sign, padded exponent), plain, an
   * integer mantissa with an exponent, a shifted point, trailing zeros.
   */
  spell(text: string): string {
    const m = /^(-?)(\d)(?:\.(\d+))?e([+-]?\d+)$/.exec(text);
    if (m === null) throw new Error(`spell: ${text}`);
    const sign = m[1]!;
    let digits = (m[2]! + (m[3] ?? "")).replace(/0+$/, "");
    if (digits === "") digits = "0";
    // value = 0.digits... no: digits × 10^exp10
    let exp10 = Number(m[4]) - (digits.length - 1);
    const r = this.random;
    if (digits === "0") return sign + r.pick(["0", "0.0", "0e0", "0.000", "0E+5", "0.0e-3", "0e-400"]);
    const zeros = this.chance(0.2) ? "0".repeat(1 + r.below(3)) : "";
    const expPart = (e: number) => {
      const letter = this.chance(0.5) ? "e" : "E";
      const s = e < 0 ? "-" : this.random.pick(["", "+"]);
      const pad = this.chance(0.1) ? "0".repeat(1 + this.random.below(2)) : "";
      return `${letter}${s}${pad}${Math.abs(e)}`;
    };
    /** `digits × 10^e` with the point placed so that `shift` digits are before it... as plain text. */
    const plain = (e: number): string => {
      if (e >= 0) return digits + "0".repeat(e) + (zeros ? "." + zeros : "");
      const point = digits.length + e;
      if (point > 0) return `${digits.slice(0, point)}.${digits.slice(point)}${zeros}`;
      return `0.${"0".repeat(-point)}${digits}${zeros}`;
    };
    const sciExp = exp10 + digits.length - 1;
    switch (r.below(5)) {
      case 0:
      case 1:
        return `${sign}${digits[0]}${digits.length > 1 || zeros ? "." + digits.slice(1) + zeros : ""}${expPart(sciExp)}`;
      case 2:
        if (sciExp > -25 && sciExp < 25) return sign + plain(exp10);
        return `${sign}${digits}${expPart(exp10)}`;
      case 3:
        return `${sign}${digits}${expPart(exp10)}`;
      default: {
        // Point shifted by s, exponent makes up for it.
        const s = r.below(7) - 3;
        if (sciExp - s > -25 && sciExp - s < 25) return `${sign}${plain(exp10 - s)}${expPart(s)}`;
        return `${sign}${digits}${expPart(exp10)}`;
      }
    }
  }

  // --- strings --------------------------------------------------------------

  private static readonly PIECES: string[] = [
    "a", "Z", "0", " ", "~", "\u007f", '"', "\\", "/", "\\\\", '\\"', "//",
    "[", "]", "{", "}", ",", ":", "[]", "{}", '":', "null", "-1",
    "\u0000", "\u0001", "\b", "\t", "\n", "\u000b", "\f", "\r", "\u001b", "\u001f",
    "\u0080", "é", "ß", "\u07ff", "\u0800", "✓", "日本", "\ufeff", "\ufffd", "\uffff", "\ue000", "\u2028",
    "\u{10000}", "🎉", "\u{10ffff}", "𝄞",
  ];

  /** A string with every escape, control characters, quotes, backslashes anywhere, JSON's own punctuation, every UTF-8 width. */
  string(value: boolean): string {
    const r = this.random;
    if (this.chance(0.1)) return "";
    const n = this.chance(0.15) ? r.below(40) : 1 + r.below(6);
    let s = "";
    for (let i = 0; i < n; i++) {
      if (this.chance(0.3)) s += "abcdefghij".slice(0, 1 + r.below(10));
      else s += r.pick(Generator.PIECES);
      if (value && !this.avoid.has("lone-surrogate") && this.chance(0.03)) s += r.pick(["\ud800", "\udbff", "\udc00", "\udfff", "\udc00\ud800"]);
    }
    if (this.chance(0.2)) s += "\\";
    if (this.avoid.has("end-backslash")) while (s.endsWith("\\")) s = s.slice(0, -1);
    return s;
  }

  // --- text -----------------------------------------------------------------

  /** `j` as JSON text: random white space around every token, random escapes. */
  write(j: J): string {
    const density = this.random.pick([0, 0.2, 0.6]);
    const keyEscapes = !this.avoid.has("key-escape") && this.chance(0.2);
    const escapes = this.random.pick([0, 0, 0.1, 0.5, 1]);
    const ws = (after?: J) => {
      if (after instanceof Num && INTEGER.test(after.src) && this.avoid.has("int-ws")) return "";
      if (!this.chance(density)) return "";
      let s = "";
      const n = 1 + this.random.below(3);
      for (let i = 0; i < n; i++) s += this.random.pick([" ", "\t", "\n", "\r", "\r\n"]);
      return s;
    };
    const quote = (s: string, escapeRate: number) => this.quote(s, escapeRate);
    const out = (v: J): string => {
      if (v === null) return "null";
      if (v === true) return "true";
      if (v === false) return "false";
      if (v instanceof Num) return v.src;
      if (typeof v === "string") return quote(v, escapes);
      if (Array.isArray(v)) {
        if (v.length === 0) return `[${ws()}]`;
        return `[${v.map((x) => `${ws()}${out(x)}${ws(x)}`).join(",")}]`;
      }
      if (v.entries.length === 0) return `{${ws()}}`;
      return `{${v.entries.map(([k, x]) => `${ws()}${quote(k, keyEscapes ? this.random.pick([0.3, 1]) : 0)}${ws()}:${ws()}${out(x)}${ws(x)}`).join(",")}}`;
    };
    return `${ws()}${out(j)}${this.avoid.has("root-ws") ? "" : ws(j)}`;
  }

  /** `s` as a JSON string literal; each character escaped with probability `rate` when it need not be. */
  quote(s: string, rate: number): string {
    const hex = (c: number) => {
      const h = c.toString(16).padStart(4, "0");
      return `\\u${this.chance(0.5) ? h : h.toUpperCase()}`;
    };
    const SHORT: Record<number, string> = { 0x22: '\\"', 0x5c: "\\\\", 0x08: "\\b", 0x0c: "\\f", 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t" };
    let out = '"';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
        // A surrogate pair: raw (4 UTF-8 bytes) or as two escapes.
        out += this.chance(rate) ? hex(c) + hex(s.charCodeAt(i + 1)) : s.slice(i, i + 2);
        i++;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        out += hex(c); // a lone surrogate has no UTF-8 form
        continue;
      }
      if (c === 0x22 || c === 0x5c || c < 0x20) {
        out += SHORT[c] !== undefined && !this.chance(rate * 0.5) ? SHORT[c] : hex(c);
        continue;
      }
      if (c === 0x2f && this.chance(Math.max(rate, 0.3))) {
        out += this.chance(0.7) ? "\\/" : hex(c);
        continue;
      }
      out += this.chance(rate) ? hex(c) : s[i];
    }
    return out + '"';
  }

  // --- documents that must be rejected ---------------------------------------

  /**
   * A tree of type `ty` with one value made wrong for its place: the wrong
   * JSON type, an integer out of range or with a fraction or an exponent, an
   * f32 past f32's range, a map key that is not an i32. Null when the tree
   * has no place to spoil (the oracle decides whether the result is wrong).
   */
  spoil(tree: J, ty: Ty): J | null {
    const sites: { ty: Ty; set: (v: J) => J; key?: (k: string) => J }[] = [];
    const walk = (j: J, t: Ty, set: (v: J) => J) => {
      sites.push({ ty: t, set });
      if (t.k === "nullable") {
        if (j !== null) {
          sites.pop();
          sites.push({ ty: t.of, set });
          walkInner(j, t.of, set);
        }
        return;
      }
      walkInner(j, t, set);
    };
    const walkInner = (j: J, t: Ty, set: (v: J) => J) => {
      if (t.k === "array" && Array.isArray(j)) {
        j.forEach((x, i) => walk(x, t.of, (v) => set(j.map((y, k) => (k === i ? v : y)))));
      } else if ((t.k === "map" || t.k === "class") && j instanceof Obj) {
        const last = new Map<string, number>();
        j.entries.forEach(([k], i) => last.set(k, i));
        j.entries.forEach(([k, x], i) => {
          if (last.get(k) !== i) return;
          const fty = t.k === "map" ? t.of : t.fields.find((f) => f.key === k)?.ty;
          if (fty === undefined) return;
          const rebuild = (nk: string, v: J) => set(new Obj(j.entries.map((e, n) => (n === i ? [nk, v] : e))));
          walk(x, fty, (v) => rebuild(k, v));
          if (t.k === "map" && t.intKeys) sites.push({ ty: t, set, key: (nk) => rebuild(nk, x) });
        });
      }
    };
    walk(tree, ty, (v) => v);
    if (sites.length === 0) return null;
    const site = this.random.pick(sites);
    if (site.key !== undefined) return site.key(this.random.pick(["x", "1.5", "1e2", "2147483648", "-2147483649", "99999999999999999999", "", " 1", "+1", "0x10", "1 "]));
    return site.set(this.badValue(site.ty));
  }

  private badValue(ty: Ty): J {
    const r = this.random;
    const wrongKind = (): J => r.pick<J>([new Num("1"), new Num("-2.5"), true, false, "str", "1", null, [], [new Num("1")], new Obj([]), new Obj([["a", new Num("1")]])]);
    if (ty.k === "int" && this.chance(0.7)) {
      const [lo, hi] = intRange(ty);
      switch (r.below(3)) {
        case 0:
          return new Num(r.pick([hi + 1n, lo - 1n, hi + 1n + this.bigBelow(1000n), lo - 1n - this.bigBelow(1000n), 2n ** 64n, -(2n ** 63n) - 1n, 10n ** 30n]).toString());
        case 1:
          return new Num(r.pick(["1.5", "0.0", "-0.5", "2.0", `${this.intText(ty).replace(/^-0$/, "0")}.0`, "1.000000000000000000001", "0.1"]));
        default:
          return new Num(r.pick(["1e2", "1E0", "1e+1", "0e0", "-1e-0", "10E-1", `${this.intText(ty).replace(/^-0$/, "0")}e0`]));
      }
    }
    if (ty.k === "f32" && this.chance(0.6)) {
      return new Num(r.pick(["3.4e39", "-3.4e39", "1e39", "-1e300", "3.5e38", "1e308", "340282357000000000000000000000000000000.5", `${1 + r.below(9)}.${r.below(1000)}e${39 + r.below(270)}`]));
    }
    return wrongKind();
  }
}

/** Syntax mutations of a document (bytes): the oracle then says whether it is still JSON for the type. */
export function mutate(g: Generator, text: string): Uint8Array {
  const r = g.random;
  const enc = (s: string) => new TextEncoder().encode(s);
  // Offsets inside string literals (after the opening quote), and of number tokens.
  const inString: number[] = [];
  const numbers: number[] = [];
  for (let i = 0, str = false; i < text.length; i++) {
    const c = text[i]!;
    if (str) {
      inString.push(i);
      if (c === "\\") i++;
      else if (c === '"') str = false;
    } else if (c === '"') str = true;
    else if (/[-0-9]/.test(c) && (i === 0 || !/[-0-9.eE+]/.test(text[i - 1]!))) numbers.push(i);
  }
  const at = (list: number[]) => (list.length > 0 ? r.pick(list) : r.below(text.length + 1));
  const insert = (i: number, s: string) => text.slice(0, i) + s + text.slice(i);
  switch (r.below(10)) {
    case 0:
      return enc(text.slice(0, r.below(Math.max(1, text.length))));
    case 1: {
      // A trailing comma before a closing bracket.
      const closers = [...text].flatMap((c, i) => (c === "]" || c === "}" ? [i] : []));
      return enc(insert(at(closers), r.pick([",", " ,", ",\n"])));
    }
    case 2:
      // A leading zero.
      return enc(insert(at(numbers.map((i) => (text[i] === "-" ? i + 1 : i))), r.pick(["0", "00"])));
    case 3:
      return enc(insert(at(inString), r.pick(["\\x", "\\u12", "\\u00G1", "\\U0041", "\\'", "\\a", "\\0", "\\\n", "\\u{41}", "\\ "])));
    case 4:
      return enc(insert(at(inString), String.fromCharCode(r.below(0x20))));
    case 5: {
      // A lone invalid UTF-8 sequence, in a string or anywhere.
      const pos = g.chance(0.7) ? at(inString) : r.below(text.length + 1);
      const before = enc(text.slice(0, pos));
      const bad = r.pick([[0x80], [0xbf], [0xff], [0xfe], [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5], [0xc2], [0xe2, 0x82], [0xf0, 0x9f, 0x8e]]);
      const after = enc(text.slice(pos));
      const out = new Uint8Array(before.length + bad.length + after.length);
      out.set(before);
      out.set(bad, before.length);
      out.set(after, before.length + bad.length);
      return out;
    }
    case 6:
      // A character deleted.
      if (text.length === 0) return enc(text);
      {
        const i = r.below(text.length);
        return enc(text.slice(0, i) + text.slice(i + 1));
      }
    case 7:
      // A structural or number character inserted.
      return enc(insert(r.below(text.length + 1), r.pick(["{", "}", "[", "]", ",", ":", '"', "0", "-", ".", "e", "+", " ", "\u00a0", "\ufeff", "t", "n", "\\", "/", "1"])));
    case 8: {
      // A number respelled out of JSON: +1, .5, 1., 01, 1e, -, Infinity, NaN, 0x1.
      const i = at(numbers);
      let end = i;
      while (end < text.length && /[-0-9.eE+]/.test(text[end]!)) end++;
      return enc(text.slice(0, i) + r.pick(["+1", ".5", "1.", "01", "-01", "1e", "1e+", "-", "Infinity", "NaN", "0x1", "1.e2", "-.5", "1E+-2"]) + text.slice(end));
    }
    default:
      // Whitespace JSON does not have, or a BOM, around the value.
      return enc(r.pick(["\ufeff", "\u00a0", "\u000b", "\u000c", "\u2028", ""]) + text + r.pick(["\u000b", "\u00a0", "\u0000", "", "x"]));
  }
}

// ---------------------------------------------------------------------------
// The "malformed" part: documents of every class of malformed JSON, for the
// syntax check alone (the plug-in's `check_syntax`), judged by `syntaxVerdict`.

/** The generators of the "malformed" part, each one class of malformed JSON (with some valid near misses). */
export const MALFORMED_GENERATORS = [
  "control-char",
  "lone-surrogate",
  "invalid-utf8",
  "leading-zero",
  "bad-number",
  "bad-escape",
  "trailing-comma",
  "missing-separator",
  "bad-key",
  "truncation",
  "extra-text",
  "deep-nesting",
  "random",
] as const;
export type MalformedGenerator = (typeof MALFORMED_GENERATORS)[number];

/**
 * What the syntax check must say of `bytes`: accept exactly what JSON.parse
 * accepts after a fatal UTF-8 decode (a BOM kept, so refused, as JSON.parse
 * refuses U+FEFF). One documented difference, not differential: nesting
 * deeper than 512 levels, which JSON.parse reads, is refused (docs/json.md,
 * "How a document is read"; `deep` then holds the reason the PDK must give).
 * Lone surrogates written as escapes (`"\ud800"`) are no difference: JSON.parse
 * accepts them, and so does the PDK (docs/json.md: the string keeps the lone
 * surrogate).
 */
export function syntaxVerdict(bytes: Uint8Array): { accept: boolean; why: string; deep?: string } {
  const parsed = parseReference(bytes);
  if (parsed === null) return { accept: false, why: "JSON.parse rejects it (or it is not UTF-8)" };
  const depth = depthOf(parsed.doc);
  if (depth > MAX_DEPTH) return { accept: false, why: `JSON.parse accepts it, but it nests ${depth} levels deep: documented as refused past ${MAX_DEPTH}`, deep: `nested deeper than ${MAX_DEPTH} levels` };
  return { accept: true, why: "JSON.parse accepts it" };
}

interface Sites {
  /** Offsets inside string literals (after the opening quote, up to the closing one), never just after a backslash. */
  inString: number[];
  /** [start, end) of every string literal that is an object key (quotes included). */
  keys: [number, number][];
  /** [start, end) of every number token. */
  numbers: [number, number][];
  commas: number[];
  colons: number[];
  /** Offsets of `]` and `}`. */
  closers: number[];
}

function sites(text: string): Sites {
  const s: Sites = { inString: [], keys: [], numbers: [], commas: [], colons: [], closers: [] };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) {
        s.inString.push(i);
        if (text[i] === "\\") i++;
      }
      s.inString.push(i);
      let k = i + 1;
      while (k < text.length && " \t\n\r".includes(text[k]!)) k++;
      if (text[k] === ":") s.keys.push([start, i + 1]);
    } else if (/[-0-9]/.test(c)) {
      let end = i;
      while (end < text.length && /[-0-9.eE+]/.test(text[end]!)) end++;
      s.numbers.push([i, end]);
      i = end - 1;
    } else if (c === ",") s.commas.push(i);
    else if (c === ":") s.colons.push(i);
    else if (c === "]" || c === "}") s.closers.push(i);
  }
  return s;
}

/** A small document with every kind of site (strings, keys, numbers, commas, colons, both closers), for bases that lack one. */
const FALLBACK = '{"name": "a\\"b", "n": [1, -2.5e3, 0], "o": {"k": "v"}}';

const concat = (...parts: (string | number[])[]): Uint8Array => {
  const chunks = parts.map((p) => (typeof p === "string" ? new TextEncoder().encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

/**
 * Documents of one class of malformed JSON, made from `base` (a valid
 * document): one document, except for "truncation", which gives `base` cut
 * at every position (the caller keeps `base` short).
 */
export function malformed(g: Generator, gen: MalformedGenerator, base: string): Uint8Array[] {
  const r = g.random;
  const enc = (s: string) => new TextEncoder().encode(s);
  let text = base;
  let at = sites(text);
  const need = (ok: (s: Sites) => boolean) => {
    if (!ok(at)) {
      text = FALLBACK;
      at = sites(text);
    }
  };
  const insert = (i: number, s: string) => text.slice(0, i) + s + text.slice(i);
  const replaceNumber = (spellings: string[]) => {
    need((s) => s.numbers.length > 0);
    const [start, end] = r.pick(at.numbers);
    return [enc(text.slice(0, start) + r.pick(spellings) + text.slice(end))];
  };
  switch (gen) {
    case "control-char": {
      // A raw U+0000..U+001F, in a string (refused) or, now and then, between tokens (only tab, LF, CR allowed there).
      const c = String.fromCharCode(r.below(0x20));
      if (g.chance(0.85)) {
        need((s) => s.inString.length > 0);
        return [enc(insert(r.pick(at.inString), c))];
      }
      return [enc(insert(r.below(text.length + 1), c))];
    }
    case "lone-surrogate": {
      // Escaped surrogates, lone or out of order (JSON.parse accepts them all), a valid pair, and cut-short escapes.
      need((s) => s.inString.length > 0);
      const u = (h: number) => `\\u${h.toString(16).padStart(4, "0")}`;
      const hi = 0xd800 + r.below(0x400), lo = 0xdc00 + r.below(0x400);
      const piece = r.pick([u(hi), u(lo), u(lo) + u(hi), u(hi) + "x", u(hi) + u(0x41), u(hi) + u(hi), u(hi) + u(lo), u(hi).toUpperCase().replace("\\U", "\\u"), u(hi) + "\\u", u(hi) + "\\n"]);
      return [enc(insert(r.pick(at.inString), piece))];
    }
    case "invalid-utf8": {
      // Invalid sequences (overlong, surrogates, past U+10FFFF, stray continuation bytes, cut short), or valid ones as near misses.
      const bad = r.pick([[0x80], [0xbf], [0xff], [0xfe], [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf0, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xf8], [0xc2], [0xe2, 0x82], [0xf0, 0x9f, 0x8e], [0xc3, 0xa9, 0xa9], [0xc3, 0x28]]);
      const good = r.pick([[0xc2, 0x80], [0xc3, 0xa9], [0xdf, 0xbf], [0xe0, 0xa0, 0x80], [0xe2, 0x82, 0xac], [0xed, 0x9f, 0xbf], [0xee, 0x80, 0x80], [0xef, 0xbf, 0xbf], [0xf0, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x8e, 0x89], [0xf4, 0x8f, 0xbf, 0xbf]]);
      const bytes = g.chance(0.8) ? bad : good;
      need((s) => s.inString.length > 0);
      const pos = g.chance(0.8) ? r.pick(at.inString) : g.chance(0.5) ? text.length : r.below(text.length + 1);
      return [concat(text.slice(0, pos), bytes, text.slice(pos))];
    }
    case "leading-zero":
      if (g.chance(0.5)) {
        need((s) => s.numbers.length > 0);
        const [start] = r.pick(at.numbers);
        const i = text[start] === "-" ? start + 1 : start;
        return [enc(insert(i, r.pick(["0", "00", "0", "000"])))];
      }
      return replaceNumber(["01", "-01", "00", "-00", "00.5", "-00.5", "007", "01e2", "0123456789", "00e0", "0.0", "-0", "0e1", "-0.0e-0", "0"]);
    case "bad-number":
      return replaceNumber(["1.", ".5", "1e", "+1", "-", "1e+", "1e-", "1E", "1.e2", "-.5", "1E+-2", "Infinity", "-Infinity", "NaN", "0x1", "1_000", "1.5.2", "--1", "1e5e5", "1ee5", "- 1", "1 .5", "1e 5", "١", "1.5e+3", "-0.5E-3", "1E+2", "12.34e10"]);
    case "bad-escape": {
      need((s) => s.inString.length > 0);
      const piece = r.pick(["\\x41", "\\x", "\\u12", "\\u1", "\\u", "\\u123", "\\U0041", "\\u00G1", "\\u-123", "\\u 123", "\\'", "\\a", "\\0", "\\v", "\\\n", "\\\t", "\\u{41}", "\\ ", "\\\\\\", "\\é", "\\u0041", "\\/", "\\b", "\\uFFFF", '\\"']);
      return [enc(insert(r.pick(at.inString), piece))];
    }
    case "trailing-comma": {
      need((s) => s.closers.length > 0);
      const wantObject = g.chance(0.5);
      const closers = at.closers.filter((i) => (text[i] === "}") === wantObject);
      const i = closers.length > 0 ? r.pick(closers) : r.pick(at.closers);
      if (g.chance(0.15)) return [enc(r.pick(["[,]", "{,}", "[1,,2]", "[,1]", '{,"a":1}', '{"a":1,,"b":2}', "[1,]", '{"a":1,}', "[[],]", '{"a":{},}'].slice(0)))];
      return [enc(insert(i, r.pick([",", " ,", ",\n", ", ", ",,"])))];
    }
    case "missing-separator": {
      need((s) => s.commas.length > 0 && s.colons.length > 0);
      const list = g.chance(0.5) ? at.commas : at.colons;
      const i = r.pick(list);
      return [enc(text.slice(0, i) + r.pick(["", " ", "", "=", ";", "::", "\t"]) + text.slice(i + 1))];
    }
    case "bad-key": {
      need((s) => s.keys.length > 0);
      const [start, end] = r.pick(at.keys);
      const key = text.slice(start + 1, end - 1);
      const bare = key.replace(/[^A-Za-z0-9_$]/g, "") || "k";
      const spelt = r.pick([bare, `'${bare}'`, `'${key}'`, "1", "-1", "true", "null", "{}", "[]", `"${key}`, `${key}"`, '""', `"${key}"`]);
      return [enc(text.slice(0, start) + spelt + text.slice(end))];
    }
    case "truncation": {
      const out: Uint8Array[] = [];
      const bytes = enc(text);
      for (let n = 0; n <= bytes.length; n++) out.push(bytes.slice(0, n));
      return out;
    }
    case "extra-text": {
      const extra = r.pick([" x", "x", ",", "}", "]", " 1", "{}", "[]", "\u0000", '""', "null", " \n\t\r", "\n", "/", "//c", "/* */", "\u00a0", "\ufeff", "\u000b", "\u000c", "\u2028", " true", ":", "#"]);
      return [enc(g.chance(0.8) ? text + extra : extra + text)];
    }
    case "deep-nesting": {
      // Nesting 505..520 levels deep (arrays, objects or both), sometimes with a syntax error inside; the limit is 512.
      const depth = MAX_DEPTH - 7 + r.below(16);
      const open: string[] = [], close: string[] = [];
      const kind = r.below(3);
      for (let d = 0; d < depth; d++) {
        const object = kind === 1 || (kind === 2 && g.chance(0.5));
        open.push(object ? '{"k":' : "[");
        close.push(object ? "}" : "]");
      }
      const inner = r.pick(["1", "[]", "{}", '"s"', "null", ""]);
      let doc = open.join("") + inner + close.reverse().join("");
      if (g.chance(0.3)) {
        const i = r.below(doc.length + 1);
        doc = r.pick([doc.slice(0, i), doc.slice(0, i) + "," + doc.slice(i), doc.slice(0, i) + doc.slice(i + 1)]);
      }
      return [enc(doc)];
    }
    case "random":
      if (g.chance(0.5)) return [mutate(g, text)];
      {
        // Token soup.
        const tokens = ["{", "}", "[", "]", ",", ":", '"a"', '"', "1", "-", "0", ".", "e", "true", "null", "fals", " ", "\\", "\t", "\u00e9", "\u0001", "'"];
        let s = "";
        for (let n = 1 + r.below(12); n > 0; n--) s += r.pick(tokens);
        return [enc(s)];
      }
  }
}
