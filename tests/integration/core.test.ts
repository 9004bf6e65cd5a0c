/**
 * The PDK core on three hosts: `@extism/extism` 1.0.3 and 2.0.0-rc13, and the
 * strict kernel stand-in (Rust runtime rules; any ABI violation fails the
 * call and is checked again after each suite). The portable build
 * (build/tests/core.wasm) runs on all three, the modern build
 * (core.modern.wasm, `--use EXTISM_MODERN_HOST=1`) on the hosts that have the
 * newer imports. Every host must give the same results; where the hosts
 * themselves differ, FACTS says how, and the difference is asserted too.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ROOT } from "../../tools/build.ts";
import {
  ALL_HOSTS,
  type Host,
  type HostName,
  type LoadedPlugin,
  type LoadOptions,
  type LogLine,
  type Outcome,
  wasmPath,
} from "../support/hosts.ts";

/** How a host behaves where the hosts differ, as observed on it. */
interface HostFacts {
  /** The result of a call that succeeds without ever setting an output. */
  noOutput: Uint8Array | null;
  /** The error of a call that returns 42 without setting one (`null`: the host ignores return codes). */
  nonZeroError: string | null;
  /** The error of a call that traps after the PDK reported `message` (set as error and logged). */
  trapError(message: string): string;
  /** Whether the host's `logLevel` decides which lines reach its logger. */
  filtersLogs: boolean;
  /** Whether a plug-in loaded without a `logLevel` logs anything. */
  logsByDefault: boolean;
  /** Whether `maxVarBytes` caps the vars, and the host also logs the refusal as an error. */
  capsVars: { logsRefusal: boolean } | null;
  /** What reading a config key whose value is empty gives: the PDK's "missing", or the host's own error. */
  emptyConfig: { text: string } | { error: string };
}

const FACTS: Record<HostName, HostFacts> = {
  "js-1.0.3": {
    noOutput: null,
    nonZeroError: null,
    trapError: () => "unreachable",
    filtersLogs: false,
    logsByDefault: true,
    capsVars: null,
    // config_get throws in the host: it cannot store an empty block.
    emptyConfig: { error: "failed to store output" },
  },
  "js-2.0.0-rc13": {
    noOutput: null,
    nonZeroError: null,
    trapError: () => "unreachable",
    filtersLogs: true,
    logsByDefault: false,
    capsVars: { logsRefusal: true },
    emptyConfig: { text: "null" },
  },
  // The Rust runtime's rules; logging by default is this harness's choice.
  "strict-kernel": {
    noOutput: new Uint8Array(0),
    nonZeroError: "Returned non-zero exit code: 42",
    trapError: (message) => message,
    filtersLogs: true,
    logsByDefault: true,
    capsVars: { logsRefusal: false },
    emptyConfig: { text: "null" },
  },
};

interface Build {
  name: "portable" | "modern" | "minimal";
  wasm: string;
  hosts: Host[];
  /** The level a `LogLevel.Trace` line reaches the logger at. */
  traceAs: LogLine["level"];
}

const BUILDS: Build[] = [
  // JS 1.0.3 has no log_trace: the portable build logs Trace through log_debug.
  { name: "portable", wasm: "tests/core", hosts: ALL_HOSTS, traceAs: "debug" },
  { name: "modern", wasm: "tests/core.modern", hosts: ALL_HOSTS.filter((h) => h.modern), traceAs: "trace" },
  // asconfig.minimal.json: the stub runtime, the heap rewound at every call.
  { name: "minimal", wasm: "tests/core.minimal", hosts: ALL_HOSTS, traceAs: "debug" },
];

/** `n` bytes that differ from any shifted copy of themselves. */
function pattern(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed * 2654435761;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = (x >>> 16) ^ i;
  }
  return out;
}

/** `n` printable ASCII characters, patterned. */
function asciiPattern(n: number, seed = 1): string {
  return String.fromCharCode(...pattern(n, seed).map((b) => 0x20 + (b % 95)));
}

/** Text of at least `bytes` UTF-8 bytes mixing 1-, 2-, 3- and 4-byte characters (NUL among them). */
function textPattern(bytes: number): string {
  const chars = ["a", "é", "✓", "日", "🎉", "\u0000", "Z", "ß", "€", "𝄞"];
  const parts: string[] = [];
  const p = pattern(bytes / 2, 11);
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const c = chars[p[i % p.length]! % chars.length]!;
    parts.push(c);
    size += utf8(c).length;
  }
  return parts.join("");
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function ok(outcome: Outcome): Uint8Array {
  if (!outcome.ok) assert.fail(`call failed: ${outcome.error}`);
  assert.ok(outcome.output !== null, "output is null");
  return outcome.output;
}

function text(outcome: Outcome): string {
  return new TextDecoder().decode(ok(outcome));
}

/** A call that succeeds; its output is not looked at. */
function done(outcome: Outcome): void {
  if (!outcome.ok) assert.fail(`call failed: ${outcome.error}`);
}

function failed(outcome: Outcome): string {
  if (outcome.ok) assert.fail(`call succeeded with ${JSON.stringify(outcome.text)}`);
  return outcome.error;
}

function same(actual: Uint8Array, expected: Uint8Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  assert.ok(Buffer.from(actual).equals(Buffer.from(expected)), `${what}: bytes differ`);
}

/**
 * Where asc reports `statement` (the first one on or after the line that
 * contains `anchor` in `source`): `file:line:column`, 1-based.
 */
function location(file: string, source: string, anchor: string, statement: string): string {
  const lines = readFileSync(source, "utf8").split("\n");
  const start = lines.findIndex((l) => l.includes(anchor));
  assert.ok(start >= 0, `${anchor} not in ${source}`);
  const line = lines.findIndex((l, i) => i >= start && l.includes(statement));
  assert.ok(line >= 0, `${statement} not in ${source}`);
  return `${file}:${line + 1}:${lines[line]!.indexOf(statement) + 1}`;
}

const CORE_SOURCE = join(ROOT, "tests", "plugins", "core.ts");
const STD = join(ROOT, "node_modules", "assemblyscript", "std", "assembly");

const at = (file: string, source: string, anchor: string, statement: string): string =>
  `(at ${location(file, source, anchor, statement)})`;

/** Each abort: the export, its input, and the exact text the PDK reports. */
const ABORTS: [string, string, string][] = [
  ["throw_error", "x", `boom: x ${at("tests/plugins/core.ts", CORE_SOURCE, "function throw_error", "throw new Error(")}`],
  ["assert_fails", "nope", `input was not 'expected' ${at("tests/plugins/core.ts", CORE_SOURCE, "function assert_fails", "assert(")}`],
  [
    "out_of_bounds",
    "",
    `Index out of range ${at("~lib/array.ts", join(STD, "array.ts"), "__get(index: i32)", "throw new RangeError(E_INDEXOUTOFRANGE)")}`,
  ],
  [
    "huge_allocation",
    "",
    `Invalid length ${at("~lib/arraybuffer.ts", join(STD, "arraybuffer.ts"), "constructor(length: i32", "throw new RangeError(E_INVALIDLENGTH)")}`,
  ],
];

// "héllo wörld ✓ 日本 🎉", written out as UTF-8 bytes.
const HELLO_WORLD = Uint8Array.from([
  0x68, 0xc3, 0xa9, 0x6c, 0x6c, 0x6f, 0x20, 0x77, 0xc3, 0xb6, 0x72, 0x6c, 0x64, 0x20, 0xe2, 0x9c, 0x93, 0x20, 0xe6, 0x97,
  0xa5, 0xe6, 0x9c, 0xac, 0x20, 0xf0, 0x9f, 0x8e, 0x89,
]);

for (const build of BUILDS) {
  for (const host of build.hosts) {
    describe(`core (${build.name} build) on ${host.name}`, () => {
      const facts = FACTS[host.name];
      const loaded: LoadedPlugin[] = [];
      const load = async (options: LoadOptions): Promise<LoadedPlugin> => {
        // memory_overflow aborts (on purpose) while its plug-in code holds a block it cannot free.
        const p = await host.load(wasmPath(build.wasm), { leakyFunctions: ["memory_overflow"], ...options });
        loaded.push(p);
        return p;
      };
      let plugin: LoadedPlugin;
      before(async () => {
        plugin = await load({ config: { greeting: "hi", empty: "", "clé ✓": "välue 日本" }, logLevel: "trace" });
      });
      after(async () => {
        for (const p of loaded) {
          await p.close();
          if (p.violations !== undefined) assert.deepEqual(p.violations, [], "ABI violations");
        }
      });

      /** The lines `plugin` logged during `run`. */
      const logged = async (run: () => Promise<void>, p: LoadedPlugin = plugin): Promise<LogLine[]> => {
        const from = p.logs.length;
        await run();
        return p.logs.slice(from);
      };

      it("echoes every length from 0 to 64 byte for byte, through bytes, strings and kernel blocks", async () => {
        for (let n = 0; n <= 64; n++) {
          const bytes = pattern(n, n + 1);
          assert.deepEqual(ok(await plugin.call("echo", bytes)), bytes, `echo, length ${n}`);
          assert.deepEqual(ok(await plugin.call("echo_memory", bytes)), bytes, `echo_memory, length ${n}`);
          const s = asciiPattern(n, n + 2);
          assert.equal(text(await plugin.call("echo_string", s)), s, `echo_string, length ${n}`);
        }
      });

      it("echoes 1 MiB, 16 MiB and 16 MiB + 3 byte for byte, and 1 MiB of mixed UTF-8 text", async () => {
        for (const n of [1 << 20, 16 << 20, (16 << 20) + 3]) {
          const input = pattern(n, 7);
          same(ok(await plugin.call("echo", input)), input, `echo of ${n} bytes`);
        }
        const big = utf8(textPattern(1 << 20));
        same(ok(await plugin.call("echo_string", big)), big, "echo_string of 1 MiB");
      });

      it("outputs exactly the bytes of a subarray (its byteOffset honoured)", async () => {
        const input = pattern(40, 9);
        assert.deepEqual(ok(await plugin.call("subarray", input)), input.slice(3, 13));
      });

      it("outputs non-ASCII text byte for byte, with its UTF-8 length", async () => {
        assert.deepEqual(ok(await plugin.call("utf8_out")), HELLO_WORLD);
        assert.deepEqual(ok(await plugin.call("echo", HELLO_WORLD)), HELLO_WORLD);
        assert.deepEqual(ok(await plugin.call("echo_string", HELLO_WORLD)), HELLO_WORLD);
        assert.equal(text(await plugin.call("string_length", HELLO_WORLD)), "29:héllo wörld ✓ 日本 🎉");
      });

      it("reads invalid UTF-8 as a string with U+FFFD replacement characters", async () => {
        const input = Uint8Array.from([0x61, 0xff, 0x62, 0xc3, 0x28, 0x63]);
        assert.deepEqual(ok(await plugin.call("echo_string", input)), utf8("a\uFFFDb\uFFFD(c"));
      });

      it("takes empty input; empty output is an empty result, not null and not a NUL byte", async () => {
        for (const fn of ["empty_output", "empty_string_output", "echo", "echo_string", "echo_memory"]) {
          assert.deepEqual(ok(await plugin.call(fn, "")), new Uint8Array(0), fn);
        }
        assert.equal(text(await plugin.call("string_length", "")), "0:");
        // Where the plug-in sets no output at all, the host decides.
        assert.deepEqual(await plugin.call("nothing", ""), { ok: true, output: facts.noOutput, text: "" });
      });

      it("reads config: present, missing, empty value, empty key, non-ASCII", async () => {
        const cases: [string, string][] = [
          ["greeting", '"hi"'],
          ["missing", "null"],
          ["", "null"],
          ["clé ✓", '"välue 日本"'],
        ];
        for (const [key, expected] of cases) {
          assert.equal(text(await plugin.call("config", key)), expected, JSON.stringify(key));
        }
        const empty = await plugin.call("config", "empty");
        if ("error" in facts.emptyConfig) assert.equal(failed(empty), facts.emptyConfig.error);
        else assert.equal(text(empty), facts.emptyConfig.text, "an empty value reads as missing");
        assert.equal(text(await plugin.call("config", "greeting")), '"hi"', "usable afterwards");
      });

      it("keeps vars across calls: set, get, remove, a counter, empty removes, binary values", async () => {
        assert.equal(text(await plugin.call("var_get", "a")), "null");
        done(await plugin.call("var_set", "a=välue ✓"));
        assert.equal(text(await plugin.call("var_get", "a")), '"välue ✓"');
        done(await plugin.call("var_set", "clé ✓=välue 日本"));
        assert.equal(text(await plugin.call("var_get", "clé ✓")), '"välue 日本"');
        done(await plugin.call("var_remove", "a"));
        assert.equal(text(await plugin.call("var_get", "a")), "null");
        done(await plugin.call("var_remove", "never set"));
        done(await plugin.call("var_set", "b=x"));
        done(await plugin.call("var_set", "b="));
        assert.equal(text(await plugin.call("var_get", "b")), "null", "an empty value removes the var");
        const counts: string[] = [];
        for (let i = 0; i < 5; i++) counts.push(text(await plugin.call("var_count")));
        assert.deepEqual(counts, ["1", "2", "3", "4", "5"]);
        const blob = pattern(1000, 5);
        done(await plugin.call("var_set_bytes", blob));
        assert.deepEqual(ok(await plugin.call("var_get_bytes")), blob);
        assert.equal(text(await plugin.call("var_get", "clé ✓")), '"välue 日本"', "other vars untouched");
      });

      it("fails a var set over maxVarBytes with the host's message, and stays usable", async () => {
        const p = await load({ maxVarBytes: 1000, logLevel: "trace" });
        done(await p.call("var_set", `small=${"s".repeat(600)}`));
        let outcome: Outcome | undefined;
        const lines = await logged(async () => void (outcome = await p.call("var_set", `big=${"b".repeat(401)}`)), p);
        if (facts.capsVars !== null) {
          const message = "var memory limit exceeded: 1001 bytes requested, 1000 allowed";
          assert.equal(failed(outcome!), host.errorText(message));
          assert.deepEqual(lines, facts.capsVars.logsRefusal ? [{ level: "error", text: message }] : []);
          assert.equal(text(await p.call("var_get", "big")), "null", "the refused var is not set");
          done(await p.call("var_set", `big=${"b".repeat(400)}`));
          assert.equal(text(await p.call("var_get", "big")), `"${"b".repeat(400)}"`, "a var within the cap is set");
        } else {
          // No cap at all on this host.
          done(outcome!);
          assert.equal(text(await p.call("var_get", "big")), `"${"b".repeat(401)}"`);
        }
        assert.equal(text(await p.call("var_get", "small")), `"${"s".repeat(600)}"`);
        assert.deepEqual(ok(await p.call("echo", "next")), utf8("next"));
      });

      it(`logs every level with its text; Trace arrives as ${build.traceAs}`, async () => {
        const lines = await logged(async () => done(await plugin.call("log_all", "ünï ✓")));
        assert.deepEqual(lines, [
          { level: build.traceAs, text: "trace ünï ✓" },
          { level: "debug", text: "debug ünï ✓" },
          { level: "info", text: "info ünï ✓" },
          { level: "warn", text: "warn ünï ✓" },
          { level: "error", text: "error ünï ✓" },
        ]);
        assert.deepEqual(await logged(async () => done(await plugin.call("log_memory", "from a block ✓"))), [
          { level: "warn", text: "from a block ✓" },
        ]);
      });

      it("logs what the host's level lets through", async () => {
        const all: LogLine[] = ["trace", "debug", "info", "warn", "error"].map((l) => ({
          level: l === "trace" ? build.traceAs : (l as LogLine["level"]),
          text: `${l} x`,
        }));
        const atWarn = await load({ logLevel: "warn" });
        done(await atWarn.call("log_all", "x"));
        assert.deepEqual(atWarn.logs, facts.filtersLogs ? all.slice(3) : all, "host at warn");
        const byDefault = await load({});
        done(await byDefault.call("log_all", "x"));
        assert.deepEqual(byDefault.logs, facts.logsByDefault ? all : [], "host level not set");
      });

      it("fails with exactly the setError message (also on a non-zero return), and the next call works", async () => {
        for (const message of ["bad thing", "ünïcödé ✓ 日本 🎉"]) {
          assert.equal(failed(await plugin.call("set_error", message)), host.errorText(message));
          assert.equal(failed(await plugin.call("set_error_nonzero", message)), host.errorText(message));
          assert.deepEqual(ok(await plugin.call("echo", "still alive")), utf8("still alive"));
        }
        assert.equal(failed(await plugin.call("set_error", "")), host.errorText("error"), "an empty message");
      });

      it("treats a non-zero return without an error as the host does", async () => {
        const outcome = await plugin.call("nonzero");
        if (facts.nonZeroError !== null) assert.equal(failed(outcome), facts.nonZeroError);
        else assert.deepEqual(outcome, { ok: true, output: null, text: "" }, "the return code is ignored");
        assert.deepEqual(ok(await plugin.call("echo", "next")), utf8("next"));
      });

      it("reports every abort's message, file, line and column as an error line, and stays usable", async () => {
        for (const [fn, input, message] of ABORTS) {
          let outcome: Outcome | undefined;
          const lines = await logged(async () => void (outcome = await plugin.call(fn, input)));
          assert.deepEqual(lines, [{ level: "error", text: message }], fn);
          assert.equal(failed(outcome!), facts.trapError(message), `${fn}: the call's error`);
          assert.deepEqual(ok(await plugin.call("echo", "next")), utf8("next"), `${fn}: usable afterwards`);
        }
      });

      it("routes AssemblyScript's trace to the debug log, and seeds Math.random", async () => {
        const lines = await logged(async () => done(await plugin.call("as_trace", "✓")));
        assert.deepEqual(lines, [{ level: "debug", text: "trace: trace ✓ 1.5, -2.0" }]);
        const first = Number(text(await plugin.call("random")));
        assert.ok(first >= 0 && first < 1, `Math.random() gave ${first}`);
        // A fixed seed: a fresh instance draws the same number.
        const fresh = await load({});
        assert.equal(Number(text(await fresh.call("random"))), first);
      });

      it("Memory.find reads a block's length; a store past a block fails with the sizes", async () => {
        assert.equal(text(await plugin.call("memory_find", "héllo")), "6:héllo");
        let outcome: Outcome | undefined;
        const lines = await logged(async () => void (outcome = await plugin.call("memory_overflow", "123456789")));
        const message = "Memory.store: 9 bytes, but the block has 4";
        assert.deepEqual(lines, [{ level: "error", text: message }]);
        assert.equal(failed(outcome!), facts.trapError(message));
        assert.deepEqual(ok(await plugin.call("memory_overflow", "1234")), utf8("1234"));
      });
    });
  }
}
