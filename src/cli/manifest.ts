/**
 * What to load for `call`: the plug-in's modules and the host's settings,
 * from an Extism manifest (`--manifest`) or a .wasm file, with the command's
 * flags on top, as `extism call` merges them.
 */
import { readFileSync } from "node:fs";
import type { CallArgs } from "./args.ts";

export interface WasmItem {
  /** The module's name for the others' imports; the main module has none or "main". */
  name?: string;
  data: Uint8Array;
  /** SHA-256 the host checks, hex. */
  hash?: string;
  /** Where it came from, for messages. */
  source: string;
}

export interface PluginSource {
  wasm: WasmItem[];
  /** The module whose functions are called: the one named "main", else the last. */
  main: WasmItem;
  config: Record<string, string>;
  allowedHosts: string[];
  /** Guest path -> host path, as the JS SDK (node's WASI `preopens`) takes them. */
  allowedPaths: Record<string, string>;
  memory: { maxPages?: number; maxVarBytes?: number; maxHttpResponseBytes?: number };
  timeoutMs: number | null;
}

/** A manifest that does not say what it must; the message names the place. */
export class ManifestError extends Error {}

/** Reads the plug-in (or its manifest) and merges the flags into it. */
export async function loadPluginSource(args: CallArgs): Promise<PluginSource> {
  const base = args.manifest ? await readManifest(args.wasm) : fromWasmFile(args.wasm);
  const links = args.links.map((l): WasmItem => ({ name: l.name, data: readFileSync(l.path), source: l.path }));
  // Linked modules go first: the host takes the last unnamed module as main.
  const wasm = [...links, ...base.wasm];
  const main = wasm.find((w) => w.name === "main") ?? wasm.at(-1)!;
  const memory = { ...base.memory };
  if (args.memoryMaxPages !== null) memory.maxPages = args.memoryMaxPages;
  if (args.varMaxBytes !== null) memory.maxVarBytes = args.varMaxBytes;
  if (args.httpResponseMaxBytes !== null) memory.maxHttpResponseBytes = args.httpResponseMaxBytes;
  const allowedPaths = { ...base.allowedPaths };
  for (const p of args.allowPaths) allowedPaths[p.guest] = p.host;
  return {
    wasm,
    main,
    config: { ...base.config, ...args.config },
    allowedHosts: [...base.allowedHosts, ...args.allowHosts],
    allowedPaths,
    memory,
    timeoutMs: args.timeoutMs ?? base.timeoutMs,
  };
}

type Base = Omit<PluginSource, "main">;

function fromWasmFile(path: string): Base {
  return { wasm: [{ data: readFileSync(path), source: path }], config: {}, allowedHosts: [], allowedPaths: {}, memory: {}, timeoutMs: null };
}

/**
 * An Extism manifest: `{"wasm": [{"path"|"url"|"data", "name"?, "hash"?}],
 * "config"?, "allowed_hosts"?, "allowed_paths"? (host path -> guest path),
 * "memory"? {"max_pages", "max_var_bytes", "max_http_response_bytes"},
 * "timeout_ms"?}`. Paths are relative to the working directory, as for
 * `extism call`; `data` is base64.
 */
async function readManifest(file: string): Promise<Base> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    if (e instanceof SyntaxError) throw new ManifestError(`${file}: not JSON (${e.message})`);
    throw e;
  }
  const m = object(json, file);
  const fail = (where: string, what: string): never => {
    throw new ManifestError(`${file}: ${where} ${what}`);
  };
  const items = m["wasm"];
  if (!Array.isArray(items) || items.length === 0) fail("wasm", "must be a list of at least one module ({\"path\": ...}, {\"url\": ...} or {\"data\": ...})");
  const wasm: WasmItem[] = [];
  for (const [i, raw] of (items as unknown[]).entries()) {
    const where = `wasm[${i}]`;
    const item = object(raw, `${file}: ${where}`);
    const name = optionalString(item, "name", `${file}: ${where}`);
    const hash = optionalString(item, "hash", `${file}: ${where}`);
    let data: Uint8Array;
    let source: string;
    if (typeof item["path"] === "string") {
      source = item["path"];
      data = readFileSync(source);
    } else if (typeof item["url"] === "string") {
      source = item["url"];
      const response = await fetch(source);
      if (!response.ok) fail(where, `${source} answered ${response.status}`);
      data = new Uint8Array(await response.arrayBuffer());
    } else if (typeof item["data"] === "string") {
      source = `${where}.data`;
      data = Uint8Array.from(Buffer.from(item["data"], "base64"));
    } else {
      return fail(where, "has no path, url or data");
    }
    wasm.push({ ...(name !== undefined ? { name } : {}), ...(hash !== undefined ? { hash } : {}), data, source });
  }
  const memory: Base["memory"] = {};
  if (m["memory"] !== undefined && m["memory"] !== null) {
    const mem = object(m["memory"], `${file}: memory`);
    const pick = (key: string, to: keyof Base["memory"]) => {
      const v = mem[key];
      if (v === undefined || v === null) return;
      if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) fail(`memory.${key}`, "must be a whole number");
      memory[to] = v as number;
    };
    pick("max_pages", "maxPages");
    pick("max_var_bytes", "maxVarBytes");
    pick("max_http_response_bytes", "maxHttpResponseBytes");
  }
  const allowedPaths: Record<string, string> = {};
  for (const [host, guest] of Object.entries(stringMap(m["allowed_paths"], `${file}: allowed_paths`))) allowedPaths[guest] = host;
  const hosts = m["allowed_hosts"] ?? [];
  if (!Array.isArray(hosts) || hosts.some((h) => typeof h !== "string")) fail("allowed_hosts", "must be a list of host names");
  const timeout = m["timeout_ms"];
  if (timeout !== undefined && timeout !== null && (typeof timeout !== "number" || !Number.isSafeInteger(timeout) || timeout < 1)) {
    fail("timeout_ms", "must be a positive whole number");
  }
  return {
    wasm,
    config: stringMap(m["config"], `${file}: config`),
    allowedHosts: hosts as string[],
    allowedPaths,
    memory,
    timeoutMs: typeof timeout === "number" ? timeout : null,
  };
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ManifestError(`${where}: must be a JSON object`);
  return value as Record<string, unknown>;
}

function optionalString(item: Record<string, unknown>, key: string, where: string): string | undefined {
  const v = item[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new ManifestError(`${where}.${key} must be a string`);
  return v;
}

function stringMap(value: unknown, where: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  const m = object(value, where);
  for (const [k, v] of Object.entries(m)) if (typeof v !== "string") throw new ManifestError(`${where}.${k} must be a string`);
  return m as Record<string, string>;
}
