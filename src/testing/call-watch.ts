/**
 * What the JS SDK does not tell its caller about a call: the plug-in
 * function's return code (the SDK drops it, where the Rust runtime fails a
 * call that returns non-zero) and whether the plug-in set an error before it
 * trapped (the SDK drops the error then). `watchInstances` wraps every
 * instance the process creates from then on; each plug-in's instances write
 * into the array given with `watchNext` before it is created, which the
 * caller reads after each call. In the SDK's worker thread, worker-watch.ts
 * installs it with the array passed as `workerData`.
 *
 * It can also set vars in the host before the first call, as a previous
 * call would have (a host has no API for that): through the plug-in's own
 * `alloc`, `store_u8` and `var_set` imports, right after instantiation.
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

/** The key of the settings in the worker's `workerData`. */
export const WATCH_DATA_KEY = "extismAsWatch";

/** What the next plug-in's instances report into, and the vars to set in its host. */
export interface WatchSettings {
  state: Int32Array;
  vars?: Record<string, Uint8Array>;
}

let installed = false;
let next: WatchSettings | null = null;

/** Makes the instances created from now on (until the next call) report into `settings.state`. */
export function watchNext(settings: WatchSettings | null): void {
  next = settings;
}

/** A fresh array for `watchNext`, shareable with a worker. */
export function newWatchState(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(WATCH_SLOTS * 4));
}

/** Wraps the exports and `error_set` of every instance made from now on; idempotent. */
export function watchInstances(): void {
  if (installed) return;
  installed = true;
  const instantiate = WebAssembly.instantiate as (source: unknown, imports?: WebAssembly.Imports) => Promise<unknown>;
  const wrapped = async function (source: unknown, imports?: WebAssembly.Imports): Promise<unknown> {
    const settings = next;
    if (settings === null) return instantiate(source, imports);
    const result = (await instantiate(source, watchedImports(settings.state, imports))) as WebAssembly.Instance | WebAssembly.WebAssemblyInstantiatedSource;
    if (settings.vars !== undefined && imports !== undefined) presetVars(settings.vars, imports);
    if (result instanceof WebAssembly.Instance) return watchedInstance(settings.state, result);
    return { module: result.module, instance: watchedInstance(settings.state, result.instance) };
  };
  WebAssembly.instantiate = wrapped as typeof WebAssembly.instantiate;
}

/** Clears what the last call left, before the next one. */
export function resetWatch(state: Int32Array): void {
  for (let i = 0; i < WATCH_SLOTS; i++) Atomics.store(state, i, 0);
}

/** The return code of the last call, or null when its function returned nothing. */
export function returnCode(state: Int32Array): number | null {
  return Atomics.load(state, WATCH.returned) === 1 ? Atomics.load(state, WATCH.code) : null;
}

/** Whether the plug-in set an error in the last call. */
export function errorWasSet(state: Int32Array): boolean {
  return Atomics.load(state, WATCH.errorSets) > 0;
}

type Kernel = Record<string, (...args: never[]) => unknown>;

function presetVars(vars: Record<string, Uint8Array>, imports: WebAssembly.Imports): void {
  const kernel = imports["extism:host/env"] as Kernel | undefined;
  if (kernel === undefined || Object.keys(vars).length === 0) return;
  const { alloc, store_u8, var_set } = kernel;
  if (alloc === undefined || store_u8 === undefined || var_set === undefined) {
    // A plug-in that never sets a var (no var_set import) reads none either.
    if (var_set === undefined) return;
    throw new Error("vars: the plug-in does not import alloc and store_u8, through which the test kit sets vars");
  }
  const block = (bytes: Uint8Array): bigint => {
    const h = (alloc as (n: bigint) => bigint)(BigInt(bytes.length));
    bytes.forEach((b, i) => (store_u8 as (a: bigint, v: number) => void)(h + BigInt(i), b));
    return h;
  };
  for (const [key, value] of Object.entries(vars)) (var_set as (k: bigint, v: bigint) => void)(block(new TextEncoder().encode(key)), block(value));
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
  return Object.create(instance, { exports: { value: Object.freeze(exports), enumerable: true } }) as WebAssembly.Instance;
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

/**
 * The JS SDK 2.x `nodeWorkerArgs` that watch a plug-in in its worker thread:
 * worker-watch.js loaded first, with `settings` as `workerData`. The worker
 * loads compiled JavaScript only (tsx's loader breaks on the SDK's `data:`
 * worker script), so from TypeScript sources this is the compiled twin in
 * dist/ (`npm run build`).
 */
export function workerWatchArgs(settings: WatchSettings): { execArgv: string[]; workerData: Record<string, unknown> } {
  const hook = import.meta.url.endsWith(".ts") ? new URL("../../dist/testing/worker-watch.js", import.meta.url) : new URL("./worker-watch.js", import.meta.url);
  return {
    execArgv: ["--disable-warning=ExperimentalWarning", "--import", hook.href],
    workerData: { [WATCH_DATA_KEY]: { state: settings.state.buffer, ...(settings.vars !== undefined ? { vars: settings.vars } : {}) } },
  };
}
