/**
 * The examples in a real browser: Debian's Chromium (/usr/bin/chromium),
 * driven by playwright-core, loads each plug-in of build/examples/ with the
 * JS SDK's browser build (dist/browser/mod.js of @extism/extism 2.0.0-rc13
 * and 1.0.3) and calls it; the page (tests/browser/page.ts) hands back what
 * came out, and the expectations below are written by hand.
 *
 * A server on 127.0.0.1 serves the page, the SDKs, the .wasm files and the
 * routes http-get and kitchen-sink fetch (same origin), every response with
 * COOP/COEP so that the page is crossOriginIsolated, which the SDKs'
 * `runInWorker` (and so HTTP) needs.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { chromium, type BrowserContext } from "playwright-core";
import ts from "typescript";
import { build, buildJobs, ROOT } from "../../tools/build.ts";
import type { CallResult, Scenario, ScenarioResult, SdkVersion } from "./page.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const EXAMPLES = ["count-vowels", "errors", "greet", "host-functions", "http-get", "kitchen-sink", "logging"];

const SDKS: Record<SdkVersion, string> = {
  "2.0.0-rc13": join(ROOT, "node_modules", "extism-v2", "dist", "browser", "mod.js"),
  "1.0.3": join(ROOT, "node_modules", "@extism", "extism", "dist", "browser", "mod.js"),
};

/** The TypeScript files the page imports, served compiled to JavaScript at the same path with .js. */
const PAGE_MODULES = ["tests/browser/page.ts", "tools/kv-store.ts"];

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>extism-as-pdk in the browser</title>
<link rel="icon" href="data:,">
<script type="module" src="/tests/browser/page.js"></script>
`;

/** The body of /hello: 29 bytes of UTF-8. */
const HELLO = "héllo wörld ✓ 日本 🎉";

function compile(file: string): string {
  const source = readFileSync(join(ROOT, file), "utf8");
  return ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      rewriteRelativeImportExtensions: true,
      verbatimModuleSyntax: false,
    },
  }).outputText;
}

/** What the server received on the routes plug-ins fetch ("GET /hello"), since the last `inChromium` began. */
const received: string[] = [];

function startServer(): Promise<{ origin: string; server: Server }> {
  const compiled = new Map(PAGE_MODULES.map((file) => [`/${file.replace(/\.ts$/, ".js")}`, compile(file)]));
  const server = createServer((req, res) => {
    // Cross-origin isolation: SharedArrayBuffer, and so the SDKs' workers.
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    res.setHeader("Cache-Control", "no-store");
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { "Content-Type": type });
      res.end(body);
    };
    const sdk = /^\/sdk\/([^/]+)\/mod\.js$/.exec(path);
    const wasm = /^\/wasm\/([a-z-]+)\.wasm$/.exec(path);
    if (path === "/") send(200, "text/html; charset=utf-8", PAGE);
    else if (compiled.has(path)) send(200, "text/javascript; charset=utf-8", compiled.get(path)!);
    else if (sdk !== null && Object.hasOwn(SDKS, sdk[1]!)) send(200, "text/javascript; charset=utf-8", readFileSync(SDKS[sdk[1] as SdkVersion]));
    else if (wasm !== null && EXAMPLES.includes(wasm[1]!)) send(200, "application/wasm", readFileSync(join(ROOT, "build", "examples", `${wasm[1]}.wasm`)));
    else if (path === "/hello" || path === "/missing") {
      received.push(`${req.method} ${path} ${req.headers["sec-fetch-site"]}`);
      if (path === "/hello") send(200, "text/plain; charset=utf-8", HELLO);
      else send(404, "text/plain", "nothing here");
    } else send(404, "text/plain", `no route ${path}`);
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => ok({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })),
  );
}

let origin: string;
let server: Server;
let context: BrowserContext;
let profile: string;

before(
  async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's Chromium; install it: apt-get install -y chromium`);
    }
    const wanted = new Set(EXAMPLES.map((name) => join(ROOT, "build", "examples", `${name}.wasm`)));
    const missing = buildJobs().filter((job) => wanted.has(job.out) && !existsSync(job.out));
    if (missing.length > 0) await build(missing);
    ({ origin, server } = await startServer());
    profile = mkdtempSync(join(tmpdir(), "extism-as-chromium-"));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  },
  { timeout: 180_000 },
);

after(async () => {
  await context?.close();
  await new Promise<void>((ok) => (server === undefined ? ok() : server.close(() => ok())));
  if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
});

/** What the test saw besides the page's result. */
interface Seen {
  /** Workers the page started (the SDKs' `runInWorker`). */
  workers: number;
  /** Requests the server received on /hello and /missing. */
  requests: string[];
}

/**
 * Runs `scenario` in a fresh page and hands the result to `check`. When
 * anything fails, the message ends with what Chromium reported: console
 * errors, uncaught exceptions, failed requests and error statuses of the page
 * and its workers.
 */
async function inChromium(scenario: Scenario, check: (result: ScenarioResult, seen: Seen) => void): Promise<void> {
  const page = await context.newPage();
  const problems: string[] = [];
  let workers = 0;
  page.on("worker", () => void workers++);
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? "?"})`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  received.length = 0;
  try {
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => window.extismTest !== undefined, null, { timeout: 10_000 });
    const result = await page.evaluate((s) => window.extismTest!.run(s), scenario);
    check(result, { workers, requests: received.slice() });
  } catch (e) {
    if (e instanceof Error) e.message += `\n\nChromium reported${problems.length === 0 ? " nothing" : `:\n${problems.join("\n")}`}`;
    throw e;
  } finally {
    await page.close();
  }
}

/** The text of each call's output ("(null)" for none), or `error: MESSAGE`. */
function outcomes(result: ScenarioResult): string[] {
  assert.equal(result.loadError, null, "the plug-in did not load");
  return result.calls.map(describeCall);
}

function describeCall(call: CallResult): string {
  if (!call.ok) return `error: ${call.error}`;
  if (call.bytes === null) return "(null)";
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(call.bytes));
}

const logLines = (result: ScenarioResult) => result.logs.map((l) => `${l.level}: ${l.text}`);

/** Generous: a page takes a few hundred milliseconds; this catches a hung worker. */
const TIMEOUT = { timeout: 30_000 };

it("the page is cross-origin isolated (COOP/COEP), so the SDKs can start workers", TIMEOUT, async () => {
  await inChromium({ sdk: "2.0.0-rc13", example: "greet", calls: [] }, (r) => {
    assert.equal(r.crossOriginIsolated, true);
    assert.equal(r.loadError, null);
  });
});

for (const sdk of ["2.0.0-rc13", "1.0.3"] as const) {
  const v2 = sdk === "2.0.0-rc13";
  describe(`examples in Chromium on JS SDK ${sdk} (browser build)`, () => {
    it("greet: JSON in and out, with the greeting from config; bad JSON fails with the reason", TIMEOUT, async () => {
      const calls = [
        { fn: "greet", input: '{"name":"Zoë","age":17}' },
        { fn: "greet", input: '{"name":"Ann","age":40}' },
        { fn: "greet", input: '{"name":' },
      ];
      await inChromium({ sdk, example: "greet", config: { greeting: "Grüezi" }, calls }, (r, seen) => {
        assert.deepEqual(outcomes(r), [
          '{"message":"Grüezi, Zoë!","adult":false}',
          '{"message":"Grüezi, Ann!","adult":true}',
          "error: Plugin-originated error: the input is not valid JSON for Person: unexpected end at byte 8",
        ]);
        assert.equal(seen.workers, 0, "without runInWorker the plug-in runs on the page's thread");
      });
    });

    it("count-vowels: the count, and the running total kept in a var across calls", TIMEOUT, async () => {
      const calls = [
        { fn: "count_vowels", input: "Hello, World!" },
        { fn: "count_vowels", input: "AEIOU ünïcödé" },
        { fn: "count_vowels", input: "" },
      ];
      await inChromium({ sdk, example: "count-vowels", calls }, (r) => {
        assert.deepEqual(outcomes(r), [
          '{"count":3,"total":3,"vowels":"aeiouAEIOU"}',
          '{"count":5,"total":8,"vowels":"aeiouAEIOU"}',
          '{"count":0,"total":8,"vowels":"aeiouAEIOU"}',
        ]);
      });
    });

    it(`count-vowels in the SDK's worker: ${v2 ? "the var is kept" : "1.0.3 keeps no var between calls (as in Node)"}`, TIMEOUT, async () => {
      const calls = [
        { fn: "count_vowels", input: "Hello, World!" },
        { fn: "count_vowels", input: "AEIOU ünïcödé" },
      ];
      await inChromium({ sdk, example: "count-vowels", runInWorker: true, calls }, (r, seen) => {
        assert.deepEqual(outcomes(r), [
          '{"count":3,"total":3,"vowels":"aeiouAEIOU"}',
          // 1.0.3's worker loses vars between calls (docs/hosts.md): the total starts over.
          v2 ? '{"count":5,"total":8,"vowels":"aeiouAEIOU"}' : '{"count":5,"total":5,"vowels":"aeiouAEIOU"}',
        ]);
        assert.equal(seen.workers, 1);
      });
    });

    it("logging: every line reaches the page's logger at its level", TIMEOUT, async () => {
      const scenario: Scenario = { sdk, example: "logging", calls: [{ fn: "log_levels", input: "x" }] };
      // 2.x logs nothing without a level; 1.0.3 has no such option and logs every line.
      if (v2) scenario.logLevel = "trace";
      await inChromium(scenario, (r) => {
        assert.deepEqual(outcomes(r), ["logged 5 lines"]);
        // Trace arrives as debug: the example is built for every host, and 1.0.3 has no log_trace.
        assert.deepEqual(logLines(r), [
          "debug: tracing x",
          "debug: debugging x",
          "info: informing about x",
          "warn: warning about x",
          "error: error about x",
        ]);
      });
    });

    it("errors: reject's message reaches the caller, crash fails the call and logs why", TIMEOUT, async () => {
      const scenario: Scenario = {
        sdk,
        example: "errors",
        calls: [
          { fn: "reject", input: "Ann" },
          { fn: "reject", input: "" },
          { fn: "crash", input: "no comma" },
          { fn: "crash", input: "a,b" },
          { fn: "exit_code" },
        ],
      };
      if (v2) scenario.logLevel = "error";
      await inChromium(scenario, (r) => {
        assert.deepEqual(outcomes(r), [
          "hello Ann",
          "error: Plugin-originated error: a name is required",
          // A trap: V8's message; the PDK's reason is in the error log line.
          "error: unreachable",
          "b",
          // The JS hosts ignore a non-zero return code; no output was set.
          "(null)",
        ]);
        assert.deepEqual(logLines(r), ["error: expected two comma-separated values (at index.ts:19:3)"]);
      });
    });

    it("host-functions: kv_read and kv_write, provided by the page, on its thread and from the SDK's worker", TIMEOUT, async () => {
      const calls = [{ fn: "count_calls" }, { fn: "count_calls" }, { fn: "count_calls" }];
      await inChromium({ sdk, example: "host-functions", kv: true, calls }, (r, seen) => {
        assert.deepEqual(outcomes(r), ["1", "2", "3"]);
        assert.deepEqual(r.store, { calls: "3" });
        assert.equal(seen.workers, 0);
      });
      await inChromium({ sdk, example: "host-functions", kv: true, runInWorker: true, calls }, (r, seen) => {
        assert.deepEqual(outcomes(r), ["1", "2", "3"]);
        assert.deepEqual(r.store, { calls: "3" });
        assert.equal(seen.workers, 1);
      });
    });

    it("http-get: GET from the page's own origin, in the SDK's worker", TIMEOUT, async () => {
      const url = `${origin}/hello`;
      const calls = [
        { fn: "http_get", input: url },
        { fn: "http_get", input: url },
      ];
      await inChromium({ sdk, example: "http-get", runInWorker: true, allowedHosts: ["127.0.0.1"], calls }, (r, seen) => {
        const report = `{"url":"${url}","status":200,"bytes":29}`;
        assert.deepEqual(outcomes(r), [report, report]);
        assert.deepEqual(seen.requests, ["GET /hello same-origin", "GET /hello same-origin"]);
        assert.equal(seen.workers, 1);
      });
    });

    it("http-get: a host not in allowedHosts is refused; the worker is then unusable", TIMEOUT, async () => {
      const url = `${origin}/hello`;
      const calls = [
        { fn: "http_get", input: url },
        { fn: "http_get", input: url },
      ];
      await inChromium({ sdk, example: "http-get", runInWorker: true, allowedHosts: ["example.com"], calls }, (r, seen) => {
        assert.deepEqual(outcomes(r), [
          `error: Call error: HTTP request to "${url}" is not allowed (no allowedHosts match "127.0.0.1")`,
          // After a host-side error the SDK's worker is gone, and every later call fails at once
          // (docs/hosts.md has 2.x hanging there in Node): create a new plug-in.
          v2 ? "error: worker not initialized" : "error: Cannot read properties of null (reading 'postMessage')",
        ]);
        assert.deepEqual(seen.requests, []);
      });
    });

    it("http-get without a worker: the call fails", TIMEOUT, async () => {
      const url = `${origin}/hello`;
      const scenario: Scenario = { sdk, example: "http-get", allowedHosts: ["127.0.0.1"], calls: [{ fn: "http_get", input: url }] };
      if (v2) scenario.logLevel = "error";
      await inChromium(scenario, (r, seen) => {
        assert.deepEqual(outcomes(r), ["error: unreachable"]);
        const failed = `error: HTTP GET ${url} failed: the host made no request (HTTP disabled, or the host not allowed)`;
        if (v2) {
          // 2.x in a browser with JSPI (WebAssembly.Suspending, as in this Chromium) accepts
          // allowedHosts without a worker and sends the request from the page's thread. But its
          // import loop (dist/browser/mod.js) swaps in the real HTTP functions only on reaching
          // http_request, and the plug-in imports http_status_code before it (asc's order), so
          // that import keeps the stub, which logs "not enabled" and answers 0: the status reads
          // 0 and the PDK fails the call (its "made no request" is wrong here: the server got it).
          assert.deepEqual(logLines(r), ["error: http_status_code is not enabled", failed]);
          assert.deepEqual(seen.requests, ["GET /hello same-origin"]);
        } else {
          // 1.0.3 has HTTP only in its worker: on the page's thread http_request is a stub.
          assert.deepEqual(logLines(r), ["error: http_request is not enabled", "error: http_status_code is not enabled", failed]);
          assert.deepEqual(seen.requests, []);
        }
        assert.equal(seen.workers, 0);
      });
    });

    it("kitchen-sink: config, a var, GET, four log levels, the input echoed; a 404 fails the call", TIMEOUT, async () => {
      const scenario = (config: Record<string, string>, input: string): Scenario => {
        const s: Scenario = { sdk, example: "kitchen-sink", runInWorker: true, allowedHosts: ["127.0.0.1"], config, calls: [{ fn: "kitchen_sink", input }] };
        if (v2) s.logLevel = "debug";
        return s;
      };
      await inChromium(scenario({ test: "1", url: `${origin}/hello` }, "kitchen ✓ sink"), (r, seen) => {
        assert.deepEqual(outcomes(r), ["kitchen ✓ sink"]);
        assert.deepEqual(logLines(r), [
          "info: config test = 1",
          "info: this is an info log",
          "debug: this is a debug log",
          "warn: this is a warn log",
          "error: this is an error log",
        ]);
        assert.deepEqual(seen.requests, ["GET /hello same-origin"]);
      });
      await inChromium(scenario({ url: `${origin}/missing` }, "x"), (r, seen) => {
        assert.deepEqual(outcomes(r), [`error: Plugin-originated error: GET ${origin}/missing returned 404, expected 200`]);
        assert.deepEqual(logLines(r), ["info: config test = (unset)"]);
        assert.deepEqual(seen.requests, ["GET /missing same-origin"]);
      });
    });
  });
}
