/**
 * Typed plug-in functions (transform/typed-exports.js): every supported form
 * in and out, input errors and the function's own errors reaching the caller
 * (error_set and a normal return, not a trap), and the compile errors for
 * what cannot be a plug-in function.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runAsc } from "../../tools/build.ts";
import { ALL_HOSTS, JS_V2, type LoadedPlugin, wasmPath } from "../support/hosts.ts";
import { text } from "../support/outcome.ts";
import { tempProject } from "../support/project.ts";

// The default build and the minimal one (asconfig.minimal.json), on every host.
const RUNS = ["tests/typed", "tests/typed.minimal"].flatMap((wasm) => ALL_HOSTS.map((host) => ({ wasm, host })));

for (const { wasm, host } of RUNS) {
  describe(`typed plug-in functions (${wasm}) on ${host.name}`, () => {
    let plugin: LoadedPlugin;
    before(async () => {
      plugin = await host.load(wasmPath(wasm), { logLevel: "error" });
    });
    after(async () => plugin.close());

    it("reads and writes JSON, text, bytes, numbers and booleans", async () => {
      assert.deepEqual(JSON.parse(text(await plugin.call("greet", '{"name": "Zoë", "age": 20}'))), { message: "Hello, Zoë!", adult: true });
      assert.equal(text(await plugin.call("shout", "héllo")), "HÉLLO!");
      const out = await plugin.call("reverse", Uint8Array.from([1, 2, 0, 255]));
      assert.ok(out.ok && out.output !== null);
      assert.deepEqual([...out.output], [255, 0, 2, 1]);
      assert.deepEqual(JSON.parse(text(await plugin.call("tags", '["a", "b", "a"]'))), { a: 2, b: 1 });
      assert.equal(text(await plugin.call("scaled", "2\n")), "5");
      assert.equal(text(await plugin.call("next_u64", "18446744073709551614")), "18446744073709551615");
      assert.equal(text(await plugin.call("negate", "false")), "true");
    });

    it("runs functions without input or without output", async () => {
      assert.deepEqual(JSON.parse(text(await plugin.call("nobody"))), { name: "nobody", age: 0 });
      for (let i = 0; i < 3; i++) assert.ok((await plugin.call("bump")).ok);
      assert.equal(text(await plugin.call("bumped")), "3");
    });

    it("reads null for a nullable parameter and writes null for a nullable result", async () => {
      assert.equal(text(await plugin.call("name_of", "null")), "null");
      assert.equal(text(await plugin.call("name_of", '{"name": "x"}')), '"x"');
    });

    it("fails the call with the reason when the input is not JSON for the parameter, on every host, and stays usable", async () => {
      const cases: [string, string, string][] = [
        ["greet", '{"name": "x", "age": "9"}', 'the input is not valid JSON for Person: field "age": expected an integer, found a string at byte 21'],
        ["greet", "", "the input is not valid JSON for Person: it is empty"],
        ["tags", '["a", 1]', "the input is not valid JSON for string[]: element [1]: expected a string, found a number at byte 6"],
        ["scaled", "1e999", "the input is not valid JSON for f64: expected a number within the range of f64, found 1e999 at byte 0"],
        ["next_u64", "-1", "the input is not valid JSON for u64: expected an integer from 0 to 18446744073709551615, found -1 at byte 0"],
      ];
      for (const [fn, input, message] of cases) {
        // The message itself, not `unreachable`: the call returned normally.
        assert.deepEqual(await plugin.call(fn, input), { ok: false, error: host.errorText(message) }, input);
        assert.equal(text(await plugin.call("shout", "ok")), "OK!");
      }
    });

    it("fails the call with the function's own message (Host.setError), writing no output", async () => {
      assert.deepEqual(await plugin.call("admit", '{"name": "Tim", "age": 9}'), { ok: false, error: host.errorText("Tim is too young") });
      assert.equal(text(await plugin.call("admit", '{"name": "Ann", "age": 40}')), "welcome, Ann");
    });

    it("fails the call when the result holds NaN or an infinity", async () => {
      assert.deepEqual(await plugin.call("divide", "[1, 0]"), { ok: false, error: host.errorText("the result: the value is Infinity, which JSON cannot represent") });
      assert.equal(text(await plugin.call("divide", "[1, 4]")), "0.25");
    });
  });
}

describe("what cannot be a plug-in function is a compile error naming it", () => {
  let dir: string;
  before(() => {
    dir = tempProject("extism-as-typed-");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The compiler's output for an entry file of `lines`; fails the test if it compiles. */
  async function compileError(lines: string[], importPdk = true): Promise<string> {
    writeFileSync(join(dir, "index.ts"), [importPdk ? 'import { Host } from "extism-as-pdk";' : "", ...lines].join("\n"));
    try {
      await runAsc(["index.ts", "--config", "asconfig.json"], dir);
    } catch (e) {
      return (e as Error).message;
    }
    assert.fail("compiled");
  }

  it("two parameters", async () => {
    const out = await compileError(["export function add(a: i32, b: i32): i32 { return a + b; }"]);
    assert.match(out, /plug-in function 'add' takes 2 parameters; a plug-in function takes at most one, the call's input/);
    assert.match(out, /index\.ts\(2,17\)/);
  });

  it("a typed function in a program that does not import the PDK", async () => {
    const out = await compileError(["export function shout(s: string): string { return s; }"], false);
    assert.match(out, /typed plug-in functions need the PDK in the program: add import "extism-as-pdk";/);
  });

  it("a typed function declared in another file is wrapped where its types are built in, and refused with the reason where they are not", async () => {
    writeFileSync(join(dir, "impl.ts"), ['import "extism-as-pdk";', "export function shout(s: string): string { return s.toUpperCase(); }", '@json class Person { name: string = ""; }', "export function hello(p: Person): string { return p.name; }"].join("\n"));
    writeFileSync(join(dir, "index.ts"), 'export { shout } from "./impl";\n');
    await runAsc(["index.ts", "--config", "asconfig.json"], dir);
    const plugin = await JS_V2.load(join(dir, "plugin.wasm"));
    try {
      assert.equal(text(await plugin.call("shout", "hi")), "HI");
      assert.equal(text(await plugin.call("shout")), "", "no input: an empty string");
    } finally {
      await plugin.close();
    }
    writeFileSync(join(dir, "index.ts"), 'export * from "./impl";\n');
    try {
      await runAsc(["index.ts", "--config", "asconfig.json"], dir);
      assert.fail("compiled");
    } catch (e) {
      assert.match((e as Error).message, /plug-in function 'hello' is exported by index\.ts but declared here, with a type that file cannot name/);
      assert.match((e as Error).message, /impl\.ts\(4,17\)/);
    }
  });

  it("a parameter that is a function, or a class that is not @json", async () => {
    const fn = await compileError(["export function run(cb: (x: i32) => void): void { cb(1); }"]);
    assert.match(fn, /plug-in function 'run' cannot have a function as its parameter \(\(x: i32\) => void\)/);
    const plain = await compileError(["class Plain { x: i32 = 0; }", "export function f(p: Plain): i32 { return p.x; }"]);
    assert.match(plain, /extism-as-pdk: this type cannot be read as JSON: mark the class @json/);
  });

  it("a host function declared wrongly", async () => {
    const body = await compileError(['@hostFunction("kv") function kv(key: string): string { return key; }', "export function f(): i32 { kv(\"a\"); return 0; }"]);
    assert.match(body, /host function 'kv' must be declared without a body/);
    const name = await compileError(["@hostFunction() declare function kv(key: string): string;", "export function f(): i32 { kv(\"a\"); return 0; }"]);
    assert.match(name, /host function 'kv' needs its name/);
  });

  it("the name memory", async () => {
    const out = await compileError(["function size(): i32 { return 0; }", "export { size as memory };"]);
    assert.match(out, /plug-in function 'memory' cannot be named 'memory'/);
  });
});
