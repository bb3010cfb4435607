import { describe, expect, it } from "vitest";
import { readPresence } from "../../shared/presence";

const base = {
  user: { id: "p-1", name: "Malee", color: "#166534", role: "team" },
  stage: "prototype",
  cursor: null,
};
const pos = { item: { client: 3_000_000_000, clock: 42 }, assoc: -1 };
const caret = {
  field: "rt:Ab3_x-9Zq1Lm:description",
  anchor: pos,
  head: { tname: "rt:Ab3_x-9Zq1Lm:description" },
};

describe("readPresence: caret", () => {
  it("keeps a valid caret, canonical (nulls and unknown fields dropped)", () => {
    expect(readPresence({ ...base, caret })).toEqual({ ...base, caret });
    // As JSON.stringify writes a Y.RelativePosition instance: every field, nulls included.
    const instance = { type: null, tname: null, item: { client: 7, clock: 0, extra: 1 }, assoc: 0, x: "y" };
    expect(
      readPresence({ ...base, caret: { ...caret, anchor: instance, head: instance, extra: "z" } }),
    ).toEqual({
      ...base,
      caret: {
        ...caret,
        anchor: { item: { client: 7, clock: 0 }, assoc: 0 },
        head: { item: { client: 7, clock: 0 }, assoc: 0 },
      },
    });
    const withType = { type: { client: 1, clock: 2 }, item: { client: 1, clock: 3 } };
    expect(readPresence({ ...base, caret: { ...caret, anchor: withType } })?.caret?.anchor).toEqual(withType);
  });

  it("leaves out an absent or null caret: the state serializes as before", () => {
    expect(readPresence(base)).toEqual(base);
    expect(JSON.stringify(readPresence({ ...base, caret: null }))).toBe(JSON.stringify(base));
    expect("caret" in (readPresence({ ...base, caret: null }) ?? {})).toBe(false);
  });

  it.each([
    ["a field that is no fragment name", { ...caret, field: "carets" }],
    ["a field with markup", { ...caret, field: "rt:<img src=x>:description" }],
    ["a field over 120 characters", { ...caret, field: `rt:${"a".repeat(60)}:${"b".repeat(60)}` }],
    ["a tname over 120 characters", { ...caret, head: { tname: "x".repeat(121) } }],
    ["a position pointing nowhere", { ...caret, anchor: {} }],
    ["a position with only nulls", { ...caret, anchor: { type: null, tname: null, item: null, assoc: 0 } }],
    ["an infinite clock", { ...caret, anchor: { item: { client: 1, clock: Number.POSITIVE_INFINITY } } }],
    ["a NaN client", { ...caret, anchor: { item: { client: Number.NaN, clock: 1 } } }],
    ["a fractional clock", { ...caret, anchor: { item: { client: 1, clock: 1.5 } } }],
    ["a negative clock", { ...caret, anchor: { item: { client: 1, clock: -1 } } }],
    ["a client id over 32 bits", { ...caret, anchor: { item: { client: 2 ** 32, clock: 1 } } }],
    ["an unsafe clock", { ...caret, anchor: { item: { client: 1, clock: 2 ** 53 } } }],
    ["a huge assoc", { ...caret, anchor: { item: { client: 1, clock: 1 }, assoc: 2 ** 40 } }],
    ["a string id", { ...caret, anchor: { item: { client: "1", clock: 1 } } }],
    ["a missing head", { field: caret.field, anchor: pos }],
    ["an array", [caret]],
    ["a string", "rt:a:b"],
  ])("drops %s, keeping the rest of the state", (_, bad) => {
    const state = readPresence({ ...base, caret: bad });
    expect(state).toEqual(base);
    expect(state && "caret" in state).toBe(false);
  });

  it("still rejects a state without a person, caret or not", () => {
    expect(readPresence({ stage: "prototype", cursor: null, caret })).toBeNull();
  });
});
