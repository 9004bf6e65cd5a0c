/**
 * Builds every plug-in of the project with the real `asc`, two at a time:
 *
 * - `examples/NAME/index.ts` -> `build/examples/NAME.wasm`, with the example's
 *   own asconfig.json (which extends the package's preset, as a user's would);
 * - `tests/plugins/NAME.ts`  -> `build/tests/NAME.wasm`, with the package's
 *   asconfig.json. A first line `// build: modern` also builds
 *   `build/tests/NAME.modern.wasm` with `--use EXTISM_MODERN_HOST=1`, and
 *   `// build: minimal` `build/tests/NAME.minimal.wasm` with the minimal
 *   preset, asconfig.minimal.json (both may be given);
 * - `bench/plugins/NAME.ts` -> `build/bench/NAME.wasm`, the same way, except
 *   that `// build: official` builds it as the official PDK's README shows and
 *   `// build: floor` with bench/plugins/floor.asconfig.json (no PDK).
 *
 * `npm run build` runs it; `tsx tools/build.ts PATTERN` builds only the
 * plug-ins whose output path contains PATTERN.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { linkSelf } from "./link-self.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ASC = join(ROOT, "node_modules", "assemblyscript", "bin", "asc.js");

export interface BuildJob {
  /** The .wasm file written. */
  out: string;
  /** Arguments to asc, relative to `cwd`. */
  args: string[];
  /** Where asc runs (default: ROOT). */
  cwd?: string;
}

/** The plug-ins of the project, as build jobs. */
export function buildJobs(): BuildJob[] {
  const jobs: BuildJob[] = [];
  const examples = join(ROOT, "examples");
  if (existsSync(examples)) {
    for (const name of readdirSync(examples).sort()) {
      const entry = join(examples, name, "index.ts");
      if (!existsSync(entry)) continue;
      const out = join(ROOT, "build", "examples", `${name}.wasm`);
      // As a user would: asc run in the example's folder, with its asconfig.json.
      jobs.push({ out, cwd: join(examples, name), args: ["--config", "asconfig.json"] });
    }
  }
  for (const dir of ["tests/plugins", "bench/plugins"]) {
    const plugins = join(ROOT, dir);
    if (!existsSync(plugins)) continue;
    const outDir = join(ROOT, "build", dir.split("/")[0]!);
    for (const file of readdirSync(plugins).sort()) {
      if (!file.endsWith(".ts")) continue;
      const entry = join(plugins, file);
      const name = file.slice(0, -3);
      const base = [rel(entry), "--config", "asconfig.json"];
      const header = readFileSync(entry, "utf8").split("\n", 1)[0] ?? "";
      if (/^\/\/ build:.*\bofficial\b/.test(header)) {
        // Built as the official PDK's README shows: no optimisation, its own
        // abort handler; json-as's transform wired in by hand.
        const out = join(outDir, `${name}.wasm`);
        const abort = `abort=${rel(entry).slice(0, -3)}/myAbort`;
        const config = "bench/plugins/official.asconfig.json"; // empty: not this package's preset
        jobs.push({ out, args: [rel(entry), "--config", config, "--outFile", rel(out), "--use", abort, "--transform", "json-as/transform"] });
        continue;
      }
      if (/^\/\/ build:.*\bfloor\b/.test(header)) {
        const out = join(outDir, `${name}.wasm`);
        jobs.push({ out, args: [rel(entry), "--outFile", rel(out), "--config", "bench/plugins/floor.asconfig.json"] });
        continue;
      }
      const out = join(outDir, `${name}.wasm`);
      jobs.push({ out, args: [...base, "--outFile", rel(out)] });
      if (/^\/\/ build:.*\bmodern\b/.test(header)) {
        const modern = join(outDir, `${name}.modern.wasm`);
        jobs.push({ out: modern, args: [...base, "--outFile", rel(modern), "--use", "EXTISM_MODERN_HOST=1"] });
      }
      if (/^\/\/ build:.*\bminimal\b/.test(header)) {
        const minimal = join(outDir, `${name}.minimal.wasm`);
        jobs.push({ out: minimal, args: [rel(entry), "--config", "asconfig.minimal.json", "--outFile", rel(minimal)] });
      }
    }
  }
  return jobs;
}

function rel(path: string): string {
  return relative(ROOT, path);
}

/** Runs asc once; resolves with its output, rejects with it on failure. */
export function runAsc(args: string[], cwd: string = ROOT): Promise<string> {
  return new Promise((ok, fail) => {
    // asc colours its messages when `CI` is set, as it is in CI: tests read plain text.
    const child = spawn(process.execPath, [ASC, ...args, "--noColors"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (d: Buffer) => (text += d.toString()));
    child.stderr.on("data", (d: Buffer) => (text += d.toString()));
    child.on("close", (code) => (code === 0 ? ok(text) : fail(new Error(`asc ${args.join(" ")}\n${text}`))));
  });
}

/** Builds `jobs`, at most one per core at a time. */
export async function build(jobs: BuildJob[]): Promise<void> {
  linkSelf();
  const queue = jobs.slice();
  const failures: Error[] = [];
  const worker = async (): Promise<void> => {
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
      mkdirSync(dirname(job.out), { recursive: true });
      try {
        await runAsc(job.args, job.cwd);
        process.stdout.write(`built ${rel(job.out)}\n`);
      } catch (e) {
        failures.push(e as Error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(cpus().length, 4)) }, worker));
  if (failures.length > 0) {
    throw new Error(failures.map((f) => f.message).join("\n\n"));
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pattern = process.argv[2];
  const jobs = buildJobs().filter((j) => pattern === undefined || j.out.includes(pattern));
  build(jobs).catch((e: Error) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  });
}
