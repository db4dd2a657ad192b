// A small PEG toolkit with the exact matching rules of raabro, the parser library
// Fugit's grammars are written in: ordered choice (first success wins, no longest
// match), greedy repetition without backtracking, and "join sequences" that give
// back a trailing separator. Fidelity to those rules is what makes jobsim accept
// exactly the strings Fugit accepts.

export interface Node {
  readonly name: string | null;
  readonly start: number;
  readonly end: number;
  readonly children: readonly Node[];
}

export class Input {
  pos = 0;
  constructor(readonly text: string) {}
}

/** Returns the node and advances, or returns null and leaves `pos` unchanged. */
export type Parser = (input: Input) => Node | null;

type Quantifier = "?" | "*" | "+";
export type SeqItem = Parser | readonly [Parser, Quantifier];

function node(name: string | null, start: number, end: number, children: readonly Node[] = []): Node {
  return { name, start, end, children };
}

/** A regular expression anchored at the current position (written without flags `y`/`g`). */
export function rex(name: string | null, re: RegExp): Parser {
  const sticky = new RegExp(re.source, re.flags.replace(/[gy]/g, "") + "y");
  return (input) => {
    sticky.lastIndex = input.pos;
    const m = sticky.exec(input.text);
    if (!m) return null;
    const start = input.pos;
    input.pos += m[0].length;
    return node(name, start, input.pos);
  };
}

export function str(name: string | null, literal: string): Parser {
  return (input) => {
    if (!input.text.startsWith(literal, input.pos)) return null;
    const start = input.pos;
    input.pos += literal.length;
    return node(name, start, input.pos);
  };
}

function repeat(parser: Parser, min: number, max: number | null, input: Input): Node[] | null {
  const start = input.pos;
  const found: Node[] = [];
  for (;;) {
    const c = parser(input);
    if (!c) break;
    found.push(c);
    if (c.end === c.start) break; // no progress
    if (max !== null && found.length === max) break;
  }
  if (found.length < min) {
    input.pos = start;
    return null;
  }
  return found;
}

export function seq(name: string | null, ...items: SeqItem[]): Parser {
  return (input) => {
    const start = input.pos;
    const children: Node[] = [];
    for (const item of items) {
      if (typeof item === "function") {
        const c = item(input);
        if (!c) {
          input.pos = start;
          return null;
        }
        children.push(c);
      } else {
        const [parser, q] = item;
        const found = repeat(parser, q === "+" ? 1 : 0, q === "?" ? 1 : null, input);
        if (!found) {
          input.pos = start;
          return null;
        }
        children.push(...found);
      }
    }
    return node(name, start, input.pos, children);
  };
}

export function opt(parser: Parser): SeqItem {
  return [parser, "?"];
}

export function alt(name: string | null, ...parsers: Parser[]): Parser {
  return (input) => {
    const start = input.pos;
    for (const p of parsers) {
      const c = p(input);
      if (c) return node(name, start, input.pos, [c]);
    }
    return null;
  };
}

/** `elt (sep elt)*`, at least one elt; a separator not followed by an elt is given back. */
export function jseq(name: string | null, elt: Parser, sep: Parser): Parser {
  return (input) => {
    const start = input.pos;
    const children: Node[] = [];
    let onElt = false;
    let count = 0;
    let empties = 0;
    for (;;) {
      onElt = !onElt;
      const before = input.pos;
      let c = (onElt ? elt : sep)(input);
      if (c && c.end === c.start) {
        empties++;
        if (empties > 1) {
          input.pos = before;
          c = null; // two empty matches in a row: no progress
        }
      } else empties = 0;
      if (!c) {
        if (onElt && count > 0) {
          const lastSep = children.pop()!;
          input.pos = lastSep.start;
        }
        break;
      }
      children.push(c);
      count++;
    }
    if (count < 1) {
      input.pos = start;
      return null;
    }
    return node(name, start, input.pos, children);
  };
}

export function rename(name: string, parser: Parser): Parser {
  return (input) => {
    const c = parser(input);
    return c ? { ...c, name } : null;
  };
}

/** Parses the whole text, or returns null. */
export function parseAll(parser: Parser, text: string): Node | null {
  const input = new Input(text);
  const tree = parser(input);
  return tree && tree.end === text.length ? tree : null;
}

// --- reading trees, as raabro's Tree#lookup / #gather do

/** The topmost descendants named `name` (any name when omitted), in order. */
export function subgather(n: Node, name?: string): Node[] {
  const acc: Node[] = [];
  for (const c of n.children) gather(c, name, acc);
  return acc;
}

function gather(n: Node, name: string | undefined, acc: Node[]): void {
  if ((n.name !== null && name === undefined) || (name !== undefined && n.name === name)) acc.push(n);
  else for (const c of n.children) gather(c, name, acc);
}

/** The first descendant (depth first) named `name` (any name when omitted). */
export function sublookup(n: Node, name?: string): Node | null {
  for (const c of n.children) {
    const found = lookup(c, name);
    if (found) return found;
  }
  return null;
}

function lookup(n: Node, name: string | undefined): Node | null {
  if ((n.name !== null && name === undefined) || (name !== undefined && n.name === name)) return n;
  return sublookup(n, name);
}

export function text(input: string, n: Node): string {
  return input.slice(n.start, n.end);
}

/** Zero or more (greedy, no backtracking). */
export function many(parser: Parser): SeqItem {
  return [parser, "*"] as const;
}

/** One or more (greedy, no backtracking). */
export function some(parser: Parser): SeqItem {
  return [parser, "+"] as const;
}
