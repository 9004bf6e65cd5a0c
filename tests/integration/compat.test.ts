/**
 * Compatibility: which build loads on which host, what a built plug-in
 * imports, and the official @extism/as-pdk 1.0.0 API: a plug-in written for
 * it compiles with only its import changed and behaves the same, compared
 * with the same source built against the official PDK on both JS hosts.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildJobs, ROOT, runAsc } from "../../tools/build.ts";
import { ALL_HOSTS, HOSTS, JS_V1, type LoadedPlugin, type Outcome, wasmPath } from "../support/hosts.ts";

/** Imports of `extism:host/env` that JS SDK 1.0.3 lacks (ABI.md). */
const NEWER_IMPORTS = ["log_trace", "get_log_level", "http_headers", "error_get"];

function imports(file: string): WebAssembly.ModuleImportDescriptor[] {
  return WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(file)));
}

/**
 * The plug-ins the build makes in build/tests, and those of build/examples
 * that are built, each with its source text (the benchmarks' plug-ins are
 * built otherwise on purpose).
 */
function builtPlugins(): { wasm: string; source: string }[] {
  const out: { wasm: string; source: string }[] = [];
  for (const { out: wasm } of buildJobs()) {
    const [dir, file] = relative(join(ROOT, "build"), wasm).split(sep);
    const name = file!.replace(/(\.modern|\.minimal)?\.wasm$/, "");
    if (dir === "tests") {
      out.push({ wasm, source: readFileSync(join(ROOT, "tests", "plugins", `${name}.ts`), "utf8") });
    } else if (dir === "examples" && existsSync(wasm)) {
      const folder = join(ROOT, "examples", name);
      const files = readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
      out.push({ wasm, source: files.map((f) => readFileSync(join(folder, f), "utf8")).join("\n") });
    }
  }
  return out;
}

describe("builds and hosts", () => {
  it("the portable build loads on every host, the modern build on the newer ones", async () => {
    for (const host of ALL_HOSTS) {
      const portable = await host.load(wasmPath("tests/core"));
      assert.deepEqual(await portable.call("echo", "x"), { ok: true, output: Uint8Array.from([0x78]), text: "x" }, host.name);
      await portable.close();
      if (!host.modern) continue;
      const modern = await host.load(wasmPath("tests/core.modern"));
      assert.deepEqual(await modern.call("echo", "x"), { ok: true, output: Uint8Array.from([0x78]), text: "x" }, host.name);
      await modern.close();
    }
  });

  it("the modern build fails to load on JS SDK 1.0.3, naming the import it lacks", async () => {
    const newer = imports(wasmPath("tests/core.modern")).filter((i) => NEWER_IMPORTS.includes(i.name));
    assert.deepEqual(newer.map((i) => i.name).sort(), ["get_log_level", "log_trace"]);
    await assert.rejects(JS_V1.load(wasmPath("tests/core.modern")), (e: Error) => {
      assert.equal(e.name, "LinkError");
      assert.match(e.message, new RegExp(`module="extism:host/env" function="${newer[0]!.name}"`));
      return true;
    });
  });

  it("the portable builds of the core and the official API import nothing JS SDK 1.0.3 lacks", () => {
    for (const name of ["tests/core", "tests/official-api"]) {
      const names = imports(wasmPath(name)).map((i) => i.name);
      assert.deepEqual(names.filter((n) => NEWER_IMPORTS.includes(n)), [], name);
    }
  });

  it("every built plug-in imports nothing but extism:host/env (and extism:host/user where it declares host functions)", () => {
    const plugins = builtPlugins();
    assert.ok(plugins.some((p) => p.wasm === wasmPath("tests/core")), "the core plug-in is among them");
    for (const { wasm, source } of plugins) {
      assert.ok(existsSync(wasm), `${wasm} is not built: run npm run build`);
      const allowed = ["extism:host/env"];
      if (source.includes('@external("extism:host/user"') || source.includes("@hostFunction(")) allowed.push("extism:host/user");
      const modules = [...new Set(imports(wasm).map((i) => i.module))];
      assert.deepEqual(modules.filter((m) => !allowed.includes(m)), [], `${wasm} imports ${modules.join(", ")}`);
      assert.ok(modules.includes("extism:host/env"), wasm);
    }
  });
});

// ---------------------------------------------------------------------------
// The official API.

const SOURCE = join(ROOT, "tests", "plugins", "official-api.ts");
const OUR_IMPORT = 'from "extism-as-pdk";';
const OFFICIAL_IMPORT = 'from "@extism/as-pdk";';
const OFFICIAL_DIR = join(ROOT, "build", "compat");
const OFFICIAL_WASM = join(OFFICIAL_DIR, "official-api.wasm");

/**
 * Builds tests/plugins/official-api.ts with its import changed back to
 * `@extism/as-pdk`, exactly as the official README says
 * (`asc FILE --outFile FILE.wasm --use abort=FILE/myAbort`, no asconfig).
 */
async function buildOfficial(): Promise<void> {
  const source = readFileSync(SOURCE, "utf8");
  assert.equal(source.split(OUR_IMPORT).length, 2, "one import of extism-as-pdk");
  rmSync(OFFICIAL_DIR, { recursive: true, force: true });
  mkdirSync(OFFICIAL_DIR, { recursive: true });
  writeFileSync(join(OFFICIAL_DIR, "official-api.ts"), source.replace(OUR_IMPORT, OFFICIAL_IMPORT));
  // asc reads ./asconfig.json when there is one: an empty one keeps this package's preset out.
  writeFileSync(join(OFFICIAL_DIR, "asconfig.json"), '{ "options": {} }\n');
  await runAsc(["official-api.ts", "--outFile", "official-api.wasm", "--use", "abort=official-api/myAbort"], OFFICIAL_DIR);
}

/** One call and the lines it logged. */
interface Run {
  outcome: Outcome;
  logs: { level: string; text: string }[];
}

async function run(plugin: LoadedPlugin, fn: string, input: string | Uint8Array): Promise<Run> {
  const from = plugin.logs.length;
  const outcome = await plugin.call(fn, input);
  return { outcome, logs: plugin.logs.slice(from) };
}

const CONFIG = { thing: "cfg" };
/** On the strict kernel, the leak check passes over `vars`: it keeps the blocks of Var.getMemory and Config.getMemory, as the official API allows (freeing a var's block breaks JS SDK 1.0.3). */
const LEAKY = ["vars"];

/** Calls with ASCII text, which the official PDK handles, and what they give. */
const CASES: { fn: string; input: string | Uint8Array; output: string | Uint8Array; logs?: Run["logs"] }[] = [
  { fn: "count_vowels", input: "Hello, World! AEIOU", output: '{"count": 8, "config": "cfg", "a": "this is var a"}' },
  { fn: "count_vowels", input: "", output: '{"count": 0, "config": "cfg", "a": "this is var a"}' },
  { fn: "echo", input: Uint8Array.from([0, 1, 2, 250, 255, 7, 8, 9, 10]), output: Uint8Array.from([0, 1, 2, 250, 255, 7, 8, 9, 10]) },
  { fn: "echo", input: "", output: "" },
  { fn: "echo", input: "0123456789abcdefghijklmnopqrstuv!", output: "0123456789abcdefghijklmnopqrstuv!" },
  { fn: "echo_string", input: "hello", output: "hello" },
  {
    fn: "memory_api",
    input: "hello, memory",
    output: "hello, memory",
    logs: [
      { level: "info", text: "length 13" },
      { level: "warn", text: "same bytes: yes" },
      { level: "debug", text: "text hello, memory" },
      { level: "error", text: "bytes 13/13" },
    ],
  },
  { fn: "vars", input: "value", output: "5 value 5 null cfg null" },
  { fn: "vars", input: "", output: "null null null null cfg null" },
];

const asBytes = (x: string | Uint8Array): Uint8Array => (typeof x === "string" ? new TextEncoder().encode(x) : x);

describe("official @extism/as-pdk API", () => {
  before(buildOfficial);
  after(() => rmSync(OFFICIAL_DIR, { recursive: true, force: true }));

  for (const host of ALL_HOSTS) {
    it(`behaves as written on ${host.name}`, async () => {
      const plugin = await host.load(wasmPath("tests/official-api"), { leakyFunctions: LEAKY, config: CONFIG, logLevel: "trace" });
      for (const c of CASES) {
        const { outcome, logs } = await run(plugin, c.fn, c.input);
        assert.ok(outcome.ok, `${c.fn}: ${JSON.stringify(outcome)}`);
        assert.deepEqual(outcome.output, asBytes(c.output), c.fn);
        assert.deepEqual(logs, c.logs ?? [], `${c.fn}: logs`);
      }
      await plugin.close();
      if (plugin.violations !== undefined) assert.deepEqual(plugin.violations, []);
    });
  }

  for (const host of HOSTS) {
    it(`gives what the same source built with the official PDK gives, on ${host.name}`, async () => {
      const ours = await host.load(wasmPath("tests/official-api"), { leakyFunctions: LEAKY, config: CONFIG, logLevel: "trace" });
      const official = await host.load(OFFICIAL_WASM, { leakyFunctions: LEAKY, config: CONFIG, logLevel: "trace" });
      for (const c of CASES) {
        const label = `${c.fn}(${JSON.stringify(typeof c.input === "string" ? c.input : [...c.input])})`;
        assert.deepEqual(await run(ours, c.fn, c.input), await run(official, c.fn, c.input), label);
      }
      // Where they differ: the official PDK sizes a string's output by its UTF-16 length.
      const hello = "héllo wörld ✓ 日本 🎉";
      assert.deepEqual(await official.call("echo_string", hello), { ok: false, error: "Offset is outside the bounds of the DataView" });
      assert.deepEqual(await ours.call("echo_string", hello), { ok: true, output: new TextEncoder().encode(hello), text: hello });
      await ours.close();
      await official.close();
    });
  }

  for (const host of ALL_HOSTS) {
    it(`handles non-ASCII text on ${host.name}`, async () => {
      const plugin = await host.load(wasmPath("tests/official-api"), { leakyFunctions: LEAKY, config: { thing: "cfg ✓" }, logLevel: "trace" });
      const cases: [string, string, string][] = [
        ["count_vowels", "héllo wörld ✓ AEIOU", '{"count": 6, "config": "cfg ✓", "a": "this is var a"}'],
        ["echo_string", "héllo wörld ✓ 日本 🎉", "héllo wörld ✓ 日本 🎉"],
        ["memory_api", "wörld ✓", "wörld ✓"],
        ["vars", "välue", "6 välue 6 null cfg ✓ null"],
      ];
      for (const [fn, input, expected] of cases) {
        const outcome = await plugin.call(fn, input);
        if (!outcome.ok) assert.fail(`${fn}: ${outcome.error}`);
        assert.equal(outcome.text, expected, fn);
      }
      assert.deepEqual(plugin.logs.slice(-4), [
        { level: "info", text: "length 10" },
        { level: "warn", text: "same bytes: yes" },
        { level: "debug", text: "text wörld ✓" },
        { level: "error", text: "bytes 10/10" },
      ]);
      await plugin.close();
      if (plugin.violations !== undefined) assert.deepEqual(plugin.violations, []);
    });
  }
});
