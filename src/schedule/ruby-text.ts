// Ruby's String#strip: removes leading and trailing NUL, tab, LF, VT, FF, CR and space
// (and nothing else: JavaScript's trim() would also remove Unicode spaces).

const EDGE = /^[\0\t\n\v\f\r ]+|[\0\t\n\v\f\r ]+$/g;

export function rubyStrip(s: string): string {
  return s.replace(EDGE, "");
}
