// Types of imports.js, for the `extism-as` command (TypeScript).
export declare const KERNEL: string;
export declare const USER: string;
export declare const WASI: string;
export declare const KERNEL_FUNCTIONS: readonly string[];
export declare const NEWER_KERNEL_FUNCTIONS: Readonly<Record<string, string>>;
export type ImportKind = "kernel" | "kernel-newer" | "host-function" | "wasi" | "unavailable";
export interface ImportVerdict {
  kind: ImportKind;
  note?: string;
  fix?: string;
}
export declare function classifyImport(module: string, name: string, kind?: string): ImportVerdict;
export declare function importName(module: string, name: string): string;
