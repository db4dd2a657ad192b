// SQLite identifier quoting (table and column names built into SQL text): double quotes, with an
// embedded double quote doubled, as SQLite's own quote rules require. Values are always bound as
// parameters; only names are quoted.

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
