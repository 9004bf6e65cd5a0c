/**
 * The `extism-as` command, spawned as a user would run it: stdout bytes,
 * stderr text, exit code. Needs `npm run build` (plug-ins and dist/cli).
 */
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import binaryen from "binaryen";
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
    assert.equal(r.stderr, "error: Plugin-originated error: a name is required\n");
  });

  it("shows an abort's message (logged at error, the default level)", async () => {
    const r = await run(["call", wasmPath("examples/errors"), "crash", "--input", "x"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: expected two comma-separated values \(at index\.ts:19:3\)\nerror: .*unreachable/);
  });

  it("prints logs to stderr at --log-level and above", async () => {
    const r = await run(["call", wasmPath("examples/logging"), "log_levels", "--input", "it", "--log-level", "warn"]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.toString(), "logged 5 lines");
    assert.equal(r.stderr, "warn: warning about it\nerror: error about it\n");
  });

  it("makes HTTP requests to --allow-host hosts only", async () => {
    const allowed = await run(["call", wasmPath("examples/http-get"), "http_get", "--input", `${server.origin}/hello`, "--allow-host", "127.0.0.1"]);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.deepEqual(JSON.parse(allowed.stdout.toString()), { url: `${server.origin}/hello`, status: 200, bytes: 29 });
    const refused = await run(["call", wasmPath("examples/http-get"), "http_get", "--input", `${server.origin}/hello`]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^error: HTTP GET http:\/\/127\.0\.0\.1:\d+\/hello failed: the host made no request \(HTTP disabled, or the host not allowed\)$/m);
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
      "info: config test = 42\ninfo: this is an info log\ndebug: this is a debug log\nwarn: this is a warn log\nerror: this is an error log\n",
    );
    assert.ok(server.received.some((req) => req.method === "GET" && req.path === "/hello"), "the plug-in reached the server");

    const notFound = await run([...args, "--input", "x", "--config", `url=${server.origin}/missing`, "--allow-host", "127.0.0.1"]);
    assert.equal(notFound.code, 1);
    assert.equal(notFound.stderr, `error: Plugin-originated error: GET ${server.origin}/missing returned 404, expected 200\n`);
  });

  it("--timeout stops a plug-in that runs too long", async () => {
    const spin = watPlugin("spin", `(module (func (export "spin") (result i32) (loop $forever (br $forever)) (i32.const 0)))`);
    const r = await run(["call", spin, "spin", "--timeout", "300"]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout.length, 0);
    assert.equal(r.stderr, "error: EXTISM: call canceled due to timeout\n");
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
      assert.deepEqual([without.code, without.stderr], [1, "extism-as: the plug-in imports WASI: run it with --wasi\n"], extra.join(" "));
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
    assert.match(asked.stdout.toString(), /usage: extism-as call PLUGIN\.wasm FUNCTION[^]*usage: extism-as new NAME/);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const version = await run(["--version"]);
    assert.deepEqual([version.code, version.stdout.toString()], [0, `extism-as-pdk ${pkg.version} (@extism/extism 2.0.0-rc13)\n`]);
    const bare = await run([]);
    assert.equal(bare.code, 2);
    assert.equal(bare.stdout.length, 0);
    assert.equal(bare.stderr, asked.stdout.toString());
  });

  it("explains bad arguments with exit code 2", async () => {
    const cases: [string[], RegExp][] = [
      [["call", greet], /usage: extism-as call PLUGIN\.wasm FUNCTION/],
      [["call", greet, "greet", "--loop", "zero"], /--loop takes a positive whole number, got "zero"/],
      [["call", greet, "greet", "--config", "novalue"], /--config takes KEY=VALUE, got "novalue"/],
      [["call", greet, "greet", "--log-level", "loud"], /--log-level must be one of trace, debug, info, warn, error, silent/],
      [["call", greet, "greet", "--frobnicate"], /unknown option --frobnicate/],
      [["frob"], /unknown command "frob"/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, message);
    }
  });

  it("fails clearly for a missing plug-in file or function", async () => {
    const missing = await run(["call", join(tmp, "nope.wasm"), "f"]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /ENOENT.*nope\.wasm/);
    const noFn = await run(["call", greet, "no_such_function"]);
    assert.equal(noFn.code, 1);
    assert.match(noFn.stderr, /no_such_function/);
    const hostFunctions = await run(["call", wasmPath("examples/host-functions"), "count_calls"]);
    assert.equal(hostFunctions.code, 1);
    assert.match(hostFunctions.stderr, /^extism-as: .*cannot resolve import "extism:host\/user" "kv_(read|write)"/);
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
      "README.md",
      "asconfig.json",
      "assembly",
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
    assert.match(test.output, /# pass 2\n# fail 0\n/);
    assert.doesNotMatch(test.output, /\(node:\d+\) \w*Warning/, "node printed no warning");

    // The command as npm installed it: node_modules/.bin/extism-as, run by its #! line.
    const installed = [join(project, "node_modules", ".bin", "extism-as")];
    const called = await run(["call", join("build", "plugin.wasm"), "greet", "--input", '{"name":"CLI"}'], { cwd: project, command: installed });
    assert.deepEqual([called.code, called.stdout.toString(), called.stderr], [0, '{"message":"Hello, CLI!"}', ""]);
    const again = await run(["new", "my-plugin"], { cwd: tmp, command: installed });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists already/);
  });
});
