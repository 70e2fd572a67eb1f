/**
 * Seeded randomness for the simulator's data set. Nothing here reads the clock or Math.random,
 * so the whole data set is a pure function of the seed and the sizes.
 *
 * sfc32 seeded through splitmix32: 128 bits of state, so the streams derived from one seed with
 * different labels never walk the same sequence (mulberry32's single 32-bit state would make
 * such streams overlaps of one another and repeat IDs).
 */
export interface Rng {
  uint32(): number;
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** Lowercase hex string of the given length (at most 64). */
  hex(length: number): string;
  /** RFC 4122 version 4 layout, lowercase. */
  uuid(): string;
}

/**
 * IDs are drawn by the ten thousand: one native hex encoding gives a flat string, where
 * concatenating per-word toString(16) pieces costs time and leaves ropes for the GC.
 */
const MAX_HEX_LENGTH = 64;
const HEX_SCRATCH = Buffer.alloc(MAX_HEX_LENGTH / 2 + 4);

export function createRng(seed: number, stream = ""): Rng {
  let state = (seed ^ hashLabel(stream)) >>> 0;
  const splitmix32 = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) uint32();

  const float = (): number => uint32() / 4294967296;
  const int = (min: number, max: number): number => min + Math.floor(float() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(float() * items.length)];
    if (item === undefined) throw new RangeError("pick from an empty list");
    return item;
  };
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = float() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (last === undefined) throw new RangeError("weighted pick from an empty list");
    return last[0];
  };
  const hex = (length: number): string => {
    if (length > MAX_HEX_LENGTH)
      throw new RangeError(`hex length ${length} over ${MAX_HEX_LENGTH}`);
    const bytes = Math.ceil(length / 2);
    for (let offset = 0; offset < bytes; offset += 4) HEX_SCRATCH.writeUInt32BE(uint32(), offset);
    const out = HEX_SCRATCH.toString("hex", 0, bytes);
    return out.length === length ? out : out.slice(0, length);
  };
  const uuid = (): string => {
    const h = hex(32);
    const variant = "89ab"[Number.parseInt(h.charAt(16), 16) & 3] ?? "8";
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
  };
  return { uint32, float, int, chance: (p) => float() < p, pick, weighted, hex, uuid };
}

/** FNV-1a, to turn a stream label into seed bits. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}
