import * as React from "react";
import { Body1, Button, Caption1, Field, ProgressBar, Subtitle2, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Progress } from "../../excel/types";
import type { Translate } from "../i18n";
import type { BoardRow } from "../previousBoards";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: { display: "flex", columnGap: tokens.spacingHorizontalS, alignItems: "center" },
  hidden: { display: "none" },
  boards: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  board: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  boardLine: { display: "flex", alignItems: "flex-start", columnGap: tokens.spacingHorizontalS },
  // A pane is ~350 px wide: a long file name wraps instead of pushing Remove out of sight.
  boardText: { display: "flex", flexDirection: "column", flexGrow: 1, minWidth: 0, overflowWrap: "anywhere" },
  boardMonth: { fontWeight: tokens.fontWeightSemibold },
  boardRemove: { flexShrink: 0, whiteSpace: "nowrap" },
  unused: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

export interface BuildPanelProps {
  t: Translate;
  running: boolean;
  progress: Progress | null;
  /** Why Build cannot run (shown under it), or null when it can. */
  disabledReason: string | null;
  onBuild(): void;
  onCancel(): void;
  /** The earlier boards chosen (the command line's --previous), as listed; absent = the choice is not offered. */
  boards?: readonly BoardRow[];
  onBoardFiles?(files: File[]): void;
  onBoardRemove?(file: string): void;
}

export function stepText(t: Translate, p: Progress): string {
  const key = `step_${p.step}` as Parameters<Translate>[0];
  return t(key, { sheet: p.sheet });
}

/** Step 3: one button (and, when it cannot run, why), a progress bar with its step and percentage, and cancel. */
export function BuildPanel({ t, running, progress, disabledReason, onBuild, onCancel, boards, onBoardFiles, onBoardRemove }: BuildPanelProps): React.JSX.Element {
  const styles = useStyles();
  const previousInput = React.useRef<HTMLInputElement>(null);
  const value = progress && progress.total > 0 && progress.step !== "compute" ? Math.min(1, progress.done / progress.total) : undefined;
  const hint = progress ? stepText(t, progress) + (value !== undefined ? ` · ${Math.round(value * 100)}%` : "") : "";
  return (
    <section className={styles.section} aria-labelledby="build-title">
      <Subtitle2 id="build-title" as="h2">
        {t("buildTitle")}
      </Subtitle2>
      {boards && onBoardFiles && (
        <Field label={t("previousBoard")} hint={t("previousHint")}>
          <div className={styles.section}>
            {boards.length === 0 ? (
              <Caption1 data-testid="previous-none">{t("previousNone")}</Caption1>
            ) : (
              <ul className={styles.boards} data-testid="previous-list">
                {boards.map((b) => (
                  <li key={b.file} className={styles.board} data-testid="previous-item">
                    <div className={styles.boardLine}>
                      <div className={styles.boardText}>
                        <Body1 className={mergeClasses(styles.boardMonth, b.unused && styles.unused)}>
                          <span data-testid="previous-month">{b.month}</span>
                          {b.unused && <span data-testid="previous-unused">{` · ${t("previousUnused")}`}</span>}
                        </Body1>
                        <Body1 className={mergeClasses(b.unused && styles.unused)} data-testid="previous-file">
                          {b.file}
                        </Body1>
                      </div>
                      <Button
                        className={styles.boardRemove}
                        size="small"
                        appearance="subtle"
                        onClick={() => onBoardRemove?.(b.file)}
                        disabled={running}
                        aria-label={t("previousRemoveLabel", { file: b.file })}
                        data-testid="previous-remove"
                      >
                        {t("previousRemove")}
                      </Button>
                    </div>
                    {b.notes.map((n, i) => (
                      <Caption1 key={i} className={styles[n.intent]} data-testid="previous-note">
                        {n.text}
                      </Caption1>
                    ))}
                  </li>
                ))}
              </ul>
            )}
            <div className={styles.row}>
              {/* The browser's own file input speaks the browser's language ("No file chosen"): a Fluent button opens it instead. */}
              <Button size="small" onClick={() => previousInput.current?.click()} disabled={running} data-testid="previous-choose">
                {boards.length === 0 ? t("previousChoose") : t("previousAdd")}
              </Button>
              <input
                ref={previousInput}
                className={styles.hidden}
                type="file"
                accept=".xlsx,.json"
                multiple
                aria-label={t("previousBoard")}
                data-testid="previous-board"
                disabled={running}
                onChange={(e) => {
                  const files = [...(e.target.files ?? [])];
                  // Cleared, so the same file can be chosen again (after it was fixed, or removed).
                  e.target.value = "";
                  if (files.length > 0) onBoardFiles(files);
                }}
              />
            </div>
          </div>
        </Field>
      )}
      <div className={styles.row}>
        <Button appearance="primary" onClick={onBuild} disabled={running || disabledReason !== null} data-testid="build" aria-describedby={disabledReason ? "build-why" : undefined}>
          {t("build")}
        </Button>
        {running && (
          <Button onClick={onCancel} data-testid="cancel">
            {t("cancel")}
          </Button>
        )}
      </div>
      {!running && disabledReason && (
        <Caption1 id="build-why" data-testid="build-why">
          {disabledReason}
        </Caption1>
      )}
      {running && progress && (
        <Field hint={hint} data-testid="progress">
          <ProgressBar value={value} aria-label={hint} />
        </Field>
      )}
    </section>
  );
}
