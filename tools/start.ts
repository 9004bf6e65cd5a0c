/**
 * `npm start`: runs every example plug-in (built by `npm run build`) on the
 * embedded host, @extism/extism 2.0.0-rc13, and prints what each returned.
 * HTTP goes to a small server on 127.0.0.1 that this script starts, since
 * the examples should run without a network.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { createPlugin } from "extism-v2";
import { ROOT } from "./build.ts";
import { type HostContext, kvFunctions } from "./kv-store.ts";

interface Run {
  example: string;
  fn: string;
  /** One call per input, on the same plug-in instance. */
  inputs: string[];
  config?: Record<string, string>;
  /** The lowest level of the plug-in's log lines shown (default info). */
  logLevel?: "trace" | "debug" | "info";
  http?: boolean;
  functions?: Record<string, (cp: HostContext, ...args: bigint[]) => bigint | void>;
}

const kv = kvFunctions(new Map());

async function main(): Promise<void> {
  const server = createServer((_req, res) => res.end("<html>hello from 127.0.0.1</html>"));
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const runs: Run[] = [
    { example: "count-vowels", fn: "count_vowels", inputs: ["Hello, World!", "A second call adds to the total"] },
    { example: "greet", fn: "greet", inputs: ['{"name":"Zoë","age":33}'], config: { greeting: "Bonjour" } },
    { example: "http-get", fn: "http_get", inputs: [`${origin}/`], http: true },
    { example: "host-functions", fn: "count_calls", inputs: ["", ""], functions: kv },
    { example: "errors", fn: "reject", inputs: ["Ann", ""] },
    { example: "errors", fn: "crash", inputs: ["no comma"] },
    // Returns 3 without an error: the Rust runtime fails such a call, the JS host ignores the code.
    { example: "errors", fn: "exit_code", inputs: [""] },
    { example: "logging", fn: "log_levels", inputs: ["the weather"], logLevel: "trace" },
    { example: "kitchen-sink", fn: "kitchen_sink", inputs: ["anything at all"], config: { test: "yes", url: `${origin}/` }, logLevel: "debug", http: true },
  ];
  try {
    for (const run of runs) {
      const logs: string[] = [];
      const log = (level: string) => (message: string) => logs.push(`${level}: ${message}`);
      const plugin = await createPlugin(
        { wasm: [{ data: readFileSync(join(ROOT, "build", "examples", `${run.example}.wasm`)) }], config: run.config ?? {} },
        {
          useWasi: false,
          runInWorker: run.http === true,
          allowedHosts: run.http === true ? ["127.0.0.1"] : [],
          logLevel: run.logLevel ?? "info",
          logger: { trace: log("trace"), debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") } as unknown as Console,
          functions: run.functions === undefined ? {} : { "extism:host/user": run.functions },
        },
      );
      for (const input of run.inputs) {
        let result: string;
        try {
          const out = await plugin.call(run.fn, input);
          result = `→ ${out === null ? "(no output)" : out.text()}`;
        } catch (e) {
          result = `✗ ${(e as Error).message}`;
        }
        console.log(`${run.example} ${run.fn}(${JSON.stringify(input)})\n  ${result}${logs.map((l) => `\n  ${l}`).join("")}`);
        logs.length = 0;
      }
      await plugin.close();
    }
  } finally {
    server.close();
  }
}

await main();
