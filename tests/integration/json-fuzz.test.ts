/**
 * Differential fuzz of the PDK's JSON reader against node's JSON.parse, on
 * every host (one plug-in instance per host for the whole run), with the
 * echo functions of tests/plugins/json-fuzz.ts (build it with
 * `npx tsx tools/build.ts json-fuzz`).
 *
 * The promise under test: for every valid JSON document, the plug-in reads
 * the value JSON.parse reads, projected onto the type (unknown keys dropped,
 * the last of duplicate keys, defaults for absent fields, f32 as
 * Math.fround), or rejects it for a documented reason with a message
 * `the input is not valid JSON for <Type>: <reason> at byte <n>`; and after a
 * rejection the same instance goes on working. The oracle, the reference
 * reader and the generator are in tests/support/json-fuzz-model.ts.
 *
 * Four parts, each with its own stream of documents from the seed:
 * - round trip: random values of a random root type, written with random
 *   white space, key order, escapes, number spellings, unknown and
 *   duplicate keys (type-correct; the last wins); each must come back
 *   equal (integers exactly, past 2^53 too; floats exactly);
 * - rejections: one value spoilt (wrong JSON type, integer out of range or
 *   with a fraction or an exponent, f32 past its range, a bad Map<i32, _>
 *   key), or a syntax mutation JSON.parse rejects (truncation, trailing
 *   comma, leading zero, bad escape, raw control character, invalid UTF-8);
 *   each must fail with the message above, and the next call must work;
 * - syntax differential: random mutations of valid documents; the plug-in
 *   must accept exactly what JSON.parse accepts (and fits the type), and
 *   reject the rest;
 * - through a var: documents stored as a var's bytes, read with Var.getJSON
 *   (the message then starts `var 'doc' is not valid JSON for <Type>: `; no
 *   empty documents: an empty value removes a var, by design).
 *
 * A fifth part, "malformed", targets the syntax check (json-scan.ts,
 * through the plug-in's `check_syntax`) and the typed reader's own checks
 * (`read_nothing`, which reads an object as a class without fields, skipping
 * every member: it must fail with exactly the check's message, read every
 * object the check accepts, and call anything else a mismatch): documents from one generator per
 * class of malformed JSON (MALFORMED_GENERATORS in the model: raw control
 * characters in strings, escaped lone surrogates, invalid UTF-8, leading
 * zeros, bad numbers, bad escapes, trailing commas, missing commas and
 * colons, unquoted or single-quoted keys, truncation at every position, text
 * after the value, nesting near the 512-level limit, random mutations and
 * token soup), each with valid near misses; the check must accept exactly
 * what JSON.parse accepts after a fatal UTF-8 decode, and reject the rest
 * with `<reason> at byte <n>`. Nesting deeper than 512 levels is a
 * documented difference (refused; JSON.parse reads it), checked as such. A
 * failure names the generator; the document is shrunk by runs of bytes.
 * JSON_FUZZ_COUNT/4 documents a generator (truncation: every prefix of
 * short documents, as many), about 3 s on the three hosts.
 *
 * Rules of the reference (details in the model):
 * - a string holding a lone surrogate (always written as a \u escape: it has
 *   no UTF-8 form) must come back holding it, or with U+FFFD in its place
 *   (what TextEncoder makes of it when it is written as UTF-8);
 * - -0 may come back as 0 (json-as writes it `0`, as JSON.stringify does);
 *   that it is read as -0 is checked through `inverse_f64`;
 * - what the contract leaves open is never generated and skipped if met:
 *   an f64 past f64's range (1e400), an f32 between the largest f32 and the
 *   point where rounding goes to Infinity, Map<i32, _> keys such as "01" or
 *   "-0", an earlier duplicate key whose value does not fit when the last
 *   one does;
 * - "rejected for a documented reason" means a message with the prefix
 *   above, ending in ` at byte <n>` (or `: it is empty`), naming no json-as
 *   source line; the name of `Array<Item | null>` may be `(Item | null)[]`
 *   or, as the PDK writes it today, `Item | null[]`.
 *
 * JS SDK 1.0.3 runs out of kernel block indices after about 32,767 blocks
 * (a host bug, see soak.test.ts): its instance is reset between documents
 * every 2,000 calls.
 *
 * Environment:
 * - FUZZ_SEED (default 20261130): the seed; a failure prints it with the
 *   part, the iteration, the root type and the document.
 * - JSON_FUZZ_COUNT (default 2000): documents per part (the same ones on
 *   every host); the whole file then takes about 15 s on the three hosts
 *   when they pass. A long run (about 2 minutes per 20,000):
 *     JSON_FUZZ_COUNT=20000 FUZZ_SEED=$RANDOM node --disable-warning=ExperimentalWarning --import tsx --test tests/integration/json-fuzz.test.ts
 * - JSON_FUZZ_ALL=1: go on past a mismatch and list them all (up to 200) at the end.
 * - JSON_FUZZ_AVOID=int-ws,key-escape,...: leave out generator features (see
 *   `Feature` in the model) to look past one known defect to the next.
 * - JSON_FUZZ_SHRINK (default 2000): plug-in calls spent shrinking a failing
 *   document (dropping members and elements, then runs of bytes, while the
 *   oracle's verdict and the kind of mismatch stay); the shrunk document is
 *   printed too. 0: no shrinking.
 * - JSON_FUZZ_HOSTS=strict-kernel,...: only these hosts (default: all).
 *
 * Reproduce one failure: FUZZ_SEED=<seed> node --disable-warning=ExperimentalWarning --import tsx --test tests/integration/json-fuzz.test.ts
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ALL_HOSTS, type Host, JS_V1, type LoadedPlugin, wasmPath } from "../support/hosts.ts";
import { compare, Generator, judge, MALFORMED_GENERATORS, type MalformedGenerator, malformed, mutate, parseReference, readJSON, type Root, ROOTS, showE, smaller, syntaxVerdict, typeLabel, VAR_ROOTS, type Verdict, writeCompact } from "../support/json-fuzz-model.ts";
import { hex, Random, seedFromEnv } from "../support/random.ts";

const SEED = seedFromEnv(20261130);
const COUNT = parseCount(process.env.JSON_FUZZ_COUNT, 2000);
const ALL = process.env.JSON_FUZZ_ALL === "1";
const AVOID = new Set((process.env.JSON_FUZZ_AVOID ?? "").split(",").map((s) => s.trim()).filter(Boolean));
const MAX_LISTED = 200;
/** Plug-in calls spent shrinking a failing document (JSON_FUZZ_SHRINK, default 2000; 0: no shrinking). */
const SHRINK_CALLS = parseCount(process.env.JSON_FUZZ_SHRINK, 2000, true);

function parseCount(env: string | undefined, fallback: number, zero = false): number {
  if (env === undefined || env.trim() === "") return fallback;
  const n = Number(env);
  if (!Number.isInteger(n) || n < (zero ? 0 : 1)) throw new Error(`expected a ${zero ? "non-negative" : "positive"} integer: ${JSON.stringify(env)}`);
  return n;
}

type Part = "round trip" | "rejections" | "syntax differential" | "through a var";

interface Case {
  part: Part;
  i: number;
  root: Root;
  bytes: Uint8Array;
  verdict: Verdict & { kind: "accept" | "reject" };
  /** Stored with var_store, then read by root.fn. */
  viaVar: boolean;
}

const encode = (s: string) => new TextEncoder().encode(s);

/** The documents of one part: the same for every host. */
function cases(part: Part): Case[] {
  const salt = { "round trip": 0, rejections: 0x9e3779b9, "syntax differential": 0x85ebca6b, "through a var": 0xc2b2ae35 }[part];
  const g = new Generator(new Random((SEED ^ salt) >>> 0), AVOID);
  const out: Case[] = [];
  const roots = part === "through a var" ? VAR_ROOTS : ROOTS;
  while (out.length < COUNT) {
    const root = g.random.pick(roots);
    const tree = g.value(root.ty, 0);
    let bytes: Uint8Array;
    let want: "accept" | "reject" | "any";
    if (part === "round trip" || (part === "through a var" && g.chance(0.6))) {
      bytes = encode(g.write(tree));
      want = "accept";
    } else if (part === "syntax differential") {
      bytes = mutate(g, g.write(tree));
      want = "any";
    } else if (g.chance(0.6)) {
      const spoilt = g.spoil(tree, root.ty);
      if (spoilt === null) continue;
      bytes = encode(g.write(spoilt));
      want = "reject";
    } else {
      bytes = mutate(g, g.write(tree));
      want = "reject";
    }
    // An empty value removes a var (on every host), and Var.getJSON of a var
    // that is not set gives the type's empty value, by design: not a document.
    if (part === "through a var" && bytes.length === 0) continue;
    const verdict = judge(bytes, root.ty);
    if (verdict.kind === "skip") continue;
    if (want === "accept" && verdict.kind !== "accept") assert.fail(`harness bug: a generated document is not accepted (${verdict.why}): ${JSON.stringify(new TextDecoder().decode(bytes))}`);
    // A spoilt value or a mutation that is still fine for the type (null for a nullable, a truncated number...): not a rejection case.
    if (want === "reject" && verdict.kind !== "reject") continue;
    out.push({ part, i: out.length, root, bytes, verdict, viaVar: part === "through a var" });
  }
  return out;
}

const PARTS: Part[] = ["round trip", "rejections", "syntax differential", "through a var"];
const CASES = new Map(PARTS.map((p) => [p, cases(p)]));

function describeCase(c: Case, host: Host): string {
  let text: string;
  try {
    text = JSON.stringify(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(c.bytes));
  } catch {
    text = `(not UTF-8) ${JSON.stringify(new TextDecoder().decode(c.bytes))}, bytes ${hex(c.bytes, 4096)}`;
  }
  const via = c.viaVar ? `var_store then ${c.root.fn}` : c.root.fn;
  const want = c.verdict.kind === "accept" ? `expected the value ${showE(c.verdict.value)}` : `expected a rejection (${c.verdict.why})`;
  return `FUZZ_SEED=${SEED} ${c.part} #${c.i} on ${host.name}: root ${typeLabel(c.root.ty)} (${via})\n  document: ${text}\n  ${want}`;
}

/** null when the plug-in did what the oracle says, else what it did. */
async function check(plugin: LoadedPlugin, host: Host, c: Case): Promise<string | null> {
  const logsBefore = plugin.logs.length;
  if (c.viaVar) {
    const stored = await plugin.call("var_store", c.bytes);
    if (!stored.ok) return `var_store failed: ${stored.error}`;
  }
  const out = await plugin.call(c.root.fn, c.viaVar ? new Uint8Array(0) : c.bytes);
  const errors = plugin.logs.slice(logsBefore).filter((l) => l.level === "error").map((l) => l.text);
  let problem: string | null = null;
  if (c.verdict.kind === "accept") {
    if (!out.ok) problem = `the call failed: ${errors[0] ?? out.error}`;
    else {
      let written: ReturnType<typeof readJSON>;
      try {
        written = readJSON(new TextDecoder("utf-8", { fatal: true }).decode(out.output ?? new Uint8Array(0)));
      } catch {
        return `the output is not JSON: ${JSON.stringify(out.text)}`;
      }
      const d = compare(c.verdict.value, written, c.root.ty);
      if (d !== null) problem = `${d}\n  output: ${out.text}`;
      else if (c.root.fn === "echo_f64" && Object.is(c.verdict.value, -0)) {
        // Written as 0 (as JSON.stringify writes -0), but it must be read as -0: 1 / x is -Infinity.
        const inverse = await plugin.call("inverse_f64", c.bytes);
        if (!inverse.ok || inverse.text !== "-Infinity") problem = `-0 is not read as -0: 1 / x is ${inverse.ok ? inverse.text : inverse.error}`;
      }
    }
  } else {
    if (out.ok) problem = `accepted, output ${out.text}`;
    else if (errors.length !== 1) problem = `the call failed with ${JSON.stringify(out.error)} and ${errors.length} error log lines ${JSON.stringify(errors)}`;
    else {
      const message = errors[0]!;
      const source = c.viaVar ? "var 'doc'" : "the input";
      const prefixes = c.root.names.map((n) => `${source} is not valid JSON for ${n}: `);
      if (host.errorSurvivesTrap && out.error !== message) problem = `the call's error ${JSON.stringify(out.error)} is not the logged ${JSON.stringify(message)}`;
      else if (!prefixes.some((p) => message.startsWith(p))) problem = `the message ${JSON.stringify(message)} does not start with ${JSON.stringify(prefixes[0])}`;
      else if (!(/ at byte \d+$/.test(message) || (c.bytes.length === 0 && message.endsWith(": it is empty"))) || message.includes("~lib/")) problem = `the message gives no documented reason: ${JSON.stringify(message)}`;
    }
  }
  if (!out.ok || problem !== null) {
    // The same instance must go on working.
    const broken = await probe(plugin, c);
    if (broken !== null) problem = problem === null ? broken : `${problem}\n  and ${broken}`;
  }
  return problem;
}

/** null when the root's probe document still reads right on `plugin`, else what went wrong. */
async function probe(plugin: LoadedPlugin, c: Case): Promise<string | null> {
  const input = encode(c.root.probe);
  const what = `the next call (${c.viaVar ? "through the var" : c.root.fn}, ${c.root.probe})`;
  if (c.viaVar) {
    const stored = await plugin.call("var_store", input);
    if (!stored.ok) return `${what}: var_store failed: ${stored.error}`;
  }
  const out = await plugin.call(c.root.fn, c.viaVar ? new Uint8Array(0) : input);
  if (!out.ok) return `${what} failed: ${out.error}`;
  const want = judge(input, c.root.ty);
  assert.equal(want.kind, "accept");
  if (want.kind !== "accept") return null;
  let written: ReturnType<typeof readJSON>;
  try {
    written = readJSON(out.text);
  } catch {
    return `${what}: the output is not JSON: ${out.text}`;
  }
  const d = compare(want.value, written, c.root.ty);
  return d === null ? null : `${what} is wrong: ${d}`;
}

/** What kind of mismatch a problem is, so that shrinking keeps to one kind. */
function category(problem: string): string {
  // A wrong value: where (the path without element indices and map keys).
  if (problem.startsWith("$")) return problem.slice(0, problem.indexOf(":")).replace(/\[[^\]]*\]/g, "[]");
  return problem.replace(/[0-9]+/g, "N").slice(0, 40);
}

/**
 * The shortest document found by deleting runs of bytes from `c`'s that the
 * oracle still judges the same way (read, or reject) and on which the
 * plug-in still goes wrong the same way. Budgeted: at most SHRINK_CALLS
 * tries.
 */
async function shrink(plugin: ReturnType<typeof budgeted>, host: Host, c: Case, problem: string): Promise<{ bytes: Uint8Array; problem: string; verdict: Case["verdict"] }> {
  const kind = category(problem);
  let best = { bytes: c.bytes, problem, verdict: c.verdict };
  let budget = SHRINK_CALLS;
  /** The outcome of `bytes` when the oracle judges it as `c`, and the plug-in still goes wrong the same way; else null. */
  const attempt = async (bytes: Uint8Array): Promise<typeof best | null> => {
    if (c.viaVar && bytes.length === 0) return null;
    const verdict = judge(bytes, c.root.ty);
    if (verdict.kind === "skip" || verdict.kind !== c.verdict.kind) return null;
    if (verdict.kind === "reject" && c.verdict.kind === "reject" && verdict.syntax !== c.verdict.syntax) return null;
    budget--;
    await plugin.between();
    const got = await check(plugin, host, { ...c, bytes, verdict });
    return got !== null && category(got) === kind ? { bytes, problem: got, verdict } : null;
  };
  // First whole members and elements, on the document rewritten compactly
  // (when the mismatch survives that), then runs of bytes.
  const parsed = parseReference(c.bytes);
  if (parsed !== null) {
    let tree = parsed.doc;
    let found = await attempt(encode(writeCompact(tree)));
    if (found !== null) best = found;
    while (found !== null && budget > 0) {
      found = null;
      for (const candidate of smaller(tree)) {
        if (budget <= 0) break;
        found = await attempt(encode(writeCompact(candidate)));
        if (found !== null) {
          tree = candidate;
          best = found;
          break;
        }
      }
    }
  }
  return deleteRuns(best, attempt, () => budget <= 0);
}

/**
 * `best` made shorter by deleting runs of its bytes for as long as
 * `attempt` keeps the failure (it returns the new outcome, or null), until
 * `spent()`: runs of half the document first, halved when none can go; runs
 * of up to 4 bytes at every offset (so that a whole UTF-8 character can go),
 * longer ones aligned.
 */
async function deleteRuns<T extends { bytes: Uint8Array }>(best: T, attempt: (bytes: Uint8Array) => Promise<T | null>, spent: () => boolean): Promise<T> {
  for (let size = Math.max(1, best.bytes.length >> 1); size >= 1 && !spent(); ) {
    let progressed = false;
    for (let at = 0; at + size <= best.bytes.length && !spent(); ) {
      const bytes = new Uint8Array(best.bytes.length - size);
      bytes.set(best.bytes.subarray(0, at));
      bytes.set(best.bytes.subarray(at + size), at);
      const found = await attempt(bytes);
      if (found !== null) {
        best = found;
        progressed = true;
        continue;
      }
      at += size <= 4 ? 1 : size;
    }
    if (!progressed) size >>= 1;
  }
  return best;
}

// ---------------------------------------------------------------------------
// The "malformed" part: the syntax check alone.

interface SyntaxCase {
  gen: MalformedGenerator;
  i: number;
  bytes: Uint8Array;
  verdict: ReturnType<typeof syntaxVerdict>;
}

/** Documents a generator (JSON_FUZZ_COUNT / 4, at least 50). */
const PER_GENERATOR = Math.max(50, Math.ceil(COUNT / 4));

/** The documents of the "malformed" part, from the seed: the same for every host. */
function syntaxCases(): SyntaxCase[] {
  const out: SyntaxCase[] = [];
  MALFORMED_GENERATORS.forEach((gen, n) => {
    const g = new Generator(new Random((SEED ^ Math.imul(0x27d4eb2f, n + 1)) >>> 0), AVOID);
    let made = 0;
    for (let tries = 0; made < PER_GENERATOR && tries < PER_GENERATOR * 20; tries++) {
      const root = g.random.pick(ROOTS);
      const base = g.write(g.value(root.ty, 0));
      // Truncation at every position: of short documents only, to keep the count.
      if (gen === "truncation" && base.length > 160) continue;
      for (const bytes of malformed(g, gen, base)) {
        out.push({ gen, i: made++, bytes, verdict: syntaxVerdict(bytes) });
      }
    }
  });
  return out;
}

const SYNTAX_CASES = syntaxCases();
// Every generator must make documents to refuse, and the lone-surrogate one documents to accept (JSON.parse reads lone surrogate escapes).
for (const gen of MALFORMED_GENERATORS) {
  const mine = SYNTAX_CASES.filter((c) => c.gen === gen);
  if (!mine.some((c) => !c.verdict.accept)) throw new Error(`harness bug: the ${gen} generator made no document to refuse`);
  if (gen === "lone-surrogate" && !mine.some((c) => c.verdict.accept)) throw new Error("harness bug: the lone-surrogate generator made no document to accept");
}

function showBytes(bytes: Uint8Array): string {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    return text.length > 300 ? `${JSON.stringify(text.slice(0, 150))} ... ${JSON.stringify(text.slice(-150))} (${text.length} characters)` : JSON.stringify(text);
  } catch {
    return `(not UTF-8) ${JSON.stringify(new TextDecoder().decode(bytes))}, bytes ${hex(bytes, 4096)}`;
  }
}

/**
 * null when check_syntax did what the verdict says, and the typed reader
 * (read_nothing: an object's members skipped, anything else a mismatch) did
 * what check_syntax did; else what went wrong.
 */
async function checkSyntaxCase(plugin: LoadedPlugin, bytes: Uint8Array, verdict: SyntaxCase["verdict"]): Promise<string | null> {
  const out = await plugin.call("check_syntax", bytes);
  if (!out.ok) return `check_syntax failed: ${out.error}`;
  const said = out.text;
  if (verdict.accept) {
    if (said !== "accept") return `refused (${said}) what JSON.parse accepts`;
  } else {
    if (said === "accept") return verdict.deep !== undefined ? `accepted nesting past the documented limit` : `accepted what JSON.parse rejects`;
    const m = /^reject: (.+) at byte (\d+)$/s.exec(said);
    if (m === null) return `rejected without a reason and a byte: ${JSON.stringify(said)}`;
    if (Number(m[2]) > bytes.length) return `rejected at byte ${m[2]}, past the end (${bytes.length} bytes)`;
    if (verdict.deep !== undefined && m[1] !== verdict.deep) return `rejected with ${JSON.stringify(m[1])} where the documented reason is ${JSON.stringify(verdict.deep)}`;
  }
  return typedReadCase(plugin, bytes, said);
}

/** null when read_nothing agrees with check_syntax's verdict `said` on `bytes`, else what it did. */
async function typedReadCase(plugin: LoadedPlugin, bytes: Uint8Array, said: string): Promise<string | null> {
  const logsBefore = plugin.logs.length;
  const read = await plugin.call("read_nothing", bytes);
  // On JS hosts a trap drops the call's error: the PDK's error log line has it.
  const message = read.ok ? null : (plugin.logs.slice(logsBefore).find((l) => l.level === "error")?.text ?? read.error);
  const prefix = "the input is not valid JSON for Nothing: ";
  if (said !== "accept") {
    // (No bytes at all are "it is empty" to the reader, by design.)
    const want = prefix + (bytes.length === 0 ? "it is empty" : said.slice("reject: ".length));
    return message === want ? null : `the typed reader ${message === null ? "accepted it" : `said ${JSON.stringify(message)}`} where the check says ${JSON.stringify(want)}`;
  }
  const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return message === null ? null : `the typed reader refused an object the check accepts: ${JSON.stringify(message)}`;
  }
  if (message === null) return "the typed reader read a non-object as an object";
  return message.startsWith(`${prefix}expected an object, found `) ? null : `the typed reader said ${JSON.stringify(message)} for a valid non-object`;
}

/** The shortest document found by deleting runs of bytes on which the verdict and the kind of mismatch stay (SHRINK_CALLS tries at most). */
async function shrinkSyntax(plugin: LoadedPlugin, c: SyntaxCase, problem: string): Promise<{ bytes: Uint8Array; problem: string }> {
  const kindOf = (p: string): string => p.replace(/[0-9]+/g, "N").replace(/\(.*\)/, "()");
  const kind = kindOf(problem);
  let budget = SHRINK_CALLS;
  const attempt = async (bytes: Uint8Array): Promise<{ bytes: Uint8Array; problem: string } | null> => {
    const verdict = syntaxVerdict(bytes);
    if (verdict.accept !== c.verdict.accept || (verdict.deep === undefined) !== (c.verdict.deep === undefined)) return null;
    budget--;
    const got = await checkSyntaxCase(plugin, bytes, verdict);
    return got !== null && kindOf(got) === kind ? { bytes, problem: got } : null;
  };
  return deleteRuns({ bytes: c.bytes, problem }, attempt, () => budget <= 0);
}

const ONLY = (process.env.JSON_FUZZ_HOSTS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
/**
 * JS SDK 1.0.3 never reuses a kernel block index and fails every call once
 * it has handed out 32,767 (a host bug, measured in soak.test.ts); a call
 * here makes at most 8 blocks. The instance is reset (`plugin.reset()`,
 * which gives a full budget again) between documents every RESET_EVERY
 * calls, on that host only: still one instance for the whole run.
 */
const RESET_EVERY = 2000;

/** `plugin` with a count of its calls, reset on JS 1.0.3 between documents when the count is high. */
function budgeted(plugin: LoadedPlugin, host: Host): LoadedPlugin & { between(): Promise<void> } {
  let calls = 0;
  return {
    get host() {
      return plugin.host;
    },
    get logs() {
      return plugin.logs;
    },
    call: (fn, input) => {
      calls++;
      return plugin.call(fn, input);
    },
    lastCall: () => plugin.lastCall(),
    close: () => plugin.close(),
    reset: () => plugin.reset(),
    instance: () => plugin.instance(),
    async between() {
      if (host === JS_V1 && calls >= RESET_EVERY) {
        await plugin.reset();
        calls = 0;
      }
    },
  };
}

for (const host of ALL_HOSTS.filter((h) => ONLY.length === 0 || ONLY.includes(h.name))) {
  describe(`JSON differential fuzz on ${host.name} (FUZZ_SEED=${SEED}, ${COUNT} documents a part)`, () => {
    let plugin: ReturnType<typeof budgeted>;
    before(async () => {
      plugin = budgeted(await host.load(wasmPath("tests/json-fuzz"), { logLevel: "error" }), host);
    });
    after(async () => plugin.close());

    for (const part of PARTS) {
      const list = CASES.get(part)!;
      const accepted = list.filter((c) => c.verdict.kind === "accept").length;
      it(`${part}: ${list.length} documents (${accepted} to read, ${list.length - accepted} to reject), zero mismatches`, async () => {
        const found: string[] = [];
        for (const c of list) {
          await plugin.between();
          let problem: string | null;
          try {
            problem = await check(plugin, host, c);
          } catch (e) {
            // The strict kernel throws on an ABI violation.
            problem = `the host threw: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
          }
          if (problem === null) continue;
          let report = `${describeCase(c, host)}\n  got: ${problem}`;
          if (SHRINK_CALLS > 0) {
            const small = await shrink(plugin, host, c, problem);
            if (small.bytes.length < c.bytes.length) report += `\n  shrunk to: ${describeCase({ ...c, bytes: small.bytes, verdict: small.verdict }, host).split("\n").slice(1).join("\n")}\n  got: ${small.problem}`;
          }
          if (!ALL) assert.fail(report);
          found.push(report);
          if (found.length >= MAX_LISTED) break;
        }
        if (found.length > 0) assert.fail(`${found.length} mismatches:\n\n${found.join("\n\n")}`);
      });
    }

    const refused = SYNTAX_CASES.filter((c) => !c.verdict.accept).length;
    it(`malformed (the syntax check, and the typed reader skipping members; ${MALFORMED_GENERATORS.length} generators): ${SYNTAX_CASES.length} documents (${SYNTAX_CASES.length - refused} to accept, ${refused} to refuse), zero mismatches`, async () => {
      const found: string[] = [];
      for (const c of SYNTAX_CASES) {
        await plugin.between();
        let problem: string | null;
        try {
          problem = await checkSyntaxCase(plugin, c.bytes, c.verdict);
        } catch (e) {
          problem = `the host threw: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
        }
        if (problem === null) continue;
        let report = `FUZZ_SEED=${SEED} malformed, generator ${c.gen} #${c.i} on ${host.name}: ${problem}\n  document: ${showBytes(c.bytes)}\n  expected: ${c.verdict.accept ? "accept" : "reject"} (${c.verdict.why})`;
        if (SHRINK_CALLS > 0) {
          const small = await shrinkSyntax(plugin, c, problem);
          if (small.bytes.length < c.bytes.length) report += `\n  shrunk to: ${showBytes(small.bytes)}\n  got: ${small.problem}`;
        }
        if (!ALL) assert.fail(report);
        found.push(report);
        if (found.length >= MAX_LISTED) break;
      }
      if (found.length > 0) assert.fail(`${found.length} mismatches:\n\n${found.join("\n\n")}`);
    });
  });
}
