/**
 * The workloads of the benchmark: for each, its input, how a reply is judged
 * (expected values are computed here, never taken from a plug-in), and the
 * plug-in of each flavour (bench/plugins/<flavour>-<name>.ts, built into
 * build/bench/).
 */
import { join } from "node:path";
import { ROOT } from "../tools/build.ts";
import type { HostLogLevel } from "./measure.ts";

export const KiB = 1024;
export const MiB = 1024 * KiB;

export type FlavourName = "floor" | "official" | "pdk";
export const FLAVOURS: FlavourName[] = ["floor", "official", "pdk"];

/** A plug-in function to call. */
export interface Target {
  wasm: string;
  fn: string;
}

export interface Workload {
  /** Short id, used in results.json (`echo-bytes-1KiB`). */
  id: string;
  name: string;
  /** Input size in bytes (for MB/s), 0 when throughput means nothing. */
  bytes: number;
  input: Uint8Array;
  check(output: Uint8Array): string | null;
  targets: Record<FlavourName, Target | null>;
  /** More plug-ins timed in the same rounds, for the targets and the analysis (name -> plug-in). */
  extra: Record<string, Target>;
  /** Host log level for the call (the logging workload runs the host at warn). */
  logLevel: HostLogLevel;
  /** What the table alone does not say about this workload (what its floor does, how a flavour is written). */
  note?: string;
}

export const wasmPath = (name: string): string => join(ROOT, "build", "bench", `${name}.wasm`);

/** Extra subjects' names. */
export const PDK_ECHO_BYTES = "this PDK, echo bytes on the same input";
export const PLAIN_AS = "plain AssemblyScript, no PDK (raw imports, GC runtime, same loop)";
export const PDK_POINTER_LOOP = "this PDK, byte loop through a pointer";
export const PDK_TYPED = "this PDK, typed function";
export const PDK_MINIMAL = "this PDK, minimal build (asconfig.minimal.json)";

/** Flavour `flavour`'s plug-in `plugin` (file name without the flavour prefix), function `fn`. */
const target = (flavour: FlavourName, plugin: string, fn: string): Target => ({ wasm: wasmPath(`${flavour}-${plugin}`), fn });

export function sizeLabel(n: number): string {
  return n >= MiB ? `${n / MiB} MiB` : n >= KiB ? `${n / KiB} KiB` : `${n} B`;
}

const id = (name: string, bytes: number): string => `${name}-${sizeLabel(bytes).replace(" ", "")}`;

/** `n` bytes of English ASCII text. */
export function asciiText(n: number): Uint8Array {
  const text = "The quick brown fox jumps over the lazy dog. ";
  return new TextEncoder().encode(text.repeat(Math.ceil(n / text.length)).slice(0, n));
}

/** Exactly `n` bytes of mixed ASCII and non-ASCII UTF-8 (2-, 3- and 4-byte characters), padded with '.'. */
export function mixedText(n: number): Uint8Array {
  const unit = new TextEncoder().encode("héllo wörld ✓ 日本 🎉 plain ascii text; ");
  const out = new Uint8Array(n).fill(0x2e);
  for (let i = 0; i + unit.length <= n; i += unit.length) out.set(unit, i);
  return out;
}

function same(expected: Uint8Array): (output: Uint8Array) => string | null {
  return (output) =>
    Buffer.from(output).equals(Buffer.from(expected)) ? null : `wrong output (${output.length} bytes, expected ${expected.length})`;
}

function sameJSON(expected: unknown): (output: Uint8Array) => string | null {
  return (output) => {
    const text = new TextDecoder().decode(output);
    try {
      if (JSON.stringify(JSON.parse(text)) === JSON.stringify(expected)) return null;
    } catch {
      // reported below
    }
    return `wrong output: ${text.slice(0, 80)}`;
  };
}

function countVowels(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if ("aeiouAEIOU".includes(String.fromCharCode(b))) n++;
  return n;
}

/** The JSON workload's input: an order of about 200 bytes. */
export const ORDER = {
  id: 12345678,
  customer: "Zoe Example",
  email: "zoe@example.com",
  items: ["apple", "banana", "cherry", "dates", "elderberry"],
  quantities: [3, 12, 1, 40, 2],
  total: 42.5,
  express: true,
  note: "leave it with the neighbour at number 12",
};

export function workloads(): Workload[] {
  const list: Workload[] = [];
  const all = (plugin: string, fn: string): Record<FlavourName, Target> => ({
    floor: target("floor", plugin, fn),
    official: target("official", plugin, fn),
    pdk: target("pdk", plugin, fn),
  });

  for (const n of [0, KiB, 64 * KiB, MiB, 16 * MiB]) {
    const input = asciiText(n);
    list.push({
      id: id("echo-bytes", n),
      name: "echo bytes",
      bytes: n,
      input,
      check: same(input),
      targets: all("echo", "echo"),
      extra: { [PDK_TYPED]: target("pdk", "echo-typed", "echo") },
      logLevel: "error",
      note:
        "the floor moves each 8-byte word with one input_load_u64 and one store_u64 straight into the output block (the last partial word as an overlapping whole word, as the PDK does; under 8 bytes, byte by byte), without passing through linear memory",
    });
  }
  for (const n of [KiB, MiB]) {
    const input = mixedText(n);
    list.push({
      id: id("echo-string", n),
      name: "echo string",
      bytes: n,
      input,
      check: same(input),
      targets: { floor: target("floor", "echo", "echo"), official: target("official", "echo-string", "echo_string"), pdk: target("pdk", "echo-string", "echo_string") },
      extra: { [PDK_ECHO_BYTES]: target("pdk", "echo", "echo"), [PDK_TYPED]: target("pdk", "echo-string-typed", "echo_string") },
      logLevel: "error",
      note: "the floor of echo string is echo bytes (at the ABI, text is bytes); the official PDK crashes on non-ASCII output (it sizes the block by UTF-16 length)",
    });
  }
  for (const n of [KiB, MiB]) {
    const input = asciiText(n);
    const expected = new TextEncoder().encode(`{"count":${countVowels(input)}}`);
    list.push({
      id: id("count-vowels", n),
      name: "count-vowels",
      bytes: n,
      input,
      check: same(expected),
      targets: all("count-vowels", "count_vowels"),
      note:
        "all three read the input as bytes and count with the same switch; the floor counts each word in registers and writes its reply from a static buffer, the others read into a Uint8Array and build the reply as a string",
      extra: {
        [PLAIN_AS]: { wasm: wasmPath("baseline-count-vowels"), fn: "count_vowels" },
        [PDK_POINTER_LOOP]: target("pdk", "count-vowels-ptr", "count_vowels"),
        [PDK_MINIMAL]: { wasm: wasmPath("pdk-count-vowels.minimal"), fn: "count_vowels" },
      },
      logLevel: "error",
    });
  }
  for (const n of [KiB, 64 * KiB]) {
    const input = asciiText(n);
    list.push({
      id: id("vars", n),
      name: "vars",
      bytes: n,
      input,
      check: same(input),
      targets: all("vars", "vars"),
      extra: {},
      logLevel: "error",
      note: "Var.set the input, Var.getMemory it back, outputMemory it; the official PDK stores var values one byte per host call",
    });
  }

  const order = new TextEncoder().encode(JSON.stringify(ORDER));
  const receipt = { id: ORDER.id, message: `thanks, ${ORDER.customer}`, count: ORDER.items.length, total: ORDER.total };
  list.push({
    id: "json",
    name: "JSON",
    bytes: order.length,
    input: order,
    check: sameJSON(receipt),
    targets: { floor: null, official: target("official", "json", "json"), pdk: target("pdk", "json", "json") },
    extra: { [PDK_TYPED]: target("pdk", "json-typed", "json") },
    logLevel: "error",
    note: "no floor (JSON is work inside the plug-in, not host calls); the official PDK has no JSON, so json-as is wired in by hand (its transform, JSON.parse/stringify on strings), in json-as's default mode",
  });

  const empty = new Uint8Array(0);
  list.push({
    id: "log-filtered",
    name: "1,000 filtered debug logs",
    bytes: 0,
    input: empty,
    check: same(empty),
    targets: { floor: target("floor", "log", "log_filtered"), official: target("official", "log", "log_filtered"), pdk: { wasm: wasmPath("pdk-log.modern"), fn: "log_filtered" } },
    extra: {},
    logLevel: "warn",
    note: "the floor asks get_log_level once per message; this PDK built with --use EXTISM_MODERN_HOST=1",
  });
  list.push({
    id: "log-filtered-portable",
    name: "1,000 filtered debug logs, portable build",
    bytes: 0,
    input: empty,
    check: same(empty),
    targets: { floor: target("floor", "log-portable", "log_filtered"), official: target("official", "log", "log_filtered"), pdk: target("pdk", "log", "log_filtered") },
    extra: {},
    logLevel: "warn",
    note: "without get_log_level (JS SDK 1.0.3 lacks it) every message goes to the host: the floor copies each into a block and logs it",
  });
  return list;
}
