import * as React from "react";
import { Button, Field, ProgressBar, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { Progress } from "../../excel/types";
import type { Translate } from "../i18n";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: { display: "flex", columnGap: tokens.spacingHorizontalS },
});

export interface BuildPanelProps {
  t: Translate;
  running: boolean;
  progress: Progress | null;
  disabled: boolean;
  onBuild(): void;
  onCancel(): void;
}

export function stepText(t: Translate, p: Progress): string {
  const key = `step_${p.step}` as Parameters<Translate>[0];
  return t(key, { sheet: p.sheet });
}

/** Step 3: one button, a progress bar naming the current step, and cancel. */
export function BuildPanel({ t, running, progress, disabled, onBuild, onCancel }: BuildPanelProps): React.JSX.Element {
  const styles = useStyles();
  const value = progress && progress.total > 0 && progress.step !== "compute" ? Math.min(1, progress.done / progress.total) : undefined;
  return (
    <section className={styles.section} aria-labelledby="build-title">
      <Subtitle2 id="build-title" as="h2">
        {t("buildTitle")}
      </Subtitle2>
      <div className={styles.row}>
        <Button appearance="primary" onClick={onBuild} disabled={running || disabled} data-testid="build">
          {t("build")}
        </Button>
        {running && (
          <Button onClick={onCancel} data-testid="cancel">
            {t("cancel")}
          </Button>
        )}
      </div>
      {running && progress && (
        <Field hint={stepText(t, progress)} data-testid="progress">
          <ProgressBar value={value} aria-label={stepText(t, progress)} />
        </Field>
      )}
    </section>
  );
}
