// extism-as-pdk: write Extism plug-ins in AssemblyScript.
//
// import { Host, Config, Var, LogLevel, Memory, Http, HttpRequest, HostFunction } from "extism-as-pdk";

export { Host } from "./host";
export { Config } from "./config";
export { Var } from "./var";
export { LogLevel } from "./log";
export { Memory } from "./memory";
export { Http, HttpRequest, HttpResponse } from "./http";
export { HostFunction } from "./host-function";

// Brings the abort/trace/seed handlers and `console` into every program that
// imports the PDK, so that the package's asconfig.json can route them with
// `--use` (unused, they cost nothing); and the glue that the transform's
// wrappers of typed plug-in functions call.
import "./abort";
import "./console";
import "./plugin-function";
