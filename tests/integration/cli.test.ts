/**
 * The `extism-as` command, spawned as a user would run it: stdout bytes,
 * stderr text, exit code. Needs `npm run build` (plug-ins and dist/cli).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
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

/** Runs the command like a shell would (plain node, no tsx), with `stdin` piped in. */
function run(args: string[], options: { stdin?: string | Uint8Array; cwd?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [BIN, ...args], {
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

  it("accepts --wasi and --timeout", async () => {
    const r = await run(["call", greet, "greet", "--input", '{"name":"A"}', "--wasi", "--timeout", "5000"]);
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout.toString()).message, "Hello, A!");
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
  });
});

describe("extism-as new", () => {
  it("writes a project that installs this package as packed, builds, and passes its own test", { timeout: 300_000 }, async () => {
    // The package as npm would publish it (its `files`), not the repository.
    const packed = await new Promise<string>((ok, fail) => {
      const child = spawn(...npmCommand(["pack", "--silent", "--pack-destination", tmp]), { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      child.on("close", (code) => (code === 0 ? ok(join(tmp, out.trim().split("\n").at(-1)!)) : fail(new Error(`npm pack (${code}): ${err}`))));
    });
    const made = await run(["new", "my-plugin", "--pdk", `file:${packed}`], { cwd: tmp });
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout.toString(), /Created my-plugin\//);
    const project = join(tmp, "my-plugin");
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
    assert.match(test.output, /# pass 1/);
    const again = await run(["new", "my-plugin"], { cwd: tmp });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists already/);
  });
});
