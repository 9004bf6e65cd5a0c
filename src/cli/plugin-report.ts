/**
 * What a plug-in is and needs, read from its binary: its plug-in functions,
 * its imports grouped by who provides them, which hosts can load it, and what
 * stops it from loading anywhere. `extism-as inspect` prints it; `call`
 * checks it before loading, to explain a failure in one line per cause.
 */
import { classifyImport, importName, WASI } from "../../transform/imports.js";
import { isPluginFunction, readWasmModule, showType, type WasmModuleInfo } from "./wasm-module.ts";

export interface HostFunctionImport {
  module: string;
  name: string;
  /** e.g. `(i64) -> i64` */
  signature: string;
}

export interface Unavailable {
  /** `module.name` */
  import: string;
  fix: string;
}

export interface HostVerdict {
  id: "rust" | "js-2" | "js-1.0.3";
  host: string;
  loads: boolean;
  /** Why it does not load, or on what condition it does ("" for none). */
  note: string;
}

export interface PluginReport {
  size: number;
  /** Exports Extism can call: no parameters, an i32 or nothing back. */
  functions: string[];
  /** Other exported functions, with their signatures (Extism cannot call them). */
  otherFunctions: { name: string; signature: string }[];
  imports: {
    kernel: string[];
    /** Kernel imports JS SDK 1.0.3 lacks, each with the API that needs it. */
    newerKernel: { name: string; usedBy: string }[];
    hostFunctions: HostFunctionImport[];
    wasi: string[];
    unavailable: Unavailable[];
  };
  hosts: HostVerdict[];
  /** What the host application must provide or allow. */
  needs: string[];
  /** What stops the plug-in from loading or being called, one line each. */
  problems: string[];
  /** Bytes per section (`code`, `data`, `custom:name`...). */
  sections: Record<string, number>;
}

/** Exports every AssemblyScript or WASI build has, which are not plug-in functions. */
const RUNTIME_EXPORTS = new Set(["_initialize", "_start", "__new", "__pin", "__unpin", "__collect", "__rtti_base", "__setArgumentsLength"]);

/** The report for a plug-in's bytes; throws `NotWasmError` for bytes that are not WebAssembly. */
export function reportPlugin(bytes: Uint8Array): PluginReport {
  return reportModule(readWasmModule(bytes));
}

export function reportModule(info: WasmModuleInfo): PluginReport {
  const imports: PluginReport["imports"] = { kernel: [], newerKernel: [], hostFunctions: [], wasi: [], unavailable: [] };
  for (const entry of info.imports) {
    const verdict = classifyImport(entry.module, entry.name, entry.kind);
    switch (verdict.kind) {
      case "kernel":
        imports.kernel.push(entry.name);
        break;
      case "kernel-newer":
        imports.newerKernel.push({ name: entry.name, usedBy: verdict.note ?? "" });
        break;
      case "host-function":
        imports.hostFunctions.push({ module: entry.module, name: entry.name, signature: showType(entry.type) });
        break;
      case "wasi":
        imports.wasi.push(entry.name);
        break;
      case "unavailable":
        imports.unavailable.push({ import: importName(entry.module, entry.name), fix: verdict.fix ?? "" });
        break;
    }
  }
  const functions: string[] = [];
  const otherFunctions: PluginReport["otherFunctions"] = [];
  for (const e of info.exports) {
    if (e.kind !== "function" || RUNTIME_EXPORTS.has(e.name)) continue;
    if (isPluginFunction(e)) functions.push(e.name);
    else otherFunctions.push({ name: e.name, signature: showType(e.type) });
  }

  const problems = imports.unavailable.map((u) => `it imports ${u.import}, which no Extism host provides: ${u.fix}`);
  if (functions.length === 0) problems.push("it exports no plug-in function (an exported function with no parameters that returns i32 or nothing)");

  const needs: string[] = [];
  if (imports.kernel.includes("http_request")) needs.push("HTTP: the host must allow the hosts it requests (allowed_hosts; --allow-host)");
  if (imports.hostFunctions.length > 0) {
    needs.push(`host functions: ${imports.hostFunctions.map((f) => importName(f.module, f.name)).join(", ")}`);
  }
  if (imports.wasi.length > 0) needs.push("WASI: the host must enable it (--wasi; useWasi: true)");

  const conditions = [
    ...(imports.hostFunctions.length > 0 ? ["its host functions"] : []),
    ...(imports.wasi.length > 0 ? ["WASI"] : []),
  ];
  const given = conditions.length > 0 ? `given ${conditions.join(" and ")}` : "";
  const blocked = imports.unavailable.length > 0 ? `it imports ${imports.unavailable.map((u) => u.import).join(", ")}` : null;
  const tooNew = imports.newerKernel.length > 0 ? `it imports ${imports.newerKernel.map((k) => `${k.name} (${k.usedBy})`).join(", ")}, which this host lacks` : null;
  const hosts: HostVerdict[] = [
    { id: "rust", host: "Rust runtime (extism CLI; Rust, Go, Python... SDKs)", loads: blocked === null, note: blocked ?? given },
    { id: "js-2", host: "JS SDK 2.x", loads: blocked === null, note: blocked ?? given },
    { id: "js-1.0.3", host: "JS SDK 1.0.3", loads: blocked === null && tooNew === null, note: blocked ?? tooNew ?? given },
  ];
  return { size: info.size, functions, otherFunctions, imports, hosts, needs, problems, sections: info.sections };
}

/** The WASI imports, for a message: `wasi_snapshot_preview1.fd_write, ...`. */
export function wasiImports(report: PluginReport): string {
  return report.imports.wasi.map((name) => importName(WASI, name)).join(", ");
}
