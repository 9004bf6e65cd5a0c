/**
 * as-pect runs the unit tests (tests/unit/*.spec.ts) against the strict
 * kernel stand-in: each spec file gets its own `StrictKernel` as its
 * `extism:host/env`, and a `test:kernel` module through which the tests drive
 * it (see tests/unit/kernel.ts). AssemblyScript values cross through the
 * `@assemblyscript/loader` helpers of the instance as-pect creates.
 */
import type { ASUtil } from "@assemblyscript/loader";
import { KernelViolation, StrictKernel } from "./tests/support/strict-kernel.ts";

type Instance = { exports: ASUtil & Record<string, unknown> };
type Instantiate = (binary: Uint8Array, imports: object) => Promise<Instance>;

function kernelControl(kernel: StrictKernel, instance: () => Instance): Record<string, (...args: never[]) => unknown> {
  const str = (ptr: number): string => instance().exports.__getString(ptr);
  const buf = (ptr: number): Uint8Array => new Uint8Array(instance().exports.__getArrayBuffer(ptr));
  const newBuf = (bytes: Uint8Array | null): number => (bytes === null ? 0 : instance().exports.__newArrayBuffer(bytes.slice().buffer));
  const newStr = (s: string | null): number => (s === null ? 0 : instance().exports.__newString(s));
  return {
    begin: (input: number) => kernel.begin(buf(input)),
    setConfig: (key: number, value: number) => void kernel.config.set(str(key), str(value)),
    setLogLevel: (level: number) => void (kernel.logLevel = level < 0 ? null : (level as 0 | 1 | 2 | 3 | 4)),
    setMaxVarBytes: (n: number) => void (kernel.maxVarBytes = n),
    output: () => newBuf(kernel.output),
    error: () => newStr(kernel.error),
    calls: (name: number) => kernel.calls.get(str(name)) ?? 0,
    resetCalls: () => kernel.calls.clear(),
    logCount: () => kernel.logs.length,
    logLevelAt: (i: number) => kernel.logs[i]?.level ?? -1,
    logTextAt: (i: number) => newStr(kernel.logs[i]?.text ?? null),
    liveBlocks: () => kernel.liveBlocks,
    violations: () => kernel.violations.length,
    varBytes: (key: number) => newBuf(kernel.vars.get(str(key)) ?? null),
    storeBlock: (data: number) => kernel.storeBytes(buf(data)),
  };
}

/** The kernel's imports, printing each ABI violation (as-pect shows a failed test, not the reason). */
function reporting(imports: Record<string, (...args: never[]) => unknown>): Record<string, (...args: never[]) => unknown> {
  const wrapped: Record<string, (...args: never[]) => unknown> = {};
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

export default {
  entries: ["tests/unit/**/*.spec.ts"],
  include: [],
  disclude: [/node_modules/],
  async instantiate(memory: WebAssembly.Memory, createImports: (imports: object) => object, instantiate: Instantiate, binary: Uint8Array) {
    const kernel = new StrictKernel();
    let instance: Instance | null = null;
    const self = (): Instance => {
      if (instance === null) throw new Error("instance not ready");
      return instance;
    };
    instance = await instantiate(
      binary,
      createImports({
        env: { memory },
        "extism:host/env": reporting(kernel.imports()),
        "test:kernel": kernelControl(kernel, self),
      }),
    );
    return instance;
  },
  outputBinary: false,
};
