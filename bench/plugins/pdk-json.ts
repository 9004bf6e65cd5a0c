// This PDK, written as its README shows (default preset).
import { Host } from "extism-as-pdk";

import { Order, Receipt } from "./lib/order";

export function json(): i32 {
  const order = Host.inputJSON<Order>();
  const receipt = new Receipt();
  receipt.id = order.id;
  receipt.message = "thanks, " + order.customer;
  receipt.count = order.items.length;
  receipt.total = order.total;
  Host.outputJSON(receipt);
  return 0;
}
