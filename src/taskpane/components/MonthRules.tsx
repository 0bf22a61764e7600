import * as React from "react";
import { Button, Field, Select, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { Lang, Translate } from "../i18n";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: { display: "flex", alignItems: "flex-end", columnGap: tokens.spacingHorizontalM, flexWrap: "wrap" },
});

export interface MonthRulesProps {
  t: Translate;
  lang: Lang;
  month: string;
  /** Months the sources hold (newest first offered). */
  known: readonly string[];
  busy: boolean;
  onMonth(month: string): void;
  onOpenRules(): void;
  /** The shops the order sources name (as the engine reads them); the choice shows only for two or more. */
  shops?: readonly string[];
  /** The chosen shop; "" = every shop together. */
  shop?: string;
  onShop?(shop: string): void;
}

/** "2026-10" as the pane's language writes it: 2026年10月 / October 2026 (never the browser's locale). */
export function monthLabel(month: string, lang: Lang): string {
  const [y, m] = month.split("-").map(Number);
  if (lang === "zh-CN") return `${y}年${m}月`;
  return new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** The months offered: those the sources hold, the chosen one, and the twelve before the newest. */
export function monthChoices(known: readonly string[], month: string): string[] {
  const set = new Set(known.filter((m) => /^\d{4}-\d{2}$/.test(m)));
  if (/^\d{4}-\d{2}$/.test(month)) set.add(month);
  const newest = [...set].sort().pop();
  if (newest) {
    let [y, m] = newest.split("-").map(Number);
    for (let i = 0; i < 12; i++) {
      m -= 1;
      if (m === 0) {
        m = 12;
        y -= 1;
      }
      set.add(`${y}-${String(m).padStart(2, "0")}`);
    }
  }
  return [...set].sort().reverse();
}

/** Step 2: the month to build (in the pane's language) and the rules sheet. */
function MonthRulesView({ t, lang, month, known, busy, onMonth, onOpenRules, shops = [], shop = "", onShop }: MonthRulesProps): React.JSX.Element {
  const styles = useStyles();
  const choices = monthChoices(known, month);
  return (
    <section className={styles.section} aria-labelledby="month-title">
      <Subtitle2 id="month-title" as="h2">
        {t("monthTitle")}
      </Subtitle2>
      <div className={styles.row}>
        <Field label={t("month")}>
          <Select value={month} onChange={(_e, d) => onMonth(d.value)} data-testid="month">
            <option value="">{t("monthAuto")}</option>
            {choices.map((m) => (
              <option key={m} value={m}>
                {monthLabel(m, lang)}
              </option>
            ))}
          </Select>
        </Field>
        {shops.length >= 2 && (
          <Field label={t("shop")}>
            <Select value={shop} onChange={(_e, d) => onShop?.(d.value)} data-testid="shop">
              <option value="">{t("shopAll")}</option>
              {shops.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Button onClick={onOpenRules} disabled={busy} data-testid="open-rules">
          {t("openRules")}
        </Button>
      </div>
    </section>
  );
}

/** Memoised: progress ticks during a build re-render only the build panel. */
export const MonthRules = React.memo(MonthRulesView);
