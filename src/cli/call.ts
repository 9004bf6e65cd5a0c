/** `extism-as call`: runs one function of a plug-in on the embedded JS host (2.0.0-rc13). */
import { readFileSync } from "node:fs";
import type { CallArgs } from "./args.ts";

export interface CallStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  readStdin: () => Promise<Uint8Array>;
}

/** Runs the call(s) and returns the exit code. */
export async function call(args: CallArgs, io: CallStreams): Promise<number> {
  const input = await readInput(args, io);
  const { createPlugin } = await import("extism-v2");
  const line = (level: string) => (...parts: unknown[]) => io.stderr.write(`${level}: ${parts.map(String).join(" ")}\n`);
  const logger = { trace: line("trace"), debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error"), log: line("info") };
  // HTTP and call timeouts need the JS SDK's worker; it makes every host call
  // slower, so it runs only when they are asked for.
  const worker = args.allowHosts.length > 0 || args.timeoutMs !== null;
  const plugin = await createPlugin(
    { wasm: [{ data: readFileSync(args.wasm) }], config: args.config },
    {
      useWasi: args.wasi,
      runInWorker: worker,
      allowedHosts: args.allowHosts,
      logger: logger as unknown as Console,
      logLevel: args.logLevel,
      timeoutMs: args.timeoutMs,
    },
  );
  try {
    let output: Uint8Array | null = null;
    const times: number[] = [];
    for (let i = 0; i < args.loop; i++) {
      const start = process.hrtime.bigint();
      const result = await plugin.call(args.fn, input);
      times.push(Number(process.hrtime.bigint() - start));
      output = result === null ? null : result.bytes();
    }
    if (output !== null) io.stdout.write(output);
    if (args.loop > 1) io.stderr.write(timing(times));
    return 0;
  } catch (e) {
    io.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await plugin.close();
  }
}

async function readInput(args: CallArgs, io: CallStreams): Promise<Uint8Array> {
  if ("text" in args.input) return new TextEncoder().encode(args.input.text);
  if ("file" in args.input) return new Uint8Array(readFileSync(args.input.file));
  return io.readStdin();
}

function timing(ns: number[]): string {
  const sorted = ns.slice().sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const mean = ns.reduce((a, b) => a + b, 0) / ns.length;
  const us = (n: number) => `${(n / 1000).toFixed(1)} µs`;
  return `${ns.length} calls: median ${us(median)} per call, mean ${us(mean)}, min ${us(sorted[0]!)}, max ${us(sorted.at(-1)!)}\n`;
}
