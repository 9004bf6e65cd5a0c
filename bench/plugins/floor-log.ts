// build: floor
// 1,000 debug messages, each costing one get_log_level call when the host is
// above debug (the message is only copied into a block when it would be logged).
import { get_log_level, log_debug, memoryToBlock } from "./lib/floor";

// "debug message"
const MESSAGE = memory.data<u8>([0x64, 0x65, 0x62, 0x75, 0x67, 0x20, 0x6d, 0x65, 0x73, 0x73, 0x61, 0x67, 0x65]);

export function log_filtered(): i32 {
  for (let i = 0; i < 1000; i++) {
    const level = <u32>get_log_level();
    if (level <= 1) log_debug(memoryToBlock(MESSAGE, 13));
  }
  return 0;
}
