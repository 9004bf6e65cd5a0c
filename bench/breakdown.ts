/**
 * Where a plug-in's bytes go: each byte of a .wasm file attributed to one of
 * the AssemblyScript runtime and standard library, this PDK, json-as, the
 * plug-in's own code, or the module's structure.
 *
 * The .wasm file asc wrote has no names (a release build strips them), so the
 * names come from the text asc writes of the same module (`--textFile
 * X.wast`, written after the binary, which it leaves as it is): the n-th
 * function defined in the text is the n-th body of the binary's code section.
 * asc names each function after its source (`~lib/rt/itcms/__new`,
 * `~lib/extism-as-pdk/assembly/host/Host.input`,
 * `~lib/json-as/assembly/...`, `assembly/index/greet`), which says whose it is:
 *
 * - runtime: `~lib/` other than the two packages below (the allocator, the
 *   collector, strings, arrays, number formatting), and each class's
 *   `~visit` (the collector's walk of its fields);
 * - pdk: `~lib/extism-as-pdk/` (for the official PDK's plug-ins,
 *   `~lib/@extism/as-pdk/`), and what the PDK's transform writes into the
 *   plug-in's files (export wrappers `__extism_export_*`, the JSON reader's
 *   `__EXTISM_*` methods of `@json` classes);
 * - json: `~lib/json-as/` and `~lib/xjb-as/` (json-as's float writer, which
 *   the PDK's writer uses too), and the methods json-as's transform writes into
 *   `@json` classes (`__SERIALIZE`, `__DESERIALIZE`, `__INITIALIZE`...);
 * - plugin: every other function (the plug-in's own files);
 * - other: section headers, types, imports, exports, globals, the start
 *   function (every file's top-level code, whoever wrote it), names.
 *
 * Static data (strings, lookup tables) goes to whoever refers to it: an
 * object of the data section belongs to the part whose code names its
 * address (`i32.const`), the runtime first when several do; data only other
 * data or the start function points to goes to that object's part or to
 * `other`. Code the optimiser inlined counts where it was inlined.
 */
import { readFileSync } from "node:fs";

export const PARTS = ["runtime", "pdk", "json", "plugin", "other"] as const;
export type Part = (typeof PARTS)[number];

export const PART_TITLES: Record<Part, string> = {
  runtime: "AssemblyScript runtime",
  pdk: "PDK",
  json: "json-as (and xjb-as)",
  plugin: "plug-in's own code",
  other: "module structure",
};

/** One function of the code section. */
export interface FunctionSize {
  name: string;
  part: Part;
  /** Its body's bytes in the code section, with the size prefix. */
  bytes: number;
}

export interface Breakdown {
  /** The file's size. */
  total: number;
  /** Code and data of each part; they add up to `total`. */
  parts: Record<Part, number>;
  /** The static data among `parts`, by part. */
  data: Record<Part, number>;
  /** Static data no code names (in `other`): tables of files whose top-level code was compiled in. */
  unnamedData: number;
  /** Every function, largest first. */
  functions: FunctionSize[];
  /** The objects of static data some code names, largest first. */
  objects: DataObject[];
}

/** An object of static data: a string, an array's buffer, a table. */
export interface DataObject {
  address: number;
  /** Its extent in linear memory (the file may store fewer: runs of zeros are left out). */
  bytes: number;
  part: Part;
  /** A string's text, else "". */
  text: string;
}

const zeroes = (): Record<Part, number> => ({ runtime: 0, pdk: 0, json: 0, plugin: 0, other: 0 });

/** Whose a function is, by its name (see the header). */
export function partOf(name: string): Part {
  if (name === "~start" || name === "start:" || name.startsWith("start:")) return "other";
  if (name.startsWith("~lib/json-as/") || name.startsWith("~lib/xjb-as/")) return "json";
  if (name.startsWith("~lib/extism-as-pdk/") || name.startsWith("~lib/@extism/as-pdk/")) return "pdk";
  if (name.startsWith("~lib/")) return "runtime";
  if (name.endsWith("~visit")) return "runtime";
  if (/#__EXTISM_/.test(name)) return "pdk";
  if (/#__(SERIALIZE|DESERIALIZE|INITIALIZE)/.test(name)) return "json";
  return "plugin";
}

/** A reader of the binary format's LEB128 numbers. */
class Bytes {
  pos = 0;
  constructor(readonly b: Uint8Array) {}
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.b[this.pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  }
  i32(): number {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.b[this.pos++]!;
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return shift < 32 && byte & 0x40 ? result | (-1 << shift) : result;
  }
}

interface Section {
  id: number;
  /** Start and end of the section's content. */
  start: number;
  end: number;
  /** Bytes of the whole section, header included. */
  bytes: number;
}

interface Segment {
  /** Address in linear memory, and bytes (the segment's entry in the data section, header included). */
  address: number;
  length: number;
  bytes: number;
  /** Where its bytes are in the file. */
  fileStart: number;
}

function sections(wasm: Uint8Array): Section[] {
  const r = new Bytes(wasm);
  r.pos = 8;
  const out: Section[] = [];
  while (r.pos < wasm.length) {
    const begin = r.pos;
    const id = wasm[r.pos++]!;
    const size = r.u32();
    out.push({ id, start: r.pos, end: r.pos + size, bytes: r.pos + size - begin });
    r.pos += size;
  }
  return out;
}

/** The entries of a section that is a vector (a count, then the entries), each read by `entry`. */
function vector<T>(wasm: Uint8Array, section: Section, entry: (r: Bytes) => T): T[] {
  const r = new Bytes(wasm);
  r.pos = section.start;
  return Array.from({ length: r.u32() }, () => entry(r));
}

/** The bytes of each body of the code section (size prefix included). */
function bodySizes(wasm: Uint8Array, code: Section): number[] {
  return vector(wasm, code, (r) => {
    const begin = r.pos;
    const size = r.u32();
    r.pos += size;
    return r.pos - begin;
  });
}

/** The active segments of the data section (asc writes only those, at constant addresses). */
function segments(wasm: Uint8Array, data: Section): Segment[] {
  return vector(wasm, data, (r) => {
    const begin = r.pos;
    const flags = r.u32();
    if (flags === 2) r.u32(); // memory index
    if (flags === 1) throw new Error("a passive data segment: not a module asc wrote");
    if (wasm[r.pos++] !== 0x41) throw new Error("a data segment whose offset is not i32.const");
    const address = r.i32();
    if (wasm[r.pos++] !== 0x0b) throw new Error("a data segment offset that is not one constant");
    const length = r.u32();
    const fileStart = r.pos;
    r.pos += length;
    return { address, length, bytes: r.pos - begin, fileStart };
  });
}

/** A top-level entry of the module's text: its kind, name and text. */
interface Entry {
  kind: string;
  name: string;
  text: string;
}

const NAME = String.raw`\$("(?:[^"\\]|\\.)*"|[^\s()]+)`;

/** The top-level entries of the text (binaryen prints each from a line of its own, one space in). */
function entries(wast: string): Entry[] {
  const out: Entry[] = [];
  const head = new RegExp(String.raw`^ \((\w+)(?: ${NAME})?`);
  let current: Entry | null = null;
  for (const line of wast.split("\n")) {
    const m = head.exec(line);
    if (m !== null) {
      current = { kind: m[1]!, name: unquote(m[2] ?? ""), text: "" };
      out.push(current);
    }
    if (current !== null) current.text += `${line}\n`;
  }
  return out;
}

function unquote(name: string): string {
  return name.startsWith('"') ? (JSON.parse(name.replace(/\\([0-9a-f]{2})/gi, "\\u00$1")) as string) : name;
}

/**
 * The addresses a piece of text names: with `i32.const`, or as the constant
 * offset of a load or store (where the optimiser folds a table's address).
 */
function constants(text: string): number[] {
  return [...text.matchAll(/i32\.const (-?\d+)|offset=(\d+)/g)].map((m) => Number(m[1] ?? m[2]));
}

/**
 * Which part each byte of static data belongs to (null: no code names it).
 * An object is named by its address: a managed object (string, array,
 * buffer) has a 20-byte header before it whose last word is its size, so it
 * spans `[address - 20, address + size)`; other data (`memory.data` tables)
 * runs from its address up to the next named object. A word inside an object
 * that points into the data (an array's buffer) names that object for the
 * same part. When several parts name one object, the runtime takes it first,
 * then json-as, the PDK, the plug-in.
 */
function dataParts(segs: Segment[], wasm: Uint8Array, refs: { part: Part; address: number }[]): { partAt: (addr: number) => Part | null; objects: DataObject[] } {
  if (segs.length === 0) return { partAt: () => null, objects: [] };
  const low = Math.min(...segs.map((s) => s.address));
  const high = Math.max(...segs.map((s) => s.address + s.length));
  const memory = new Uint8Array(high - low);
  for (const s of segs) memory.set(wasm.subarray(s.fileStart, s.fileStart + s.length), s.address - low);
  const word = (a: number): number => (a < low || a + 4 > high ? 0 : new DataView(memory.buffer).getUint32(a - low, true));
  const inData = (a: number): boolean => a >= low && a < high;
  const rank: Part[] = ["runtime", "json", "pdk", "plugin", "other"];
  const owner = new Map<number, Part>();
  const claim = (address: number, part: Part): boolean => {
    const known = owner.get(address);
    if (known !== undefined && rank.indexOf(known) <= rank.indexOf(part)) return false;
    owner.set(address, part);
    return true;
  };
  // A managed object's header (asc's static objects): the block's size (the
  // object's size, rounded so that the next block starts 16-aligned), two
  // zero words, the class id, the object's size.
  const managedSize = (a: number): number | null => {
    if (a - 20 < low || a % 4 !== 0) return null;
    const size = word(a - 4);
    const blockSize = ((size + 16 + 4 + 15) & ~15) - 4;
    return word(a - 20) === blockSize && word(a - 16) === 0 && word(a - 12) === 0 && word(a - 8) < 4096 && a + size <= high ? size : null;
  };
  const extents = (): [number, number, Part][] => {
    const sorted = [...owner.keys()].sort((a, b) => a - b);
    return sorted.map((a, i) => {
      const size = managedSize(a);
      if (size !== null) return [a - 20, a + size, owner.get(a)!];
      const next = sorted[i + 1];
      const end = next === undefined ? high : managedSize(next) !== null ? next - 20 : next;
      return [a, Math.max(a, end), owner.get(a)!];
    });
  };
  for (const r of refs) if (inData(r.address)) claim(r.address, r.part);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [from, to, part] of extents()) {
      for (let p = from + ((4 - (from % 4)) % 4); p + 4 <= to; p += 4) {
        const target = word(p);
        if (inData(target) && target !== p && claim(target, part)) changed = true;
      }
    }
  }
  const byByte = new Array<Part | null>(high - low).fill(null);
  const objects: DataObject[] = [];
  for (const [from, to, part] of extents()) {
    for (let a = Math.max(from, low); a < to; a++) if (byByte[a - low] === null) byByte[a - low] = part;
    // A string (class id 2) shows its text.
    const a = from + 20;
    const text = managedSize(a) !== null && word(a - 8) === 2 ? String.fromCharCode(...new Uint16Array(memory.buffer.slice(a - low, to - low - ((to - a) % 2)))) : "";
    objects.push({ address: from, bytes: to - from, part, text });
  }
  return { partAt: (addr: number) => (inData(addr) ? byByte[addr - low]! : null), objects };
}

/** The part of a global (named after its file), or `other`. */
function globalPart(e: Entry): Part {
  return e.kind === "global" ? partOf(e.name) : "other";
}

/** Where the bytes of `wasm` go, with the names of `wast` (asc's `--textFile X.wast` of the same build). */
export function breakdown(wasm: Uint8Array, wast: string): Breakdown {
  const all = sections(wasm);
  const code = all.find((s) => s.id === 10);
  const data = all.find((s) => s.id === 11);
  const list = entries(wast);
  const funcs = list.filter((e) => e.kind === "func");
  const sizes = code === undefined ? [] : bodySizes(wasm, code);
  if (sizes.length !== funcs.length) throw new Error(`the text has ${funcs.length} functions and the binary ${sizes.length}: not the same build`);

  const parts = zeroes();
  const dataBytes = zeroes();
  let unnamed = 0;
  const objects: DataObject[] = [];
  const functions: FunctionSize[] = funcs.map((f, i) => ({ name: f.name, part: partOf(f.name), bytes: sizes[i]! }));
  for (const f of functions) parts[f.part] += f.bytes;

  if (data !== undefined) {
    const segs = segments(wasm, data);
    // The addresses each function names, and those the rest of the module names (globals, start-up code).
    // (The collector's walk of the globals names every static object a global holds: not a use.)
    const walkers = /^~lib\/rt\/(itcms\/visitRoots|__visit_globals)$/;
    const refs = funcs.flatMap((f, i) => (walkers.test(f.name) ? [] : constants(f.text).map((address) => ({ part: functions[i]!.part, address }))));
    for (const e of list) if (e.kind !== "func" && e.kind !== "data") for (const address of constants(e.text)) refs.push({ part: globalPart(e), address });
    const named = dataParts(segs, wasm, refs);
    const partAt = named.partAt;
    objects.push(...named.objects);
    for (const s of segs) {
      // Each byte to its object's part; the segment's header goes with its first byte.
      for (let i = 0; i < s.length; i++) {
        const part = partAt(s.address + i);
        if (part === null) unnamed++;
        else dataBytes[part]++;
      }
      const first = partAt(s.address);
      if (first === null) unnamed += s.bytes - s.length;
      else dataBytes[first] += s.bytes - s.length;
    }
    for (const p of PARTS) parts[p] += dataBytes[p];
  }
  // Everything else: the module's structure.
  const counted = PARTS.reduce((n, p) => n + parts[p], 0);
  parts.other += wasm.length - counted;
  functions.sort((a, b) => b.bytes - a.bytes);
  objects.sort((a, b) => b.bytes - a.bytes);
  return { total: wasm.length, parts, data: dataBytes, unnamedData: unnamed, functions, objects };
}

/** The breakdown of a plug-in built with `--textFile` next to it (`X.wasm`, `X.wast`). */
export function breakdownFile(wasmPath: string): Breakdown {
  return breakdown(readFileSync(wasmPath), readFileSync(wasmPath.replace(/\.wasm$/, ".wast"), "utf8"));
}

// `node --import tsx bench/breakdown.ts X.wasm [N]`: the parts, then the N largest functions of each part.
if (process.argv[1]?.endsWith("breakdown.ts")) {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write("usage: node --import tsx bench/breakdown.ts PLUGIN.wasm [N]   (PLUGIN.wast next to it: asc --textFile)\n");
    process.exit(2);
  }
  const top = Number(process.argv[3] ?? 10);
  const b = breakdownFile(file);
  process.stdout.write(`${file}: ${b.total} bytes\n`);
  for (const p of PARTS) {
    const unnamed = p === "other" ? `, of which ${b.unnamedData} no code names` : "";
    process.stdout.write(`  ${PART_TITLES[p].padEnd(24)} ${String(b.parts[p]).padStart(7)}  (data ${b.data[p]}${unnamed})\n`);
    for (const f of b.functions.filter((f) => f.part === p).slice(0, top)) process.stdout.write(`      ${String(f.bytes).padStart(6)}  ${f.name}\n`);
    for (const o of b.objects.filter((o) => o.part === p).slice(0, top)) process.stdout.write(`      ${String(o.bytes).padStart(6)}  data at ${o.address}${o.text === "" ? "" : ` ${JSON.stringify(o.text.slice(0, 60))}`}\n`);
  }
}
