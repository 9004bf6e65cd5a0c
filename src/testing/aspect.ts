/**
 * The bridge between as-pect and the strict kernel stand-in: each spec file
 * gets a fresh `StrictKernel` as its `extism:host/env`, and a `test:kernel`
 * import module through which the AssemblyScript tests drive and inspect it
 * (declared on the AS side in tests/unit/kernel.ts). AssemblyScript strings
 * and buffers cross through the `@assemblyscript/loader` helpers of the
 * instance as-pect creates (the unit-test build exports the runtime).
 */
import type { ASUtil, Imports, ResultObject } from "@assemblyscript/loader";
import { type HostFunction, strictCallContext } from "./hosts.ts";
import { type HttpRequestSpec, KernelViolation, type Level, StrictKernel } from "./strict-kernel.ts";

type Exports = ASUtil & Record<string, unknown>;
type LoaderInstantiate = (binary: Uint8Array, imports: Imports) => Promise<ResultObject & { exports: Exports }>;
type ImportFn = (...args: never[]) => unknown;

/** What the tests can make the host do beyond the kernel's rules. */
interface Faults {
  /** How many of the next non-empty `alloc` calls return 0 (out of memory). */
  refusedAllocs: number;
  /** The last HTTP request answered. */
  lastRequest: HttpRequestSpec | null;
}

/** The `test:kernel` module. `loader()` gives the instance once it exists. */
function kernelControl(kernel: StrictKernel, faults: Faults, hostImports: ReadonlySet<string>, loader: () => Exports, aborts: string[]): Record<string, ImportFn> {
  const str = (ptr: number): string => loader().__getString(ptr);
  const buf = (ptr: number): Uint8Array => new Uint8Array(loader().__getArrayBuffer(ptr));
  const newBuf = (bytes: Uint8Array | null): number => (bytes === null ? 0 : loader().__newArrayBuffer(bytes.slice().buffer));
  const newStr = (s: string | null): number => (s === null ? 0 : loader().__newString(s));
  return {
    begin: (input: number) => kernel.begin(buf(input)),
    setConfig: (key: number, value: number) => void kernel.config.set(str(key), str(value)),
    setLogLevel: (level: number) => void (kernel.logLevel = level >= 0 && level <= 4 ? (level as Level) : null),
    setMaxVarBytes: (n: number) => void (kernel.maxVarBytes = n),
    setSharedVarBlocks: (on: number) => void (kernel.sharedVarBlocks = on !== 0),
    setVar: (key: number, value: number) => void kernel.vars.set(str(key), buf(value)),
    respondHttp: (status: number, body: number, headers: number) => {
      const reply = { status, body: buf(body), headers: headers === 0 ? {} : (JSON.parse(str(headers)) as Record<string, string>) };
      kernel.http = (request) => ((faults.lastRequest = request), reply);
    },
    lastHttpRequestJSON: () => newStr(kernel.lastRequestJSON),
    lastHttpRequestBody: () => newBuf(faults.lastRequest?.body ?? null),
    lastHttpRequest: () => newStr(faults.lastRequest === null ? null : JSON.stringify({ ...faults.lastRequest, body: faults.lastRequest.body === null ? null : new TextDecoder().decode(faults.lastRequest.body) })),
    clearVars: () => kernel.vars.clear(),
    output: () => newBuf(kernel.output),
    error: () => newStr(kernel.error),
    calls: (name: number) => kernel.calls.get(str(name)) ?? 0,
    callSummary: () => newStr(summary(kernel.calls)),
    resetCalls: () => kernel.calls.clear(),
    logCount: () => kernel.logs.length,
    logLevelAt: (i: number) => kernel.logs[i]?.level ?? -1,
    logTextAt: (i: number) => newStr(kernel.logs[i]?.text ?? null),
    liveBlocks: () => kernel.liveBlocks,
    leftBlocks: () => newStr(kernel.leftBlocks().join(", ")),
    violations: () => kernel.violations.length,
    firstViolation: () => newStr(kernel.violations[0] ?? null),
    varBytes: (key: number) => newBuf(kernel.vars.get(str(key)) ?? null),
    storeBlock: (data: number) => kernel.storeBytes(buf(data)),
    blockBytes: (handle: bigint) => newBuf(kernel.peek(handle)),
    imports: (name: number) => (hostImports.has(str(name)) ? 1 : 0),
    refuseAllocs: (n: number) => void (faults.refusedAllocs = n),
    lastAbort: () => newStr(aborts.at(-1) ?? null),
  };
}

/** `name=count` for every import called, by name: a test can assert exactly which calls an operation made. */
function summary(calls: ReadonlyMap<string, number>): string {
  return [...calls.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, n]) => `${name}=${n}`)
    .join(" ");
}

/**
 * The kernel's imports, printing each ABI violation (as-pect reports a failed
 * test, not the reason), with `alloc` failing while `faults` say so.
 */
function reporting(imports: Record<string, ImportFn>, faults: Faults): Record<string, ImportFn> {
  const alloc = imports.alloc!;
  const wrapped: Record<string, ImportFn> = {};
  imports = {
    ...imports,
    alloc: (n: bigint) => {
      if (n === 0n || faults.refusedAllocs === 0) return alloc(n as never);
      faults.refusedAllocs--;
      return alloc(0n as never); // counted, and 0 as the Rust kernel's out of memory
    },
  };
  for (const [name, fn] of Object.entries(imports)) {
    wrapped[name] = (...args: never[]) => {
      try {
        return fn(...args);
      } catch (e) {
        if (e instanceof KernelViolation) process.stderr.write(`ABI violation: ${e.message}\n`);
        throw e;
      }
    };
  }
  return wrapped;
}

/**
 * as-pect's `instantiate` hook: one strict kernel per spec file, with
 * `functions` as the host functions of `extism:host/user` (any other it
 * imports fails the call that uses it, naming it).
 */
function instantiateWithKernel(functions: Record<string, HostFunction>) {
  return async (
    memory: WebAssembly.Memory,
    createImports: (imports: Imports) => Imports,
    instantiate: LoaderInstantiate,
    binary: Uint8Array<ArrayBuffer>,
  ): Promise<ResultObject> => {
    const faults: Faults = { refusedAllocs: 0, lastRequest: null };
    // No HTTP request is allowed until a spec sets a reply (respondHttp).
    const kernel = new StrictKernel();
    const module = await WebAssembly.compile(binary);
    const imported = WebAssembly.Module.imports(module);
    const hostImports = new Set(imported.filter((i) => i.module === "extism:host/env").map((i) => i.name));
    let exports: Exports | null = null;
    // The message of every abort (as-pect keeps them to itself): the unit
    // tests' build does not route abort to the PDK, so this is where a test
    // reads what a failed call would report.
    const aborts: string[] = [];
    const loader = (): Exports => {
      if (exports === null) throw new Error("test:kernel called before the instance exists");
      return exports;
    };
    const result = await instantiate(
      binary,
      createImports({
        env: {
          memory,
          abort: (message: number) => void aborts.push(message === 0 ? "abort" : loader().__getString(message)),
        },
        "extism:host/env": reporting(kernel.imports(), faults),
        "extism:host/user": userFunctions(kernel, functions, imported),
        "test:kernel": kernelControl(kernel, faults, hostImports, loader, aborts),
      }),
    );
    exports = result.exports;
    return result;
  };
}

/** The spec's `extism:host/user` imports: `functions`, and for the rest a function that fails naming itself. */
function userFunctions(kernel: StrictKernel, functions: Record<string, HostFunction>, imported: WebAssembly.ModuleImportDescriptor[]): Record<string, ImportFn> {
  const cp = strictCallContext(kernel);
  const out: Record<string, ImportFn> = {};
  for (const { module, name } of imported) {
    if (module !== "extism:host/user") continue;
    const fn = functions[name];
    out[name] = fn !== undefined
      ? (...args: never[]) => fn(cp, ...args)
      : () => {
          throw new Error(`the spec called the host function extism:host/user.${name}, which its as-pect config does not give: aspectConfig(entries, { functions: { ${name}(cp, ...args) { ... } } })`);
        };
  }
  return out;
}

export interface AspectOptions {
  /** Spec files to leave out (node_modules always is). */
  disclude?: RegExp[];
  /** Host functions of `extism:host/user` the specs' plug-in code imports: `hostFunction(...)` mocks or the JS SDK's form. */
  functions?: Record<string, HostFunction>;
}

/**
 * An as-pect configuration running the spec files `entries` (globs) against
 * the strict kernel, each spec file with a kernel of its own:
 *
 *   // as-pect.config.js
 *   import { aspectConfig } from "extism-as-pdk/testing/aspect";
 *   export default aspectConfig(["assembly/__tests__/*.spec.ts"]);
 */
export function aspectConfig(entries: string[], options: AspectOptions = {}) {
  return {
    entries,
    include: [] as string[],
    disclude: [/node_modules/, ...(options.disclude ?? [])],
    instantiate: instantiateWithKernel(options.functions ?? {}),
    outputBinary: false,
  };
}
