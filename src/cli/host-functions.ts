/**
 * Host functions for `call`: real ones from `--functions FILE.mjs`, and for
 * every other host function the plug-in imports, a stub that fails the call
 * naming it, only if the plug-in calls it. So a plug-in loads whatever host
 * functions it declares, and its functions that need none run.
 *
 * A functions module exports host functions in the JS SDK's form, `(cp,
 * ...args)` with i64 arguments and results as BigInt:
 *
 *   // named exports: functions of the module "extism:host/user"
 *   export function kv_read(cp, key) { ... }
 *   // or, for any module, a default export by module name
 *   export default { "extism:host/user": { kv_read(cp, key) { ... } } };
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { USER } from "../../transform/imports.js";
import type { HostFunctionImport } from "./plugin-report.ts";

export type HostFunction = (cp: unknown, ...args: unknown[]) => unknown;
export type HostFunctions = Record<string, Record<string, HostFunction>>;

/** A functions module that is not in either form; the message names the file and the export. */
export class FunctionsError extends Error {}

/** Loads the modules in order (later ones win) into one map by module name. */
export async function loadFunctions(files: string[]): Promise<HostFunctions> {
  const all: HostFunctions = {};
  for (const file of files) {
    const loaded = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(loaded)) {
      if (exportName === "default") {
        if (typeof value !== "object" || value === null) throw new FunctionsError(`${file}: its default export must be an object of modules: { "${USER}": { name(cp, ...args) {...} } }`);
        for (const [module, fns] of Object.entries(value)) {
          if (typeof fns !== "object" || fns === null) throw new FunctionsError(`${file}: default export: "${module}" must be an object of functions`);
          for (const [name, fn] of Object.entries(fns)) addFunction(all, file, module, name, fn);
        }
      } else addFunction(all, file, USER, exportName, value);
    }
  }
  return all;
}

function addFunction(all: HostFunctions, file: string, module: string, name: string, fn: unknown): void {
  if (typeof fn !== "function") throw new FunctionsError(`${file}: export "${name}" is not a function (host functions take (cp, ...args))`);
  (all[module] ??= {})[name] = fn as HostFunction;
}

/**
 * `functions` plus a stub for each of `imports` it lacks. A stub throws, which
 * fails the call with its message.
 */
export function withStubs(functions: HostFunctions, imports: HostFunctionImport[]): { functions: HostFunctions; stubbed: string[] } {
  const out: HostFunctions = {};
  for (const [module, fns] of Object.entries(functions)) out[module] = { ...fns };
  const stubbed: string[] = [];
  for (const { module, name } of imports) {
    if (out[module]?.[name] !== undefined) continue;
    const label = `${module}.${name}`;
    stubbed.push(label);
    const fix = module === USER ? "provide it with --functions FILE.mjs" : `provide it with --functions FILE.mjs, or link a module named "${module}" with --link ${module}=PATH`;
    (out[module] ??= {})[name] = () => {
      throw new Error(`the plug-in called the host function ${label}, which this command does not have: ${fix}`);
    };
  }
  return { functions: out, stubbed };
}
