/**
 * What the JS SDK does not tell its caller about a call: the plug-in
 * function's return code (the SDK drops it, where the Rust runtime fails a
 * call that returns non-zero) and whether the plug-in set an error before it
 * trapped (the SDK drops the error then). `watchInstances` wraps every
 * instance the process creates so that these land in a shared array, which
 * the command reads after each call. In the SDK's worker it is installed by
 * worker-watch.ts, with the array passed as `workerData`.
 */

/** Slots of the shared array. */
export const WATCH = {
  /** Nesting of calls into exports (only the outermost call's result counts). */
  depth: 0,
  /** 1 when the outermost export returned a number. */
  returned: 1,
  /** That number. */
  code: 2,
  /** How many times the plug-in called `error_set`. */
  errorSets: 3,
} as const;
export const WATCH_SLOTS = 4;

/** The key of the shared buffer in the worker's `workerData`. */
export const WATCH_DATA_KEY = "extismAsWatch";

let installed = false;

/** Wraps the exports and `error_set` of every instance made from now on; idempotent. */
export function watchInstances(state: Int32Array): void {
  if (installed) return;
  installed = true;
  const instantiate = WebAssembly.instantiate;
  const wrapped = async function (source: unknown, imports?: WebAssembly.Imports): Promise<unknown> {
    const result = (await (instantiate as (s: unknown, i?: WebAssembly.Imports) => Promise<unknown>)(source, watchedImports(state, imports))) as
      | WebAssembly.Instance
      | WebAssembly.WebAssemblyInstantiatedSource;
    if (result instanceof WebAssembly.Instance) return watchedInstance(state, result);
    return { module: result.module, instance: watchedInstance(state, result.instance) };
  };
  WebAssembly.instantiate = wrapped as typeof WebAssembly.instantiate;
}

/** Clears what the last call left, before the next one. */
export function resetWatch(state: Int32Array): void {
  for (let i = 0; i < WATCH_SLOTS; i++) Atomics.store(state, i, 0);
}

function watchedImports(state: Int32Array, imports: WebAssembly.Imports | undefined): WebAssembly.Imports | undefined {
  const kernel = imports?.["extism:host/env"];
  const errorSet = kernel?.["error_set"];
  if (imports === undefined || kernel === undefined || typeof errorSet !== "function") return imports;
  const countingErrorSet = (...args: unknown[]) => {
    Atomics.add(state, WATCH.errorSets, 1);
    return (errorSet as (...a: unknown[]) => unknown)(...args);
  };
  return { ...imports, "extism:host/env": { ...kernel, error_set: countingErrorSet } };
}

function watchedInstance(state: Int32Array, instance: WebAssembly.Instance): WebAssembly.Instance {
  const exports: Record<string, WebAssembly.ExportValue> = {};
  for (const [name, value] of Object.entries(instance.exports)) {
    exports[name] = typeof value === "function" ? watchedFunction(state, value as (...args: unknown[]) => unknown) : value;
  }
  // The instance itself keeps its (frozen) exports: a new object on top of it
  // answers with the wrapped ones, and is still `instanceof WebAssembly.Instance`.
  return Object.create(instance, { exports: { value: Object.freeze(exports), enumerable: true }}) as WebAssembly.Instance;
}

function watchedFunction(state: Int32Array, f: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return function (...args: unknown[]) {
    const outermost = Atomics.add(state, WATCH.depth, 1) === 0;
    try {
      const result = f(...args);
      if (outermost && typeof result === "number") {
        Atomics.store(state, WATCH.code, result);
        Atomics.store(state, WATCH.returned, 1);
      }
      return result;
    } finally {
      Atomics.sub(state, WATCH.depth, 1);
    }
  };
}
