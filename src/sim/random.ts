// The simulation's only source of randomness: xoshiro128** seeded through splitmix32, so a
// seed gives the same stream on every machine. Separate streams (`fork`) keep, for example,
// retry jitter draws from shifting when a scenario adds one more process name.

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function hashLabel(seed: number, label: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  readonly seed: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
    this.seed = seed;
    const mix = splitmix32((seed >>> 0) ^ Math.floor(seed / 2 ** 32));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A new independent stream derived from this seed and a label. */
  fork(label: string): Random {
    return new Random(hashLabel(this.seed >>> 0, label));
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.b << 9) >>> 0;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform float in [0, 1), 53 bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  hex(chars: number): string {
    let out = "";
    while (out.length < chars) out += this.nextUint32().toString(16).padStart(8, "0");
    return out.slice(0, chars);
  }

  /** A UUID v4 string, as Active Job's job_id: version nibble 4, variant bits 10. */
  uuid(): string {
    const a = this.nextUint32();
    const b = ((this.nextUint32() & 0xffff0fff) | 0x00004000) >>> 0;
    const c = ((this.nextUint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const d = this.nextUint32();
    return `${hex4(a >>> 16)}${hex4(a & 0xffff)}-${hex4(b >>> 16)}-${hex4(b & 0xffff)}-${hex4(c >>> 16)}-${hex4(c & 0xffff)}${hex4(d >>> 16)}${hex4(d & 0xffff)}`;
  }
}

// Hex digits from a table of the 256 bytes: a UUID is made for every job, and toString(16) plus
// padStart was a visible part of a 100,000-job run.
const HEX2: string[] = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, "0"));
function hex4(n: number): string {
  return HEX2[n >>> 8]! + HEX2[n & 0xff]!;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
