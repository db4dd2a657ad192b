// Float#round(digits).to_s as Ruby prints it in the seed's log lines: 2.5 -> "2.5", 3 -> "3.0".
export function rubyFloat(value: number, digits: number): string {
  const factor = 10 ** digits;
  const rounded = Math.sign(value) * Math.round(Math.abs(value) * factor) / factor;
  const text = String(rounded);
  return Number.isInteger(rounded) ? `${text}.0` : text;
}
