/**
 * Column mapping (列名): the manager's own names for a kind's fields, kept in the 规则 sheet's
 * 【列名】 block (source kind | field | header as the file writes it) and applied by recognition
 * before the built-in aliases. This module knows how a kind and a field are written (Chinese
 * label, field key, or any alias), which fields a file needs, the best guess for a missing field
 * among a file's headers, and the lines to paste into the rules sheet.
 */
import { KIND_SPECS, normaliseHeader } from "./headers";
import type { SourceKind } from "./types";

/** One mapping line: in files of `kind`, the column headed `header` is `field`. */
export interface ColumnMapping {
  kind: SourceKind;
  field: string;
  header: string;
}

/** How the rules sheet writes each kind (first) and the other words it accepts. */
const KIND_WORDS: Record<SourceKind, string[]> = {
  orders: ["订单", "订单报表", "orders", "order"],
  attendance: ["考勤", "考勤表", "打卡", "attendance"],
  sales: ["客服绩效", "绩效", "销售", "sales"],
  roster: ["花名册", "roster"],
  incidents: ["违规记录", "违规", "incidents"],
  refunds: ["退款报表", "退款", "refunds"],
  affiliate: ["淘宝客", "淘宝联盟", "淘宝客订单", "affiliate"],
  returnShipping: ["运费补贴", "运费补贴表", "退货运费", "returnShipping"],
};

/** The Chinese name a field is written with in the 【列名】 block (else its first alias). */
const LABELS: Partial<Record<SourceKind, Record<string, string>>> = {
  orders: {
    id: "订单编号",
    buyer: "买家会员名",
    paid: "实付金额",
    shipping: "邮费",
    refund: "退款金额",
    status: "订单状态",
    createdAt: "下单时间",
    paidAt: "付款时间",
    shippedAt: "发货时间",
    confirmedAt: "确认收货时间",
    note: "订单备注",
    memo: "商家备忘",
    tracking: "物流单号",
    salesperson: "业务员",
  },
  attendance: { clockIn: "上班打卡", clockOut: "下班打卡", inResult: "上班打卡结果", outResult: "下班打卡结果", lateMinutes: "迟到时长", earlyMinutes: "早退时长" },
  sales: { payers: "最终付款人数", sales: "销售额", firstResponseSec: "首次响应时长", avgResponseSec: "平均响应时长", satisfaction: "满意率", refunds: "退款金额" },
};

/**
 * The fields a file of each kind must have for the reports to mean something: one of each inner
 * list. The command line and the pane ask for these when they are missing.
 */
const NEEDED: Record<SourceKind, string[][]> = {
  orders: [["id"], ["paid"], ["paidAt"], ["status"], ["note"]],
  attendance: [["staffNo", "name"], ["date", "workDate"], ["clockIn", "shift", "inResult", "dayResult", "expectedDays"], ["clockOut", "outResult", "dayResult", "expectedDays", "shift"]],
  sales: [["nick"], ["inquiries"], ["payers"], ["sales"]],
  roster: [["staffNo"], ["name"], ["nick"]],
  incidents: [["date"], ["agent"], ["rule"]],
  refunds: [["orderId"], ["amount"], ["status", "completedAt"]],
  affiliate: [["orderId"], ["affiliate"], ["amount", "price"], ["status", "settledAt"]],
  returnShipping: [["date"], ["orderId"], ["reason"], ["province", "address", "claimed"]],
};

export function kindWord(kind: SourceKind): string {
  return KIND_WORDS[kind][0];
}

/** 订单 / orders / 订单报表 … → the kind; null when unknown. */
export function kindFromWord(word: string): SourceKind | null {
  const w = normaliseHeader(word);
  for (const k of Object.keys(KIND_WORDS) as SourceKind[]) if (KIND_WORDS[k].some((x) => normaliseHeader(x) === w)) return k;
  return null;
}

/** The field's Chinese name. @example fieldLabel("orders", "paidAt") // "付款时间" */
export function fieldLabel(kind: SourceKind, field: string): string {
  return LABELS[kind]?.[field] ?? KIND_SPECS[kind].fields.find((f) => f.field === field)?.aliases[0] ?? field;
}

/** A field as written: its key (paidAt), its Chinese name (付款时间) or any alias (订单付款时间). */
export function fieldFromWord(kind: SourceKind, word: string): string | null {
  const w = normaliseHeader(word);
  if (w === "") return null;
  const fields = KIND_SPECS[kind].fields;
  const byKey = fields.find((f) => f.field.toLowerCase() === w);
  if (byKey) return byKey.field;
  const byLabel = fields.find((f) => normaliseHeader(fieldLabel(kind, f.field)) === w);
  if (byLabel) return byLabel.field;
  return fields.find((f) => f.aliases.some((a) => normaliseHeader(a) === w))?.field ?? null;
}

/** Every field a kind reads, with its Chinese name (for the pane's and the rules sheet's lists). */
export function kindFields(kind: SourceKind): { field: string; label: string }[] {
  return KIND_SPECS[kind].fields.map((f) => ({ field: f.field, label: fieldLabel(kind, f.field) }));
}

/** One needed field of a file: found at a column, or missing with the best guess among the headers. */
export interface FieldNeed {
  field: string;
  label: string;
  /** The column recognition found, or null. */
  column: number | null;
  /** When missing: the header most like one of the field's names, or null. */
  guess: number | null;
}

/**
 * What a file of `kind` needs and where it is: for each needed group, the column found (any of
 * the group's fields) or — missing — the group's first field with the best guess among the
 * headers no other field took or names. Guesses are by shared characters with the field's
 * names (Dice's coefficient ≥ 0.5), or one name inside the other: a guess to confirm, not a match.
 * @example mappingNeeds("orders", ["单号", "已付", "付款日期"], {}) // id→单号? paid→已付 …
 */
export function mappingNeeds(kind: SourceKind, headers: readonly string[], columns: Record<string, number>): FieldNeed[] {
  const taken = new Set(Object.values(columns));
  const out: FieldNeed[] = [];
  for (const group of NEEDED[kind]) {
    const hit = group.find((f) => columns[f] !== undefined && KIND_SPECS[kind].fields.some((x) => x.field === f));
    if (hit !== undefined) {
      out.push({ field: hit, label: fieldLabel(kind, hit), column: columns[hit], guess: null });
      continue;
    }
    const field = group[0];
    const guess = bestGuess(kind, field, headers, taken);
    if (guess !== null) taken.add(guess);
    // A header that is one of the field's own names was found, not guessed (the file as a whole
    // may still be unrecognised for want of other fields).
    const exact = guess !== null && namesOf(kind, field).includes(normaliseHeader(headers[guess].split("/").pop()));
    out.push({ field, label: fieldLabel(kind, field), column: exact ? guess : null, guess: exact ? null : guess });
  }
  return out;
}

/** The field's Chinese name and aliases, normalised. */
function namesOf(kind: SourceKind, field: string): string[] {
  const spec = KIND_SPECS[kind].fields.find((f) => f.field === field);
  return [fieldLabel(kind, field), ...(spec?.aliases ?? [])].map((n) => normaliseHeader(n)).filter((n) => n !== "");
}

function bestGuess(kind: SourceKind, field: string, headers: readonly string[], taken: Set<number>): number | null {
  const names = namesOf(kind, field);
  let best: number | null = null;
  let bestScore = 0.5 - 1e-9; // at least half the characters shared; the first of equals wins
  headers.forEach((h, col) => {
    if (taken.has(col)) return;
    const k = normaliseHeader(h.split("/").pop());
    if (k === "") return;
    // Another field's own name is that field's column, never a guess for this one.
    const own = fieldFromWord(kind, k);
    if (own !== null && own !== field) return;
    let score = 0;
    for (const n of names) score = Math.max(score, similarity(k, n));
    if (score > bestScore) {
      best = col;
      bestScore = score;
    }
  });
  return best;
}

/** 1 for equal texts; 0.9 when one holds the other; else Dice's coefficient on characters. */
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length >= 2 && b.length >= 2 && (a.includes(b) || b.includes(a))) return 0.9;
  const counts = new Map<string, number>();
  for (const ch of a) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let common = 0;
  for (const ch of b) {
    const c = counts.get(ch) ?? 0;
    if (c > 0) {
      common++;
      counts.set(ch, c - 1);
    }
  }
  return (2 * common) / ([...a].length + [...b].length);
}

/**
 * The rules-sheet rows for mappings, in the 【列名】 block's columns (label, key, source, field,
 * header), as tab-separated lines: pasted into Excel at the block's first free row they fill the
 * cells. A header not known yet is written "?" (the rules sheet refuses it until it is filled in).
 * @example mappingLines([{ kind: "orders", field: "paidAt", header: "付款日期" }]) // ["付款时间\tcolumn\t订单\t付款时间\t付款日期"]
 */
export function mappingLines(mappings: readonly ColumnMapping[]): string[] {
  return mappings.map((m) => mappingRow(m).join("\t"));
}

/** One 【列名】 row: label, key, source, field, header. */
export function mappingRow(m: ColumnMapping): string[] {
  const label = fieldLabel(m.kind, m.field);
  return [label, "column", kindWord(m.kind), label, m.header];
}
