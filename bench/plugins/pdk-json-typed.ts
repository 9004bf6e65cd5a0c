// This PDK, as a typed plug-in function: JSON in, JSON out.
import "extism-as-pdk";
import { Order, Receipt } from "./lib/order";

export function json(order: Order): Receipt {
  const receipt = new Receipt();
  receipt.id = order.id;
  receipt.message = "thanks, " + order.customer;
  receipt.count = order.items.length;
  receipt.total = order.total;
  return receipt;
}
