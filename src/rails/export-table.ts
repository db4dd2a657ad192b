// A table exported from the database, as CSV (RFC 4180: a header row, quoted fields with ""
// escapes and embedded newlines, CRLF or LF) or JSON lines (one object a line). Every cell
// keeps its line:column so a bad value can be named. psql's, mysql's and sqlite3's CSV output
// all read this way; an empty unquoted CSV field is NULL.
import { ConfigError, type SourcePos } from "../config/index.js";

export type Cell = { value: string | number | boolean | null | object; pos: SourcePos };

export interface ExportTable {
  file: string;
  format: "csv" | "jsonl";
  columns: string[];
  rows: Map<string, Cell>[];
  /** Position of the header (CSV) or of the first row (JSON lines), for missing-column messages. */
  headerPos: SourcePos;
}

export function readExportTable(file: string, text: string): ExportTable {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const jsonl = /\.(jsonl|ndjson|json)$/i.test(file) || /^\s*\{/.test(body);
  return jsonl ? readJsonLines(file, body) : readCsv(file, body);
}

function readCsv(file: string, text: string): ExportTable {
  const records: Cell[][] = [];
  let line = 1;
  let col = 1;
  let i = 0;
  const pos = (): SourcePos => ({ file, line, col });
  const advance = (ch: string) => {
    if (ch === "\n") {
      line++;
      col = 1;
    } else col++;
  };
  while (i < text.length) {
    const record: Cell[] = [];
    for (;;) {
      const start = pos();
      let value: string | null;
      if (text[i] === '"') {
        advance(text[i++]!);
        let out = "";
        for (;;) {
          if (i >= text.length) throw ConfigError.at(start, "CSV: a quoted field is not closed (a \" is missing)");
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              out += '"';
              advance(ch);
              advance(ch);
              i += 2;
              continue;
            }
            advance(ch);
            i++;
            break;
          }
          out += ch;
          advance(ch);
          i++;
        }
        value = out;
        if (i < text.length && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") throw ConfigError.at(pos(), `CSV: unexpected ${JSON.stringify(text[i])} after a quoted field; a field is "quoted" or not at all`);
      } else {
        let end = i;
        while (end < text.length && text[end] !== "," && text[end] !== "\n" && text[end] !== "\r") end++;
        const raw = text.slice(i, end);
        for (const ch of raw) advance(ch);
        i = end;
        value = raw === "" ? null : raw;
      }
      record.push({ value, pos: start });
      if (text[i] === ",") {
        advance(",");
        i++;
        continue;
      }
      if (text[i] === "\r") i++;
      if (text[i] === "\n") {
        advance("\n");
        i++;
      }
      break;
    }
    if (!(record.length === 1 && record[0]!.value === null)) records.push(record);
  }
  if (records.length === 0) throw ConfigError.at({ file, line: 1, col: 1 }, "the export is empty; it needs a header row naming the columns");
  const header = records[0]!;
  const columns = header.map((c) => String(c.value ?? "").trim());
  const rows = records.slice(1).map((r, k) => {
    if (r.length !== columns.length) throw ConfigError.at(r[0]!.pos, `CSV: row ${k + 1} has ${r.length} fields, the header has ${columns.length}`);
    return new Map(r.map((c, j) => [columns[j]!, c]));
  });
  return { file, format: "csv", columns, rows, headerPos: header[0]!.pos };
}

function readJsonLines(file: string, text: string): ExportTable {
  const rows: Map<string, Cell>[] = [];
  const columns = new Set<string>();
  text.split("\n").forEach((raw, k) => {
    const t = raw.trim();
    if (t === "") return;
    const pos = { file, line: k + 1, col: raw.length - raw.trimStart().length + 1 };
    let obj: unknown;
    try {
      obj = JSON.parse(t);
    } catch (e) {
      throw ConfigError.at(pos, `JSON lines: line ${k + 1} is not JSON (${(e as Error).message})`);
    }
    if (obj === null || typeof obj !== "object" || Array.isArray(obj)) throw ConfigError.at(pos, `JSON lines: line ${k + 1} must be one object {"column": value, ...}`);
    const row = new Map<string, Cell>();
    for (const [key, value] of Object.entries(obj)) {
      columns.add(key);
      row.set(key, { value: value as Cell["value"], pos });
    }
    rows.push(row);
  });
  if (rows.length === 0) throw ConfigError.at({ file, line: 1, col: 1 }, "the export is empty; it needs one JSON object a line");
  return { file, format: "jsonl", columns: [...columns], rows, headerPos: rows[0]!.values().next().value?.pos ?? { file, line: 1, col: 1 } };
}

/** Every required column must be there: one message naming all that are missing. */
export function requireColumns(table: ExportTable, required: readonly string[], what: string): void {
  if (table.format === "csv") {
    const missing = required.filter((c) => !table.columns.includes(c));
    if (missing.length > 0) {
      throw ConfigError.at(table.headerPos, `${what}: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; the header has ${table.columns.join(", ")}`);
    }
    return;
  }
  for (const row of table.rows) {
    const missing = required.filter((c) => !row.has(c));
    if (missing.length > 0) {
      const pos = row.values().next().value?.pos ?? table.headerPos;
      throw ConfigError.at(pos, `${what}: this line has no ${missing.map((m) => `"${m}"`).join(", ")} (required: ${required.join(", ")})`);
    }
  }
}

/** Epoch ms of a database timestamp: "2026-03-02 08:00:03.123456" (UTC, as Rails stores), ISO with a zone, or epoch seconds. */
export function timestampOf(cell: Cell, column: string): number {
  const v = cell.value;
  if (typeof v === "number" && Number.isFinite(v)) return Math.round(v * 1000);
  if (typeof v === "string") {
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/.exec(v.trim());
    if (m !== null) {
      const [, y, mo, d, h, mi, s, frac = "0", zone = "Z"] = m;
      let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) + Math.round(Number(`0.${frac}`) * 1000);
      if (zone !== "Z" && zone !== "UTC") {
        const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
        ms -= (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0)) * 60_000;
      }
      return ms;
    }
  }
  throw ConfigError.at(cell.pos, `${column}: cannot read ${JSON.stringify(v)} as a time; use "2026-03-02 08:00:03.123456" (UTC), ISO 8601 with a zone, or epoch seconds`);
}

