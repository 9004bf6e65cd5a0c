/**
 * `extism-as inspect PLUGIN.wasm [--json]`: what a built plug-in exports,
 * imports, needs from its host, and which hosts can load it.
 */
import { readFileSync } from "node:fs";
import { UsageError } from "./args.ts";
import { type PluginReport, reportPlugin } from "./plugin-report.ts";

export const INSPECT_USAGE = "usage: extism-as inspect PLUGIN.wasm [--json]";

/** The report as text, or as JSON with `--json`. Exit code 1 when the plug-in has problems. */
export function inspect(argv: string[]): { text: string; code: number } {
  const json = argv.includes("--json");
  const rest = argv.filter((a) => a !== "--json");
  const unknown = rest.find((a) => a.startsWith("-"));
  if (unknown !== undefined) throw new UsageError(`unknown option ${unknown}`);
  if (rest.length !== 1) throw new UsageError(INSPECT_USAGE);
  const file = rest[0]!;
  const report = reportPlugin(readFileSync(file));
  const code = report.problems.length > 0 ? 1 : 0;
  return { text: json ? JSON.stringify({ file, ...report }, null, 2) + "\n" : render(file, report), code };
}

function render(file: string, r: PluginReport): string {
  const out: string[] = [];
  const list = (items: string[]) => (items.length > 0 ? items.join(", ") : "none");
  out.push(`${file}: ${r.size.toLocaleString("en-US")} bytes (code ${(r.sections["code"] ?? 0).toLocaleString("en-US")}, data ${(r.sections["data"] ?? 0).toLocaleString("en-US")})`);
  out.push(`plug-in functions: ${list(r.functions)}`);
  if (r.otherFunctions.length > 0) out.push(`other exported functions (Extism cannot call them): ${r.otherFunctions.map((f) => `${f.name} ${f.signature}`).join(", ")}`);
  out.push("imports:");
  out.push(`  kernel (extism:host/env, every host): ${list(r.imports.kernel)}`);
  if (r.imports.newerKernel.length > 0) out.push(`  kernel, newer hosts only: ${r.imports.newerKernel.map((k) => `${k.name} (${k.usedBy})`).join(", ")}`);
  out.push(`  host functions: ${list(r.imports.hostFunctions.map((f) => `${f.module}.${f.name} ${f.signature}`))}`);
  if (r.imports.wasi.length > 0) out.push(`  WASI: ${r.imports.wasi.join(", ")}`);
  if (r.imports.unavailable.length > 0) out.push(`  no host provides: ${r.imports.unavailable.map((u) => u.import).join(", ")}`);
  out.push("loads on:");
  for (const h of r.hosts) out.push(`  ${h.host}: ${h.loads ? "yes" : "no"}${h.note === "" ? "" : h.loads ? `, ${h.note}` : `: ${h.note}`}`);
  out.push(r.needs.length > 0 ? "needs from the host:" : "needs from the host: nothing");
  for (const need of r.needs) out.push(`  ${need}`);
  if (r.problems.length > 0) {
    out.push("problems:");
    for (const p of r.problems) out.push(`  ${p}`);
  }
  return out.join("\n") + "\n";
}
