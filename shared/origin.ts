/**
 * Origin of transactions made through the model API on this peer. Undo managers track it, and the
 * sync provider tells remote (network) changes apart from it.
 */
export const LOCAL_ORIGIN: unique symbol = Symbol("ruamkid-local");
