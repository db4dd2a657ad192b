// The classes a Ruby file defines, with their full names (modules and `class A::B` nesting),
// their superclass as written, and the module nesting Ruby uses to resolve that name.
import type { Node } from "@ruby/prism";
import type { ParsedRuby } from "./prism.js";
import type { RubySource } from "./ruby-source.js";
import { constName, kind, type AnyNode } from "./ruby-values.js";

export interface RubyClass {
  /** "Billing::ChargeJob". */
  name: string;
  /** Superclass as written ("ApplicationJob", "::ActiveJob::Base"), absent for none. */
  superclass?: string;
  /** Where the superclass expression is not a constant (Class.new(...), a method call). */
  superclassSource?: string;
  /** Enclosing module names, outermost first, for constant lookup. */
  nesting: string[];
  /** The statements directly in the class body. */
  body: Node[];
  node: AnyNode;
  source: RubySource;
}

export function classesOf(parsed: ParsedRuby): RubyClass[] {
  const out: RubyClass[] = [];
  visit(parsed.program.statements, [], parsed.source, out);
  return out;
}

function statements(body: Node | null): Node[] {
  const b = body as AnyNode | null;
  if (b === null) return [];
  if (kind(b) === "StatementsNode") return b.body;
  if (kind(b) === "BeginNode") return statements(b.statements);
  return [b];
}

function visit(node: Node | null, nesting: string[], source: RubySource, out: RubyClass[]): void {
  for (const stmt of statements(node)) {
    const s = stmt as AnyNode;
    const k = kind(s);
    if (k === "ModuleNode") {
      const name = constName(s.constantPath) ?? s.name;
      visit(s.body, [...nesting, name], source, out);
    } else if (k === "ClassNode") {
      const own = constName(s.constantPath) ?? s.name;
      const name = [...nesting, own].join("::");
      const superName = s.superclass === null ? undefined : constName(s.superclass);
      const cls: RubyClass = { name, nesting, body: statements(s.body), node: s, source };
      if (superName !== undefined) cls.superclass = kind(s.superclass) === "ConstantPathNode" && s.superclass.parent === null ? `::${superName}` : superName;
      else if (s.superclass !== null) cls.superclassSource = source.slice(s.superclass.location);
      out.push(cls);
      visit(s.body, [...nesting, own], source, out);
    }
  }
}

/**
 * The class a superclass name refers to, as Ruby's lexical lookup would find it among the
 * app's classes: innermost nesting first, then the top level. "::X" is top level only.
 */
export function resolveConstant(written: string, nesting: readonly string[], known: ReadonlySet<string>): string {
  if (written.startsWith("::")) return written.slice(2);
  for (let i = nesting.length; i > 0; i--) {
    const candidate = `${nesting.slice(0, i).join("::")}::${written}`;
    if (known.has(candidate)) return candidate;
  }
  return written;
}
