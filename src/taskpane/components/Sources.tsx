import * as React from "react";
import {
  Button,
  Caption1,
  Dropdown,
  Option,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { SourceKind } from "../../core";
import { SOURCE_KINDS } from "../../core";
import type { SourceInfo } from "../../excel/read";
import type { Translate } from "../i18n";

export type KindChoice = SourceKind | "ignore";

export interface SourceRow {
  info: SourceInfo;
  kind: KindChoice;
}

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  actions: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, alignItems: "center" },
  kind: { minWidth: "0", width: "100%" },
  sheetCol: { width: "30%" },
  kindCol: { width: "33%" },
  numCol: { width: "18.5%", whiteSpace: "nowrap" },
  hint: { color: tokens.colorNeutralForeground3 },
  hidden: { display: "none" },
});

export interface SourcesProps {
  t: Translate;
  sources: SourceRow[];
  scanning: boolean;
  importing: boolean;
  onScan(): void;
  onKindChange(sheet: string, kind: KindChoice): void;
  onImportFile(file: File): void;
}

/** Step 1: what the workbook holds, with the manager's corrections, and "import a file". */
function SourcesView({ t, sources, scanning, importing, onScan, onKindChange, onImportFile }: SourcesProps): React.JSX.Element {
  const styles = useStyles();
  const fileInput = React.useRef<HTMLInputElement>(null);
  const inputId = React.useId();
  const kinds: KindChoice[] = [...SOURCE_KINDS, "ignore"];
  const label = (k: KindChoice) => t(`kind_${k}`);
  return (
    <section className={styles.section} aria-labelledby="sources-title">
      <Subtitle2 id="sources-title" as="h2">
        {t("sourcesTitle")}
      </Subtitle2>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={onScan} disabled={scanning} data-testid="scan">
          {scanning ? t("scanning") : t("scan")}
        </Button>
        <Button onClick={() => fileInput.current?.click()} disabled={importing} data-testid="import">
          {t("importFile")}
        </Button>
        {importing && <Spinner size="tiny" />}
        <label htmlFor={inputId} className={styles.hidden}>
          {t("importFile")}
        </label>
        <input
          id={inputId}
          ref={fileInput}
          className={styles.hidden}
          type="file"
          accept=".csv,.txt,.xlsx"
          data-testid="import-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) onImportFile(f);
            e.target.value = "";
          }}
        />
      </div>
      <Caption1 className={styles.hint}>{t("importHint")}</Caption1>
      {sources.length === 0 ? (
        <Caption1>{t("noSources")}</Caption1>
      ) : (
        <Table size="small" aria-label={t("sourcesTitle")} data-testid="sources">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.sheetCol}>{t("colSheet")}</TableHeaderCell>
              <TableHeaderCell className={styles.kindCol}>{t("colKind")}</TableHeaderCell>
              <TableHeaderCell className={styles.numCol}>{t("colRows")}</TableHeaderCell>
              <TableHeaderCell className={styles.numCol}>{t("colMonth")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sources.map((s) => (
              <TableRow key={s.info.sheet}>
                <TableCell>{s.info.sheet}</TableCell>
                <TableCell>
                  <Dropdown
                    className={styles.kind}
                    size="small"
                    aria-label={t("kindLabel", { sheet: s.info.sheet })}
                    value={label(s.kind)}
                    selectedOptions={[s.kind]}
                    onOptionSelect={(_e, d) => onKindChange(s.info.sheet, d.optionValue as KindChoice)}
                  >
                    {kinds.map((k) => (
                      <Option key={k} value={k}>
                        {label(k)}
                      </Option>
                    ))}
                  </Dropdown>
                </TableCell>
                <TableCell className={styles.numCol}>{s.info.rows.toLocaleString()}</TableCell>
                <TableCell className={styles.numCol}>{s.info.month ?? "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

/** Memoised: progress ticks during a build re-render only the build panel. */
export const Sources = React.memo(SourcesView);
