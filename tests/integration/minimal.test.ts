/**
 * The minimal build (asconfig.minimal.json: AssemblyScript's stub runtime,
 * the heap rewound by the export wrapper at the start of every call), beyond
 * what core.test.ts and typed.test.ts check on its builds of their plug-ins:
 *
 * - soak: many calls of every size on each host, every output right, the
 *   plug-in's linear memory flat once the largest call has run (without the
 *   rewind the stub runtime, which never frees, would grow by every call);
 * - the rules the build checks: a global of the plug-in's own that holds a
 *   heap object is an error (a const one a warning); json-as compiled in is
 *   an error; numbers and strings in globals are fine, and keep their values.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runAsc } from "../../tools/build.ts";
import { ALL_HOSTS, JS_V1, type LoadedPlugin, wasmPath } from "../support/hosts.ts";
import { text } from "../support/outcome.ts";
import { tempProject } from "../support/project.ts";

/** Inputs of every size up to 64 KiB, largest first (so that memory has grown to its top at once). */
const SIZES = [65_536, 1, 0, 7, 8, 9, 1000, 4096, 20_000, 65_535];

/** At most `n` bytes of mixed ASCII and non-ASCII text (whole characters). */
function textOf(n: number): string {
  const chars = [..."héllo wörld ✓ 日本 🎉 "];
  let s = "";
  let size = 0;
  for (let i = 0; ; i++) {
    const c = chars[i % chars.length]!;
    const bytes = new TextEncoder().encode(c).length;
    if (size + bytes > n) return s;
    s += c;
    size += bytes;
  }
}

/** Each input size's text, its bytes reversed, and the greeting's name. */
const INPUTS = SIZES.map((size) => {
  const text = textOf(size);
  const bytes = new TextEncoder().encode(text);
  return { size, text, shouted: `${text.toUpperCase()}!`, bytes, reversed: Buffer.from(bytes).reverse(), name: text.slice(0, 200) };
});

for (const host of ALL_HOSTS) {
  describe(`minimal build, soak, on ${host.name}`, () => {
    // JS SDK 1.0.3 never reuses a kernel block index (soak.test.ts): fewer calls there.
    const calls = host === JS_V1 ? 2_000 : 10_000;

    it(`${calls.toLocaleString("en")} calls of text, bytes and JSON of every size: every output right, linear memory flat`, { timeout: 300_000 }, async () => {
      const plugin = await host.load(wasmPath("tests/typed.minimal"), { logLevel: "error" });
      try {
        const instance = await plugin.instance();
        const linear = () => (instance.exports.memory as WebAssembly.Memory).buffer.byteLength;
        let afterFirstRound = 0;
        for (let n = 0; n < calls; n++) {
          const { size, text: input, shouted, bytes, reversed, name } = INPUTS[n % INPUTS.length]!;
          if (n % 3 === 0) {
            const out = await plugin.call("shout", input);
            if (text(out) !== shouted) assert.fail(`call ${n} (shout, ${size} bytes): ${JSON.stringify(out).slice(0, 200)}`);
          } else if (n % 3 === 1) {
            const out = await plugin.call("reverse", bytes);
            if (!out.ok || out.output === null || !reversed.equals(out.output)) assert.fail(`call ${n} (reverse, ${size} bytes)`);
          } else {
            const out = await plugin.call("greet", JSON.stringify({ name, age: n % 40 }));
            const want = { message: `Hello, ${name}!`, adult: n % 40 >= 18 };
            if (!out.ok || JSON.stringify(JSON.parse(text(out))) !== JSON.stringify(want)) assert.fail(`call ${n} (greet): ${JSON.stringify(out).slice(0, 200)}`);
          }
          if (n === SIZES.length * 3) afterFirstRound = linear();
        }
        assert.equal(linear(), afterFirstRound, "the plug-in's linear memory did not grow after the first round of every size");
        // A global number keeps its value across calls (and across the rewinds).
        for (let i = 0; i < 3; i++) assert.ok((await plugin.call("bump")).ok);
        assert.equal(text(await plugin.call("bumped")), "3");
      } finally {
        await plugin.close();
      }
    });
  });
}

describe("what the minimal build refuses, and what it allows", () => {
  let dir: string;
  before(() => {
    dir = tempProject("extism-as-minimal-", "asconfig.minimal.json");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Builds an entry file of `lines`; the compiler's output, and whether it compiled. */
  async function build(lines: string[]): Promise<{ ok: boolean; output: string }> {
    writeFileSync(join(dir, "index.ts"), ['import { Host } from "extism-as-pdk";', ...lines].join("\n"));
    try {
      return { ok: true, output: await runAsc(["index.ts", "--config", "asconfig.json"], dir) };
    } catch (e) {
      return { ok: false, output: (e as Error).message };
    }
  }

  it("a global of the plug-in's that holds a heap object is an error naming it", async () => {
    const out = await build(["let cache = new Map<string, string>();", 'export function f(): i32 { cache.set("k", Host.inputString()); return 0; }']);
    assert.equal(out.ok, false);
    assert.match(out.output, /minimal build\): the global 'cache' holds a heap object, which the heap reset at the start of every call frees; keep what must outlive a call in a var/);
    assert.match(out.output, /index\.ts\(2,5\)/);
    const nullable = await build(["let last: string | null = null;", "export function f(): i32 { last = Host.inputString(); return 0; }"]);
    assert.match(nullable.output, /the global 'last' holds a heap object/);
  });

  it("a constant heap object is a warning; numbers and strings in globals are fine", async () => {
    const out = await build([
      "const table = new Map<string, i32>();",
      'const greeting = "hi";',
      "let calls = 0;",
      'export function f(): i32 { calls++; Host.outputString(greeting + table.size.toString() + calls.toString()); return 0; }',
    ]);
    assert.equal(out.ok, true, out.output);
    assert.match(out.output, /WARNING.*minimal build\): the constant 'table' is a heap object made at start-up: it stays, but whatever a call stores in it is freed when the next call starts/);
    assert.doesNotMatch(out.output, /'greeting'|'calls'/);
  });

  it("json-as compiled in is an error", async () => {
    const out = await build(['import { JSON } from "json-as";', 'export function f(): i32 { Host.outputString(JSON.stringify<JSON.Value>(JSON.Value.from<i32>(1))); return 0; }']);
    assert.equal(out.ok, false);
    assert.match(out.output, /minimal build\): the plug-in compiles json-as in .*which keeps buffers across calls that the heap reset frees/);
  });
});
