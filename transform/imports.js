// What Extism hosts provide to a plug-in, and what each import of a built
// plug-in needs: the knowledge that the transform's check after compiling
// (import-check.js) and the `extism-as` command (`call`, `inspect`) share.
// Measured on the hosts; see ../docs/hosts.md.

/** The kernel's module. */
export const KERNEL = "extism:host/env";
/** The module host functions live in unless the host names another. */
export const USER = "extism:host/user";
/** WASI preview 1. */
export const WASI = "wasi_snapshot_preview1";

/** Kernel functions that every host provides, JS SDK 1.0.3 included. */
export const KERNEL_FUNCTIONS = [
  "alloc", "free", "length", "length_unsafe",
  "load_u8", "load_u64", "store_u8", "store_u64",
  "input_offset", "input_length", "input_load_u8", "input_load_u64",
  "output_set", "error_set", "config_get", "var_get", "var_set",
  "http_request", "http_status_code",
  "log_debug", "log_info", "log_warn", "log_error",
];

/**
 * Kernel functions of newer hosts (the Rust runtime, JS SDK 2.x), each with
 * the PDK API that imports it: JS SDK 1.0.3 cannot load a plug-in that
 * imports one.
 */
export const NEWER_KERNEL_FUNCTIONS = {
  log_trace: "trace log lines in a build with EXTISM_MODERN_HOST=1",
  get_log_level: "Host.logLevel(), or any logging in a build with EXTISM_MODERN_HOST=1",
  http_headers: "HttpResponse.headers() / header()",
  error_get: "Host.getError()",
};

/** The fix for the preset's own routes, when a build went without it. */
const WITHOUT_PRESET = 'the build skipped the package\'s preset, which routes it to the host; add "extends": "./node_modules/extism-as-pdk/asconfig.json" to asconfig.json';

/**
 * AssemblyScript's imports from `env` that no Extism host provides, each with
 * what to do instead. Keys are import names; `*` ends a prefix.
 */
const ENV_FIXES = {
  abort: WITHOUT_PRESET,
  trace: WITHOUT_PRESET,
  seed: WITHOUT_PRESET,
  "Date.now": "Extism gives plug-ins no clock; take the time from a host function, or from the input",
  "performance.now": "Extism gives plug-ins no clock; take the time from a host function, or from the input",
  "console.time": "Extism gives plug-ins no clock, so console.time, timeLog and timeEnd cannot work; log with console.log or Host.log",
  "console.timeLog": "Extism gives plug-ins no clock, so console.time, timeLog and timeEnd cannot work; log with console.log or Host.log",
  "console.timeEnd": "Extism gives plug-ins no clock, so console.time, timeLog and timeEnd cannot work; log with console.log or Host.log",
  "console.*": WITHOUT_PRESET + " (it routes console.log, debug, info, warn, error and assert to the host's logger)",
  "Math.*": "JavaScript's Math (--use Math=JSMath) is not there; use AssemblyScript's own Math (drop the --use)",
  "process.*": "there is no Node.js process in Extism; take arguments from the input or config, write output with Host.output",
  memory: "the memory is the plug-in's own; build without --importMemory",
  table: "the function table is the plug-in's own; build without --importTable",
};

/**
 * @typedef {"kernel" | "kernel-newer" | "host-function" | "wasi" | "unavailable"} ImportKind
 * @typedef {{ module: string, name: string, kind: string }} ImportEntry
 * @typedef {{ kind: ImportKind, note?: string, fix?: string }} ImportVerdict
 */

/**
 * What the import `module`.`name` (a function unless `kind` says otherwise)
 * needs from a host:
 * - `kernel`: every host has it;
 * - `kernel-newer`: the Rust runtime and JS SDK 2.x have it, 1.0.3 does not
 *   (`note` names the API that imports it);
 * - `host-function`: the host application must provide it;
 * - `wasi`: the host must enable WASI;
 * - `unavailable`: no Extism host provides it (`fix` says what to do).
 * @param {string} module
 * @param {string} name
 * @param {string} [kind]
 * @returns {ImportVerdict}
 */
export function classifyImport(module, name, kind = "function") {
  if (kind !== "function") {
    const fix = module === "env" && Object.hasOwn(ENV_FIXES, name) ? ENV_FIXES[name] : `Extism hosts provide functions only, not a ${kind}`;
    return { kind: "unavailable", fix };
  }
  if (module === KERNEL) {
    if (KERNEL_FUNCTIONS.includes(name)) return { kind: "kernel" };
    if (Object.hasOwn(NEWER_KERNEL_FUNCTIONS, name)) return { kind: "kernel-newer", note: NEWER_KERNEL_FUNCTIONS[name] };
    return { kind: "unavailable", fix: `no Extism host has a kernel function named "${name}"` };
  }
  if (module === WASI) return { kind: "wasi" };
  if (module === "env") {
    const fix = envFix(name);
    if (fix !== null) return { kind: "unavailable", fix };
  }
  return { kind: "host-function" };
}

/** @param {string} name @returns {string | null} */
function envFix(name) {
  if (Object.hasOwn(ENV_FIXES, name)) return ENV_FIXES[name];
  const dot = name.indexOf(".");
  const prefix = dot > 0 ? name.slice(0, dot + 1) + "*" : null;
  return prefix !== null && Object.hasOwn(ENV_FIXES, prefix) ? ENV_FIXES[prefix] : null;
}

/** `module.name` as people write it in messages. */
export function importName(module, name) {
  return `${module}.${name}`;
}
