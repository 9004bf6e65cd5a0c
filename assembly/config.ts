import { config_get } from "./extism";
import { handOver, Memory } from "./memory";

/** The plug-in's configuration: string keys and values set by the host. */
export class Config {
  /**
   * The value of `key` as a block of kernel memory, or `null` when the key is
   * missing or its value is empty (the Rust runtime cannot tell those apart,
   * so the PDK treats them alike on every host).
   */
  static getMemory(key: string): Memory | null {
    const handle = config_get(handOver(Memory.allocateString(key)));
    if (handle == 0) return null;
    const value = Memory.find(handle);
    if (value.length == 0) return null;
    return value;
  }

  /** The value of `key` decoded as UTF-8, or `null` when it is missing or empty. */
  static get(key: string): string | null {
    const value = Config.getMemory(key);
    if (value === null) return null;
    const text = value.toString();
    value.free();
    return text;
  }
}
