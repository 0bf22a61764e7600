import * as React from "react";
import { Button, Field, Input, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { Translate } from "../i18n";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: { display: "flex", alignItems: "flex-end", columnGap: tokens.spacingHorizontalM, flexWrap: "wrap" },
});

export interface MonthRulesProps {
  t: Translate;
  month: string;
  busy: boolean;
  onMonth(month: string): void;
  onOpenRules(): void;
}

/** Step 2: the month to build and the rules sheet. */
function MonthRulesView({ t, month, busy, onMonth, onOpenRules }: MonthRulesProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby="month-title">
      <Subtitle2 id="month-title" as="h2">
        {t("monthTitle")}
      </Subtitle2>
      <div className={styles.row}>
        <Field label={t("month")}>
          <Input type="month" value={month} onChange={(_e, d) => onMonth(d.value)} data-testid="month" />
        </Field>
        <Button onClick={onOpenRules} disabled={busy} data-testid="open-rules">
          {t("openRules")}
        </Button>
      </div>
    </section>
  );
}

/** Memoised: progress ticks during a build re-render only the build panel. */
export const MonthRules = React.memo(MonthRulesView);
