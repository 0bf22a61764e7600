import * as React from "react";
import { Button, Link, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import { colLetter } from "../../core";
import { HEADER_ROW } from "../../core";
import type { WrittenSheet } from "../../excel/write";
import { formatCents, type Lang, type Translate } from "../i18n";
import type { BuildResult } from "../pipeline";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  grid: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  detail: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  links: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, padding: 0, margin: 0, listStyleType: "none" },
});

/** The sheets a manager jumps to from the summary, in this order. */
const LINKED = ["performance", "penalties", "reconciliation", "commission", "unattributed", "problems"];

/** Header row to last data row of a written sheet: "A3:P15". */
export function dataAddress(s: WrittenSheet): string {
  return `A${HEADER_ROW}:${colLetter(Math.max(0, s.columns - 1))}${Math.max(s.lastDataRow, HEADER_ROW)}`;
}

export interface ResultPanelProps {
  t: Translate;
  lang: Lang;
  result: BuildResult;
  onOpen(sheet: string, address: string): void;
  /** Writes the next page of a detail sheet written in part (its key); absent = not offered. */
  onWriteMore?(key: string): void;
  /** The key of the sheet being written now, or null. */
  writingMore?: string | null;
  /** Rows a "write more" adds. */
  pageRows?: number;
}

/** Step 4: the month in a few figures, and links into the sheets. */
function ResultPanelView({ t, lang, result, onOpen, onWriteMore, writingMore = null, pageRows = 0 }: ResultPanelProps): React.JSX.Element {
  const styles = useStyles();
  const s = result.summary;
  const n = (x: number) => x.toLocaleString(lang);
  // Detail sheets written in part (paging.ts): what is there, and a button for the next page.
  const partial = result.write.sheets.filter((w) => w.total !== undefined);
  const sheets = LINKED.map((k) => result.write.sheets.find((w) => w.key === k && !w.skipped)).filter((w): w is WrittenSheet => !!w);
  const items: [string, string, string][] = [
    ["agents", t("agents"), String(s.agents)],
    ["shop", t("shopTotal"), formatCents(s.shopCollected, lang)],
    ["fund", t("fund"), formatCents(s.fund, lang)],
    ["unattributed", t("unattributed"), t("unattributedValue", { count: s.unattributedOrders, amount: formatCents(s.unattributedAmount, lang) })],
    ["top", t("top3"), s.top.map((a, i) => `${i + 1}. ${a.name} (${a.score.toFixed(1)})`).join("  ") || "—"],
    ["problems", t("problems"), t("problemsValue", { count: s.problems, errors: s.errors })],
  ];
  // The self-audit under 每日对账: the checks that were made (their inputs were given).
  const audit = s.selfAudit;
  const found = audit
    ? [
        audit.noTracking !== null ? t("selfAuditNoTracking", { count: audit.noTracking }) : null,
        audit.partShipped > 0 ? t("selfAuditPartShipped", { count: audit.partShipped }) : null,
        audit.erpShipped !== null ? t("selfAuditErpShipped", { count: audit.erpShipped }) : null,
        audit.clerkUnattributed !== null ? t("selfAuditClerk", { count: audit.clerkUnattributed }) : null,
      ].filter((x): x is string => x !== null)
    : [];
  if (found.length > 0) items.splice(4, 0, ["selfAudit", t("selfAudit"), found.join(lang === "zh-CN" ? "；" : "; ")]);
  const cut = s.truncated ?? [];
  if (cut.length > 0) {
    const count = cut.reduce((n, x) => n + x.cells, 0);
    const sheetsCut = cut.map((x) => t("truncatedSheet", { sheet: x.sheet, count: x.cells })).join(lang === "zh-CN" ? "，" : ", ");
    items.push(["truncated", t("truncated"), t("truncatedValue", { count, sheets: sheetsCut })]);
  }
  return (
    <section className={styles.section} aria-labelledby="result-title" data-testid="result">
      <Subtitle2 id="result-title" as="h2">
        {t("resultTitle")}
      </Subtitle2>
      <Text>{t("resultMonth", { month: s.month })}</Text>
      <dl className={styles.grid}>
        {items.map(([key, term, value]) => (
          <React.Fragment key={key}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value} data-testid={`result-${key}`}>
              {value}
            </dd>
          </React.Fragment>
        ))}
      </dl>
      {partial.map((w) => (
        <div key={w.key} className={styles.detail} data-testid={`detail-${w.key}`}>
          <Text>{w.rows < w.total! ? t("detailPartial", { sheet: w.name, rows: n(w.rows), total: n(w.total!) }) : t("detailWhole", { sheet: w.name, total: n(w.total!) })}</Text>
          {onWriteMore && w.rows < w.total! && (
            <div>
              <Button size="small" onClick={() => onWriteMore(w.key)} disabled={writingMore !== null} data-testid={`write-more-${w.key}`}>
                {writingMore === w.key ? t("writingMore") : t("writeMore", { count: n(Math.min(pageRows, w.total! - w.rows)) })}
              </Button>
            </div>
          )}
        </div>
      ))}
      <ul className={styles.links}>
        {sheets.map((w) => (
          <li key={w.key}>
            <Link as="button" onClick={() => onOpen(w.name, dataAddress(w))} data-testid={`open-${w.key}`}>
              {t("open", { sheet: w.name })}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Memoised: progress ticks during a build re-render only the build panel. */
export const ResultPanel = React.memo(ResultPanelView);
