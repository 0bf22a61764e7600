import * as React from "react";
import { Button, Caption1, Field, ProgressBar, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { Progress } from "../../excel/types";
import type { Translate } from "../i18n";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: { display: "flex", columnGap: tokens.spacingHorizontalS, alignItems: "center" },
  hidden: { display: "none" },
});

export interface BuildPanelProps {
  t: Translate;
  running: boolean;
  progress: Progress | null;
  /** Why Build cannot run (shown under it), or null when it can. */
  disabledReason: string | null;
  onBuild(): void;
  onCancel(): void;
  /** The previous board chosen (file name), for the clawback; absent = the choice is not offered. */
  previous?: string | null;
  onPreviousFile?(file: File | null): void;
}

export function stepText(t: Translate, p: Progress): string {
  const key = `step_${p.step}` as Parameters<Translate>[0];
  return t(key, { sheet: p.sheet });
}

/** Step 3: one button (and, when it cannot run, why), a progress bar with its step and percentage, and cancel. */
export function BuildPanel({ t, running, progress, disabledReason, onBuild, onCancel, previous, onPreviousFile }: BuildPanelProps): React.JSX.Element {
  const styles = useStyles();
  const previousInput = React.useRef<HTMLInputElement>(null);
  const value = progress && progress.total > 0 && progress.step !== "compute" ? Math.min(1, progress.done / progress.total) : undefined;
  const hint = progress ? stepText(t, progress) + (value !== undefined ? ` · ${Math.round(value * 100)}%` : "") : "";
  return (
    <section className={styles.section} aria-labelledby="build-title">
      <Subtitle2 id="build-title" as="h2">
        {t("buildTitle")}
      </Subtitle2>
      {onPreviousFile && (
        // The browser's own file input speaks the browser's language ("No file chosen"): a Fluent button opens it instead.
        <Field label={t("previousBoard")} hint={previous ?? t("previousNone")}>
          <div className={styles.row}>
            <Button size="small" onClick={() => previousInput.current?.click()} disabled={running} data-testid="previous-choose">
              {t("previousChoose")}
            </Button>
            {previous && (
              <Button size="small" appearance="subtle" onClick={() => onPreviousFile(null)} disabled={running} data-testid="previous-clear">
                {t("previousClear")}
              </Button>
            )}
            <input
              ref={previousInput}
              className={styles.hidden}
              type="file"
              accept=".xlsx,.json"
              aria-label={t("previousBoard")}
              data-testid="previous-board"
              disabled={running}
              onChange={(e) => {
                onPreviousFile(e.target.files?.[0] ?? null);
                e.target.value = "";
              }}
            />
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
