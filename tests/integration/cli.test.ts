/**
 * The `extism-as` command, spawned as a user would run it: stdout bytes,
 * stderr text, exit code. Needs `npm run build` (plug-ins and dist/cli).
 */
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import binaryen from "binaryen";
import { CALL_OPTIONS } from "../../src/cli/args.ts";
import type { PluginReport } from "../../src/cli/plugin-report.ts";
import { ROOT } from "../../tools/build.ts";
import { wasmPath } from "../support/hosts.ts";
import { startServer, type TestServer } from "../support/http-server.ts";

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

const BIN = join(ROOT, "bin", "extism-as.js");

/**
 * The npm that runs these tests (npm_execpath) rather than the first `npm` on
 * PATH: inside `npm test` that is node_modules/.bin/npm, an npm 6 that
 * @as-pect/cli's dependencies bring along.
 */
function npmCommand(args: string[]): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli !== undefined && cli.endsWith(".js") ? [process.execPath, [cli, ...args]] : ["npm", args];
}

interface RunOptions {
  stdin?: string | Uint8Array;
  cwd?: string;
  timeoutMs?: number;
  /** The command to run, by default this repository's bin/extism-as.js under plain node (no tsx). */
  command?: string[];
}

/** Runs the command like a shell would, with `stdin` piped in. */
function run(args: string[], options: RunOptions = {}): Promise<Run> {
  const [file, ...prefix] = options.command ?? [process.execPath, BIN];
  return new Promise((ok) => {
    const child = spawn(file!, [...prefix, ...args], {
      cwd: options.cwd ?? ROOT,
      stdio: ["pipe", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 60_000,
    });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => ok({ code, stdout: Buffer.concat(out), stderr: err }));
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    else child.stdin.end();
  });
}

/**
 * Writes a plug-in made from WebAssembly text into the temp folder: for what
 * AssemblyScript plug-ins do not do (import WASI, loop forever).
 */
function watPlugin(name: string, wat: string): string {
  const module = binaryen.parseText(wat);
  assert.ok(module.validate(), `${name} is not valid WebAssembly`);
  const path = join(tmp, `${name}.wasm`);
  writeFileSync(path, module.emitBinary());
  module.dispose();
  return path;
}

let server: TestServer;
let tmp: string;
before(async () => {
  server = await startServer();
  tmp = mkdtempSync(join(tmpdir(), "extism-as-cli-"));
});
after(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("extism-as call", () => {
  const greet = wasmPath("examples/greet");

  it("prints the output exactly, with --input and --config, and no warnings", async () => {
    const r = await run(["call", greet, "greet", "--input", '{"name":"Zoë","age":20}', "--config", "greeting=Grüß Gott"]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.toString(), '{"message":"Grüß Gott, Zoë!","adult":true}');
    assert.equal(r.stderr, "");
  });

  it("reads the input from --input-file and from stdin, byte for byte", async () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) & 0xff);
    const file = join(tmp, "input.bin");
    writeFileSync(file, bytes);
    const echo = wasmPath("tests/core");
    const fromFile = await run(["call", echo, "echo", "--input-file", file]);
    assert.equal(fromFile.code, 0);
    assert.deepEqual(new Uint8Array(fromFile.stdout), bytes);
    const fromStdin = await run(["call", echo, "echo"], { stdin: bytes });
    assert.deepEqual(new Uint8Array(fromStdin.stdout), bytes);
  });

  it("exits 1 with the plug-in's error message when the call fails", async () => {
    const r = await run(["call", wasmPath("examples/errors"), "reject", "--input", ""]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout.length, 0);
    assert.equal(r.stderr, "extism-as: reject failed: a name is required\n");
  });

  it("gives an abort's message as the call's error, not the trap's `unreachable`, in the foreground and in the worker", async () => {
    for (const extra of [[], ["--timeout", "10000"]]) {
      const r = await run(["call", wasmPath("examples/errors"), "crash", "--input", "x", ...extra]);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        "[error] expected two comma-separated values (at index.ts:19:3)\n" +
          "extism-as: crash failed: expected two comma-separated values (at index.ts:19:3)\n",
        extra.join(" "),
      );
    }
    // At --log-level silent the log line is not shown, and the error still is.
    const silent = await run(["call", wasmPath("examples/errors"), "crash", "--input", "x", "--log-level", "silent"]);
    assert.equal(silent.stderr, "extism-as: crash failed: expected two comma-separated values (at index.ts:19:3)\n");
  });

  it("names a trap that has no message as a trap, with the last error the host logged", async () => {
    const trap = watPlugin("trap", `(module (memory (export "memory") 1) (func (export "boom") (result i32) unreachable))`);
    const r = await run(["call", trap, "boom"]);
    assert.deepEqual([r.code, r.stderr], [1, "extism-as: boom trapped: unreachable (a trap with no message: out of memory, or unreachable() in the plug-in)\n"]);
    // Over --memory-max, the PDK cannot even allocate its message: the host's log says why.
    const big = await run(["call", wasmPath("tests/core"), "echo", "--memory-max", "2", "--log-level", "silent"], { stdin: new Uint8Array(200_000) });
    assert.equal(big.code, 1);
    assert.equal(
      big.stderr,
      "extism-as: echo trapped: unreachable (a trap with no message: out of memory, or unreachable() in the plug-in); " +
        "the last error logged: memory limit exceeded: 7 pages requested, 2 allowed\n",
    );
  });

  it("warns, on stderr, when a function returns non-zero without an error (the Rust runtime fails such a call)", async () => {
    for (const extra of [[], ["--timeout", "10000"]]) {
      const r = await run(["call", wasmPath("examples/errors"), "exit_code", "--input", "", ...extra]);
      assert.equal(r.code, 0, extra.join(" "));
      assert.equal(
        r.stderr,
        "extism-as: warning: exit_code returned 3 without setting an error; the JS host lets that pass, but hosts on the Rust runtime " +
          '(the extism CLI; the Rust, Go, Python... SDKs) fail the call with "Returned non-zero exit code: 3"\n',
        extra.join(" "),
      );
    }
    // Zero, or no result at all: no warning.
    const ok = await run(["call", greet, "greet", "--input", '{"name":"A"}']);
    assert.equal(ok.stderr, "");
  });

  it("prints logs to stderr at --log-level and above", async () => {
    const r = await run(["call", wasmPath("examples/logging"), "log_levels", "--input", "it", "--log-level", "warn"]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.toString(), "logged 5 lines");
    assert.equal(r.stderr, "[warn] warning about it\n[error] error about it\n");
  });

  it("makes HTTP requests to --allow-host hosts only", async () => {
    const allowed = await run(["call", wasmPath("examples/http-get"), "http_get", "--input", `${server.origin}/hello`, "--allow-host", "127.0.0.1"]);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.deepEqual(JSON.parse(allowed.stdout.toString()), { url: `${server.origin}/hello`, status: 200, bytes: 29 });
    const refused = await run(["call", wasmPath("examples/http-get"), "http_get", "--input", `${server.origin}/hello`]);
    assert.equal(refused.code, 1);
    // The host's own error lines, the PDK's, then the call's error.
    const reason = `HTTP GET ${server.origin}/hello failed: the host made no request (HTTP disabled, or the host not allowed)`;
    assert.equal(
      refused.stderr,
      `[error] http_request is not enabled\n[error] http_status_code is not enabled\n[error] ${reason}\nextism-as: http_get failed: ${reason}\n`,
    );
  });

  it("--loop N calls N times on one instance and reports the time per call", async () => {
    const r = await run(["call", wasmPath("examples/count-vowels"), "count_vowels", "--input", "aaa", "--loop", "5"]);
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout.toString()).total, 15, "the var kept the total over 5 calls");
    assert.match(r.stderr, /^5 calls: median [\d.]+ µs per call, mean [\d.]+ µs, min [\d.]+ µs, max [\d.]+ µs\n$/);
  });

  it("runs kitchen-sink with HTTP to --allow-host, config from --config and every log line at --log-level debug", async () => {
    // From stdin: bytes that are not UTF-8 and a NUL, which no argument can hold.
    const input = Buffer.concat([Buffer.from("kitchen ✓ sink\n"), Buffer.from([0, 0xff, 0xfe])]);
    const args = ["call", wasmPath("examples/kitchen-sink"), "kitchen_sink"];
    const config = ["--config", "test=42", "--config", `url=${server.origin}/hello`];
    const r = await run([...args, ...config, "--allow-host", "127.0.0.1", "--log-level", "debug"], { stdin: input });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout, input, "the output is the input, byte for byte");
    assert.equal(
      r.stderr,
      "[info] config test = 42\n[info] this is an info log\n[debug] this is a debug log\n[warn] this is a warn log\n[error] this is an error log\n",
    );
    assert.ok(server.received.some((req) => req.method === "GET" && req.path === "/hello"), "the plug-in reached the server");

    const notFound = await run([...args, "--input", "x", "--config", `url=${server.origin}/missing`, "--allow-host", "127.0.0.1"]);
    assert.equal(notFound.code, 1);
    assert.equal(notFound.stderr, `extism-as: kitchen_sink failed: GET ${server.origin}/missing returned 404, expected 200\n`);
  });

  it("--timeout stops a plug-in that runs too long", async () => {
    const spin = watPlugin("spin", `(module (func (export "spin") (result i32) (loop $forever (br $forever)) (i32.const 0)))`);
    const r = await run(["call", spin, "spin", "--timeout", "300"]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout.length, 0);
    assert.equal(r.stderr, "extism-as: spin timed out after 300 ms\n");
  });

  it("exits as soon as the call returns, however long --timeout is", async () => {
    // The JS host leaves the timeout's timer running; a command that waited
    // for it would outlive this test's own limit and be killed (code null).
    const r = await run(["call", greet, "greet", "--input", '{"name":"A"}', "--timeout", "3600000"], { timeoutMs: 30_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout.toString()).message, "Hello, A!");
  });

  it("--wasi gives the plug-in WASI, without which it does not load", async () => {
    // Calls WASI's random_get and outputs its errno as one digit ("0": it worked).
    const wasi = watPlugin(
      "wasi",
      `(module
        (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
        (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
        (import "extism:host/env" "store_u8" (func $store_u8 (param i64 i32)))
        (import "extism:host/env" "output_set" (func $output_set (param i64 i64)))
        (memory (export "memory") 1)
        (func (export "random") (result i32) (local $out i64)
          (local.set $out (call $alloc (i64.const 1)))
          (call $store_u8 (local.get $out) (i32.add (i32.const 48) (call $random_get (i32.const 0) (i32.const 16))))
          (call $output_set (local.get $out) (i64.const 1))
          (i32.const 0)))`,
    );
    const withWasi = await run(["call", wasi, "random", "--wasi"]);
    assert.deepEqual([withWasi.code, withWasi.stdout.toString(), withWasi.stderr], [0, "0", ""]);
    for (const extra of [[], ["--allow-host", "127.0.0.1"]]) {
      const without = await run(["call", wasi, "random", ...extra]);
      assert.deepEqual(
        [without.code, without.stderr],
        [1, "extism-as: the plug-in imports WASI (wasi_snapshot_preview1.random_get): run it with --wasi\n"],
        extra.join(" "),
      );
    }
  });

  it("takes --name=value as well as --name value", async () => {
    const r = await run(["call", greet, "greet", '--input={"name":"B","age":1}', "--config=greeting=Hi", "--log-level=silent"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.toString(), '{"message":"Hi, B!","adult":false}');
  });

  it("prints its help and version: to stdout when asked, help to stderr with exit code 2 when nothing was asked", async () => {
    const asked = await run(["--help"]);
    assert.equal(asked.code, 0);
    const help = asked.stdout.toString();
    assert.match(help, /usage: extism-as call PLUGIN\.wasm FUNCTION[^]*usage: extism-as inspect PLUGIN\.wasm \[--json\][^]*usage: extism-as new NAME/);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const version = await run(["--version"]);
    assert.deepEqual([version.code, version.stdout.toString()], [0, `extism-as-pdk ${pkg.version} (@extism/extism 2.0.0-rc13)\n`]);
    const bare = await run([]);
    assert.equal(bare.code, 2);
    assert.equal(bare.stdout.length, 0);
    assert.equal(bare.stderr, help);
  });

  it("lists every option of call in its help and in the README", async () => {
    const help = (await run(["--help"])).stdout.toString();
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const names = CALL_OPTIONS.map((o) => o.name);
    assert.equal(names.length, 18, "the options the tests know of");
    for (const name of [...names, "--json", "--pdk"]) {
      assert.match(help, new RegExp(`\\s${name}\\b`), `help: ${name}`);
      assert.ok(readme.includes(name), `README: ${name}`);
    }
  });

  it("explains bad arguments with exit code 2", async () => {
    const cases: [string[], RegExp][] = [
      [["call", greet], /usage: extism-as call PLUGIN\.wasm FUNCTION/],
      [["call", greet, "greet", "--loop", "zero"], /--loop takes a positive whole number, got "zero"/],
      [["call", greet, "greet", "--loop", "1.5"], /--loop takes a positive whole number, got "1\.5"/],
      [["call", greet, "greet", "--config", "novalue"], /--config takes KEY=VALUE, got "novalue"/],
      [["call", greet, "greet", "--set-config", "[1]"], /--set-config takes a JSON object of strings, e\.g\. '\{"key":"value"\}'; got "\[1\]"/],
      [["call", greet, "greet", "--set-config", "{x"], /--set-config takes a JSON object of strings.*which is not JSON/],
      [["call", greet, "greet", "--set-config", '{"n":1}'], /--set-config: the value of "n" is not a string/],
      [["call", greet, "greet", "--link", "lib"], /--link takes NAME=PATH, got "lib"/],
      [["call", greet, "greet", "--allow-path", "/tmp"], /--allow-path gives WASI a directory: add --wasi/],
      [["call", greet, "greet", "--log-level", "loud"], /--log-level must be one of trace, debug, info, warn, error, silent/],
      [["call", greet, "greet", "--input", "a", "--stdin"], /give the input once: --input, --input-file or --stdin/],
      [["call", greet, "greet", "--wasi=yes"], /--wasi takes no value/],
      [["call", greet, "greet", "--memory-max"], /--memory-max needs a value \(PAGES\)/],
      [["call", greet, "greet", "--frobnicate"], /unknown option --frobnicate/],
      [["inspect"], /usage: extism-as inspect PLUGIN\.wasm \[--json\]/],
      [["inspect", greet, "--xml"], /unknown option --xml/],
      [["frob"], /unknown command "frob"/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, message, args.join(" "));
    }
  });

  it("fails clearly for a missing plug-in file, a file that is not WebAssembly, and a missing function", async () => {
    const missing = await run(["call", join(tmp, "nope.wasm"), "f"]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^extism-as: ENOENT.*nope\.wasm/);
    const notWasm = join(tmp, "not.wasm");
    writeFileSync(notWasm, "hello");
    const bad = await run(["call", notWasm, "f"]);
    assert.deepEqual([bad.code, bad.stderr], [1, `extism-as: ${notWasm}: not a WebAssembly module (no \\0asm header)\n`]);
    const noFn = await run(["call", greet, "no_such_function"]);
    assert.deepEqual([noFn.code, noFn.stderr], [1, `extism-as: ${greet} has no function "no_such_function"; its plug-in functions: greet\n`]);
    const withParams = watPlugin("params", `(module (memory (export "memory") 1) (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`);
    const notPlugin = await run(["call", withParams, "add"]);
    assert.deepEqual(
      [notPlugin.code, notPlugin.stderr],
      [1, "extism-as: add is not a plug-in function: it is (i32, i32) -> i32, and Extism calls functions that take nothing and return an i32 or nothing\n"],
    );
  });
});

describe("extism-as call: host functions", () => {
  const plugin = wasmPath("examples/host-functions");
  const functions = join(ROOT, "examples", "host-functions", "functions.mjs");

  it("loads a plug-in whose host functions are missing; calling one fails the call naming it", async () => {
    for (const extra of [[], ["--timeout", "10000"]]) {
      const r = await run(["call", plugin, "count_calls", ...extra]);
      assert.equal(r.code, 1, extra.join(" "));
      assert.equal(
        r.stderr,
        "extism-as: count_calls failed: the plug-in called the host function extism:host/user.kv_read, which this command does not have: provide it with --functions FILE.mjs\n",
        extra.join(" "),
      );
    }
    // A function of the same plug-in that calls no host function runs.
    const calc = watPlugin(
      "calc",
      `(module
        (import "extism:host/user" "lookup_price" (func $lookup (param i64) (result i64)))
        (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
        (import "extism:host/env" "store_u8" (func $store_u8 (param i64 i32)))
        (import "extism:host/env" "output_set" (func $output_set (param i64 i64)))
        (memory (export "memory") 1)
        (func (export "price") (result i32) (drop (call $lookup (i64.const 0))) (i32.const 0))
        (func (export "two") (result i32) (local $out i64)
          (local.set $out (call $alloc (i64.const 1)))
          (call $store_u8 (local.get $out) (i32.const 50))
          (call $output_set (local.get $out) (i64.const 1))
          (i32.const 0)))`,
    );
    const two = await run(["call", calc, "two"]);
    assert.deepEqual([two.code, two.stdout.toString(), two.stderr], [0, "2", ""]);
    const price = await run(["call", calc, "price"]);
    assert.match(price.stderr, /^extism-as: price failed: the plug-in called the host function extism:host\/user\.lookup_price, which this command does not have/);
  });

  it("--functions gives real ones from a JS module (the example's), in the foreground and in the worker", async () => {
    const looped = await run(["call", plugin, "count_calls", "--functions", functions, "--loop", "3"]);
    assert.equal(looped.code, 0, looped.stderr);
    assert.equal(looped.stdout.toString(), "3", "the store kept the count over 3 calls");
    const inWorker = await run(["call", plugin, "count_calls", "--functions", functions, "--timeout", "10000"]);
    assert.deepEqual([inWorker.code, inWorker.stdout.toString(), inWorker.stderr], [0, "1", ""]);
  });

  it("--functions takes a default export by module name, and later modules win; a bad module is named", async () => {
    const byModule = join(tmp, "by-module.mjs");
    writeFileSync(
      byModule,
      `export default { "extism:host/user": {
        kv_read(cp, key) { return cp.store(cp.read(key).text() === "calls" ? "41" : "?"); },
        kv_write(cp, key, value) { if (cp.read(value).text() !== "42") throw new Error("wrong value " + cp.read(value).text()); },
      } };`,
    );
    const r = await run(["call", plugin, "count_calls", "--functions", byModule]);
    assert.deepEqual([r.code, r.stdout.toString(), r.stderr], [0, "42", ""]);
    const override = join(tmp, "override.mjs");
    writeFileSync(override, `export function kv_read(cp) { return cp.store("99"); }`);
    const overridden = await run(["call", plugin, "count_calls", "--functions", byModule, "--functions", override]);
    assert.deepEqual([overridden.code, overridden.stderr], [1, "extism-as: count_calls failed: wrong value 100\n"], "a host function's error fails the call with its message");
    const bad = join(tmp, "bad-functions.mjs");
    writeFileSync(bad, `export const kv_read = 42;`);
    const refused = await run(["call", plugin, "count_calls", "--functions", bad]);
    assert.deepEqual([refused.code, refused.stderr], [1, `extism-as: ${bad}: export "kv_read" is not a function (host functions take (cp, ...args))\n`]);
  });

  it("--link provides a module the plug-in imports from", async () => {
    const lib = watPlugin("lib", `(module (func (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))`);
    const main = watPlugin(
      "uses-lib",
      `(module
        (import "lib" "double" (func $double (param i32) (result i32)))
        (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
        (import "extism:host/env" "store_u8" (func $store_u8 (param i64 i32)))
        (import "extism:host/env" "output_set" (func $output_set (param i64 i64)))
        (memory (export "memory") 1)
        (func (export "run") (result i32) (local $out i64)
          (local.set $out (call $alloc (i64.const 1)))
          (call $store_u8 (local.get $out) (call $double (i32.const 33)))
          (call $output_set (local.get $out) (i64.const 1))
          (i32.const 0)))`,
    );
    const linked = await run(["call", main, "run", "--link", `lib=${lib}`]);
    assert.deepEqual([linked.code, linked.stdout.toString(), linked.stderr], [0, "B", ""]);
    const unlinked = await run(["call", main, "run"]);
    assert.equal(
      unlinked.stderr,
      'extism-as: run failed: the plug-in called the host function lib.double, which this command does not have: provide it with --functions FILE.mjs, or link a module named "lib" with --link lib=PATH\n',
    );
  });
});

describe("extism-as call: manifests and host settings", () => {
  const greet = wasmPath("examples/greet");

  it("--manifest reads an Extism manifest: wasm path, config, memory limits; the flags go on top", async () => {
    const manifest = join(tmp, "manifest.json");
    writeFileSync(manifest, JSON.stringify({ wasm: [{ path: greet }], config: { greeting: "Hej" }, memory: { max_var_bytes: 1024 } }));
    const r = await run(["call", "--manifest", manifest, "greet", "--input", '{"name":"M"}']);
    assert.deepEqual([r.code, r.stdout.toString(), r.stderr], [0, '{"message":"Hej, M!","adult":false}', ""]);
    const short = await run(["call", "-m", manifest, "greet", "-i", '{"name":"M"}', "--set-config", '{"greeting":"Ahoy"}']);
    assert.equal(short.stdout.toString(), '{"message":"Ahoy, M!","adult":false}', "--set-config over the manifest");
    const both = await run(["call", "-m", manifest, "greet", "-i", '{"name":"M"}', "--set-config", '{"greeting":"Ahoy"}', "--config", "greeting=Hi"]);
    assert.equal(both.stdout.toString(), '{"message":"Hi, M!","adult":false}', "--config over --set-config");
    const data = join(tmp, "manifest-data.json");
    writeFileSync(data, JSON.stringify({ wasm: [{ data: readFileSync(greet).toString("base64"), hash: createHash("sha256").update(readFileSync(greet)).digest("hex") }] }));
    const inline = await run(["call", "--manifest", data, "greet", "--input", '{"name":"D"}']);
    assert.deepEqual([inline.code, inline.stdout.toString()], [0, '{"message":"Hello, D!","adult":false}']);
  });

  it("explains a manifest that is not one, naming the place", async () => {
    const cases: [unknown, string][] = [
      [{ wasm: [] }, 'wasm must be a list of at least one module ({"path": ...}, {"url": ...} or {"data": ...})'],
      [{ wasm: [{ name: "x" }] }, "wasm[0] has no path, url or data"],
      [{ wasm: [{ path: greet }], config: { n: 1 } }, "config.n must be a string"],
      [{ wasm: [{ path: greet }], memory: { max_pages: "10" } }, "memory.max_pages must be a whole number"],
      [{ wasm: [{ path: greet }], allowed_hosts: "example.com" }, "allowed_hosts must be a list of host names"],
    ];
    for (const [json, message] of cases) {
      const file = join(tmp, "bad-manifest.json");
      writeFileSync(file, JSON.stringify(json));
      const r = await run(["call", "--manifest", file, "greet"]);
      assert.deepEqual([r.code, r.stderr], [1, `extism-as: ${file}: ${message}\n`], JSON.stringify(json));
    }
    const notJson = join(tmp, "not-json.json");
    writeFileSync(notJson, "{");
    const r = await run(["call", "--manifest", notJson, "greet"]);
    assert.match(r.stderr, /^extism-as: .*not-json\.json: not JSON \(/);
  });

  it("--var-max and --http-response-max limit the host; --enable-http-response-headers shows headers", async () => {
    const vars = await run(["call", wasmPath("examples/count-vowels"), "count_vowels", "--input", "aaaaaaaaaaaa", "--var-max", "1", "--log-level", "silent"]);
    assert.deepEqual([vars.code, vars.stderr], [1, "extism-as: count_vowels failed: var memory limit exceeded: 2 bytes requested, 1 allowed\n"]);
    const url = `${server.origin}/hello`;
    const http = ["call", wasmPath("examples/http-get"), "http_get", "--input", url, "--allow-host", "127.0.0.1"];
    const capped = await run([...http, "--http-response-max", "10", "--log-level", "silent"]);
    assert.equal(capped.code, 1);
    assert.match(capped.stderr, /^extism-as: http_get failed: HTTP GET http:\/\/127\.0\.0\.1:\d+\/hello failed: .*\n$/);
    const headers = ["call", wasmPath("tests/http-headers.modern"), "headers", "--input", url, "--allow-host", "127.0.0.1"];
    const shown = await run([...headers, "--enable-http-response-headers"]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout.toString(), /^yes \d+$/);
    const hidden = await run(headers);
    assert.equal(hidden.stdout.toString(), "null 0");
  });

  it("--wasi with --allow-path HOST:GUEST gives WASI that directory under the guest's name", async () => {
    // Outputs the name of WASI's first preopened directory (fd 3).
    const prestat = watPlugin(
      "prestat",
      `(module
        (import "wasi_snapshot_preview1" "fd_prestat_get" (func $prestat_get (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $dir_name (param i32 i32 i32) (result i32)))
        (import "extism:host/env" "alloc" (func $alloc (param i64) (result i64)))
        (import "extism:host/env" "store_u8" (func $store_u8 (param i64 i32)))
        (import "extism:host/env" "output_set" (func $output_set (param i64 i64)))
        (memory (export "memory") 1)
        (func (export "dir") (result i32) (local $len i32) (local $out i64) (local $i i32)
          (if (call $prestat_get (i32.const 3) (i32.const 0)) (then (return (i32.const 1))))
          (local.set $len (i32.load (i32.const 4)))
          (drop (call $dir_name (i32.const 3) (i32.const 16) (local.get $len)))
          (local.set $out (call $alloc (i64.extend_i32_u (local.get $len))))
          (block $done (loop $copy
            (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
            (call $store_u8 (i64.add (local.get $out) (i64.extend_i32_u (local.get $i))) (i32.load8_u (i32.add (i32.const 16) (local.get $i))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $copy)))
          (call $output_set (local.get $out) (i64.extend_i32_u (local.get $len)))
          (i32.const 0)))`,
    );
    const r = await run(["call", prestat, "dir", "--wasi", "--allow-path", `${tmp}:/data`]);
    assert.deepEqual([r.code, r.stdout.toString(), r.stderr], [0, "/data", ""]);
  });

  it("--stdin reads the input from stdin", async () => {
    const r = await run(["call", wasmPath("tests/core"), "echo", "--stdin"], { stdin: "from stdin" });
    assert.deepEqual([r.code, r.stdout.toString()], [0, "from stdin"]);
  });
});

describe("extism-as call: plug-ins no host can load", () => {
  it("names each import no Extism host provides, and its fix, before loading", async () => {
    const wat = watPlugin(
      "no-host",
      `(module
        (import "env" "Date.now" (func (result f64)))
        (import "env" "abort" (func (param i32 i32 i32 i32)))
        (import "env" "console.log" (func (param i32)))
        (import "extism:host/env" "teleport" (func (param i64)))
        (memory (export "memory") 1)
        (func (export "f") (result i32) (i32.const 0)))`,
    );
    const r = await run(["call", wat, "f"]);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      [
        `cannot load ${wat}: it imports env.Date.now, which no Extism host provides: Extism gives plug-ins no clock; take the time from a host function, or from the input`,
        `cannot load ${wat}: it imports env.abort, which no Extism host provides: the build skipped the package's preset, which routes it to the host; add "extends": "./node_modules/extism-as-pdk/asconfig.json" to asconfig.json`,
        `cannot load ${wat}: it imports env.console.log, which no Extism host provides: the build skipped the package's preset, which routes it to the host; add "extends": "./node_modules/extism-as-pdk/asconfig.json" to asconfig.json (it routes console.log, debug, info, warn, error and assert to the host's logger)`,
        `cannot load ${wat}: it imports extism:host/env.teleport, which no Extism host provides: no Extism host has a kernel function named "teleport"`,
      ]
        .map((line) => `extism-as: ${line}\n`)
        .join(""),
    );
  });
});

describe("extism-as inspect", () => {
  it("prints a plug-in's functions, imports, hosts and needs", async () => {
    const file = wasmPath("examples/host-functions");
    const r = await run(["inspect", file]);
    assert.equal(r.code, 0, r.stderr);
    const size = statSync(file).size.toLocaleString("en-US");
    const lines = r.stdout.toString().split("\n");
    assert.match(lines[0]!, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ${size} bytes \\(code [\\d,]+, data [\\d,]+\\)$`));
    assert.deepEqual(lines.slice(1, 3), ["plug-in functions: count_calls", "imports:"]);
    assert.match(lines[3]!, /^ {2}kernel \(extism:host\/env, every host\): (\w+, )*alloc(, \w+)*$/);
    assert.deepEqual(lines.slice(4), [
      "  host functions: extism:host/user.kv_write (i64, i64) -> (), extism:host/user.kv_read (i64) -> i64",
      "loads on:",
      "  Rust runtime (extism CLI; Rust, Go, Python... SDKs): yes, given its host functions",
      "  JS SDK 2.x: yes, given its host functions",
      "  JS SDK 1.0.3: yes, given its host functions",
      "needs from the host:",
      "  host functions: extism:host/user.kv_write, extism:host/user.kv_read",
      "",
    ]);
  });

  it("--json: which hosts load a modern build and why, and the problems of a plug-in no host loads (exit 1)", async () => {
    const modern = await run(["inspect", wasmPath("tests/log-level.modern"), "--json"]);
    assert.equal(modern.code, 0);
    const report = JSON.parse(modern.stdout.toString()) as PluginReport;
    assert.deepEqual(report.functions, ["log_level", "log_many_debug"]);
    assert.deepEqual(report.imports.newerKernel.map((k) => k.name).sort(), ["get_log_level", "log_trace"]);
    assert.deepEqual(
      report.hosts.map((h) => [h.id, h.loads]),
      [["rust", true], ["js-2", true], ["js-1.0.3", false]],
    );
    assert.match(report.hosts[2]!.note, /^it imports get_log_level \(Host\.logLevel\(\), or any logging in a build with EXTISM_MODERN_HOST=1\)/);
    assert.deepEqual(report.problems, []);

    const wat = watPlugin("dated", `(module (import "env" "Date.now" (func (result f64))) (memory (export "memory") 1) (func (export "now") (result i32) (i32.const 0)))`);
    const dated = await run(["inspect", wat, "--json"]);
    assert.equal(dated.code, 1);
    const problem = JSON.parse(dated.stdout.toString()) as PluginReport;
    assert.deepEqual(problem.problems, ["it imports env.Date.now, which no Extism host provides: Extism gives plug-ins no clock; take the time from a host function, or from the input"]);
    assert.deepEqual(problem.hosts.map((h) => h.loads), [false, false, false]);
    const text = await run(["inspect", wat]);
    assert.equal(text.code, 1);
    assert.match(text.stdout.toString(), /\nproblems:\n {2}it imports env\.Date\.now, which no Extism host provides: .*\n$/);
  });
});

describe("extism-as new", () => {
  // Needs the npm registry for the new project's other dependencies
  // (assemblyscript, @extism/extism, json-as); extism-as-pdk itself comes from
  // `npm pack` of this repository, so the test sees the package as published.
  it("writes a project that installs this package as packed, builds, passes its own test and runs with the installed command", { timeout: 300_000 }, async () => {
    const packed = await new Promise<string>((ok, fail) => {
      const child = spawn(...npmCommand(["pack", "--silent", "--pack-destination", tmp]), { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      child.on("close", (code) => (code === 0 ? ok(join(tmp, out.trim().split("\n").at(-1)!)) : fail(new Error(`npm pack (${code}): ${err}`))));
    });
    // `new` from the packed package, as `npx extism-as-pdk new` runs it (it needs no dependencies).
    const unpacked = join(tmp, "unpacked");
    mkdirSync(unpacked);
    execFileSync("tar", ["-xzf", packed, "-C", unpacked]);
    const packedCommand = [process.execPath, join(unpacked, "package", "bin", "extism-as.js")];
    const made = await run(["new", "my-plugin", "--pdk", `file:${packed}`], { cwd: tmp, command: packedCommand });
    assert.equal(made.code, 0, made.stderr);
    assert.equal(made.stdout.toString(), "Created my-plugin/. Next:\n  cd my-plugin\n  npm install\n  npm test\n");
    const project = join(tmp, "my-plugin");
    assert.deepEqual(readdirSync(project, { recursive: true }).map(String).sort(), [
      ".gitignore",
      ".npmrc",
      "README.md",
      "as-pect.asconfig.json",
      "as-pect.config.js",
      "asconfig.json",
      "assembly",
      join("assembly", "__tests__"),
      join("assembly", "__tests__", "greet.spec.ts"),
      join("assembly", "index.ts"),
      "package.json",
      "test",
      join("test", "plugin.test.js"),
    ]);
    assert.match(readFileSync(join(project, "README.md"), "utf8"), /^# my-plugin\n/);

    const npm = (args: string[]) =>
      new Promise<{ code: number | null; output: string }>((ok) => {
        // Without NODE_TEST_CONTEXT, or the project's own `node --test` would
        // report to this test runner instead of printing its results.
        const env = { ...process.env };
        delete env.NODE_TEST_CONTEXT;
        const child = spawn(...npmCommand(args), { cwd: project, env, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (d: Buffer) => (output += d.toString()));
        child.stderr.on("data", (d: Buffer) => (output += d.toString()));
        child.on("close", (code) => ok({ code, output }));
      });
    const install = await npm(["install", "--no-audit", "--no-fund"]);
    assert.equal(install.code, 0, install.output);
    const test = await npm(["test"]);
    assert.equal(test.code, 0, test.output);
    assert.match(test.output, /\[Tests\]: \S*2\S* \/ 2/, "as-pect: both unit tests");
    assert.match(test.output, /# pass 6\n# fail 0\n/, "the host tests: two on each of three hosts");
    assert.doesNotMatch(test.output, /\(node:\d+\) \w*Warning/, "node printed no warning");

    // The command as npm installed it: node_modules/.bin/extism-as, run by its #! line.
    const installed = [join(project, "node_modules", ".bin", "extism-as")];
    const called = await run(["call", join("build", "plugin.wasm"), "greet", "--input", '{"name":"CLI"}'], { cwd: project, command: installed });
    assert.deepEqual([called.code, called.stdout.toString(), called.stderr], [0, '{"message":"Hello, CLI!"}', ""]);
    const again = await run(["new", "my-plugin"], { cwd: tmp, command: installed });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists already/);

    // A plug-in that always fails: both kinds of test fail, with the assert's message.
    const source = join(project, "assembly", "index.ts");
    writeFileSync(source, readFileSync(source, "utf8").replace("export function greet(request: Request): Reply {\n", '$&  assert(false, "always fails");\n'));
    const failing = await npm(["test"]);
    assert.notEqual(failing.code, 0);
    assert.match(failing.output, /greets by name\S* - always fails/, "as-pect names the assert's message");
    const hostTests = await new Promise<{ code: number | null; output: string }>((ok) => {
      const env = { ...process.env };
      delete env.NODE_TEST_CONTEXT;
      const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", "--test"], { cwd: project, env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr.on("data", (d: Buffer) => (output += d.toString()));
      child.on("close", (code) => ok({ code, output }));
    });
    assert.notEqual(hostTests.code, 0);
    assert.match(hostTests.output, /always fails \(at assembly\/index\.ts:\d+:3\)/, "the host tests show the plug-in's message");
  });
});
