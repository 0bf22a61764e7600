/**
 * The column-mapping step: for each sheet the scan did not recognise, the file's headers beside
 * the fields a report needs, the most alike header preselected (core `mappingNeeds`); saving
 * appends the choice to the 规则 sheet's 【列名】 block (excel/columnMapping.ts) and rescans, so
 * the pane, the command line (--rules) and every later month read the file the same way.
 * Kept in its own component: the pane's other sections do not know it exists.
 */
import * as React from "react";
import { Button, Caption1, Dropdown, Option, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from "@fluentui/react-components";
import { SOURCE_KINDS, mappingNeeds, type ColumnMapping, type FieldNeed, type SourceKind } from "../../core";
import type { SourceInfo } from "../../excel/read";
import type { Translate } from "../i18n";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  intro: { color: tokens.colorNeutralForeground2 },
  row: { display: "flex", columnGap: tokens.spacingHorizontalS, alignItems: "center" },
  wide: { minWidth: "0", width: "100%" },
  fieldCol: { width: "40%" },
});

/**
 * The sheets to offer mapping for: recognised by nobody, with headers to choose from, and either
 * close to a kind (some of its headers known) or given a kind by the manager in the sources list
 * — a notes sheet or a pivot is not asked about.
 */
export function unmapped(sources: readonly { info: SourceInfo; kind: string }[]): { info: SourceInfo; kind: SourceKind | null }[] {
  return sources
    .filter((s) => s.info.kind === null && (s.info.recognition.headers ?? []).some((h) => h.trim() !== "") && (s.info.recognition.score > 0 || s.kind !== "ignore"))
    .map((s) => ({ info: s.info, kind: s.kind === "ignore" ? null : (s.kind as SourceKind) }));
}

/** The mappings to save: fields given a column that recognition would not have found by itself. */
export function chosenMappings(kind: SourceKind, headers: readonly string[], needs: readonly FieldNeed[], chosen: Readonly<Record<string, number | null>>): ColumnMapping[] {
  const out: ColumnMapping[] = [];
  for (const n of needs) {
    const col = chosen[n.field];
    if (col === null || col === undefined || col === n.column) continue;
    out.push({ kind, field: n.field, header: headers[col].split("/").pop()!.trim() });
  }
  return out;
}

interface SheetMappingProps {
  t: Translate;
  info: SourceInfo;
  /** The kind the manager chose in the sources list, if any (else the closest kind). */
  preset: SourceKind | null;
  busy: boolean;
  onSave(sheet: string, kind: SourceKind, mappings: ColumnMapping[]): void;
}

function SheetMapping({ t, info, preset, busy, onSave }: SheetMappingProps): React.JSX.Element {
  const styles = useStyles();
  const headers = info.recognition.headers ?? [];
  const [kind, setKind] = React.useState<SourceKind>(preset ?? info.recognition.closest ?? "orders");
  const needs = React.useMemo(() => mappingNeeds(kind, headers, {}), [kind, headers]);
  // The manager's picks over the guesses; a new kind starts from its own guesses.
  const [picked, setPicked] = React.useState<Record<string, number | null>>({});
  const chosen: Record<string, number | null> = { ...Object.fromEntries(needs.map((n) => [n.field, n.column ?? n.guess])), ...picked };
  const setChosen = (f: (c: Record<string, number | null>) => Record<string, number | null>) => setPicked((p) => f(p));
  const kindLabel = (k: SourceKind) => t(`kind_${k}`);
  const headerLabel = (col: number | null | undefined) => (col === null || col === undefined ? t("mappingNone") : headers[col]);
  const missing = needs.filter((n) => chosen[n.field] === null || chosen[n.field] === undefined).map((n) => n.label);
  return (
    <div className={styles.section} data-testid={`mapping-${info.sheet}`}>
      <Caption1 className={styles.intro}>{t("mappingIntro", { sheet: info.sheet })}</Caption1>
      <div className={styles.row}>
        <Caption1>{t("mappingKind")}</Caption1>
        <Dropdown
          size="small"
          aria-label={t("mappingKind")}
          value={kindLabel(kind)}
          selectedOptions={[kind]}
          onOptionSelect={(_e, d) => {
            setKind(d.optionValue as SourceKind);
            setPicked({});
          }}
          data-testid="mapping-kind"
        >
          {SOURCE_KINDS.map((k) => (
            <Option key={k} value={k}>
              {kindLabel(k)}
            </Option>
          ))}
        </Dropdown>
      </div>
      <Table size="small" aria-label={t("mappingTitle")}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.fieldCol}>{t("mappingField")}</TableHeaderCell>
            <TableHeaderCell>{t("mappingHeader")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {needs.map((n) => (
            <TableRow key={n.field}>
              <TableCell>{n.label}</TableCell>
              <TableCell>
                <Dropdown
                  className={styles.wide}
                  size="small"
                  aria-label={t("mappingFieldLabel", { field: n.label })}
                  value={headerLabel(chosen[n.field])}
                  selectedOptions={[String(chosen[n.field] ?? "none")]}
                  onOptionSelect={(_e, d) => setChosen((c) => ({ ...c, [n.field]: d.optionValue === "none" ? null : Number(d.optionValue) }))}
                  data-testid={`mapping-field-${n.field}`}
                >
                  <Option value="none">{t("mappingNone")}</Option>
                  {headers.map((h, col) =>
                    h.trim() === "" ? null : (
                      <Option key={col} value={String(col)}>
                        {h}
                      </Option>
                    ),
                  )}
                </Dropdown>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {missing.length > 0 && <Caption1>{t("mappingMissing", { fields: missing.join("、") })}</Caption1>}
      <div>
        <Button appearance="primary" disabled={busy} onClick={() => onSave(info.sheet, kind, chosenMappings(kind, headers, needs, chosen))} data-testid="mapping-save">
          {t("mappingSave")}
        </Button>
      </div>
    </div>
  );
}

export interface ColumnMappingStepProps {
  t: Translate;
  /** The scan's sheets with the manager's kinds; those nobody recognised get a mapping form. */
  sources: readonly { info: SourceInfo; kind: string }[];
  busy: boolean;
  onSave(sheet: string, kind: SourceKind, mappings: ColumnMapping[]): void;
}

/** Nothing when every sheet was recognised; else one mapping form per unrecognised sheet. */
export function ColumnMappingStep({ t, sources, busy, onSave }: ColumnMappingStepProps): React.JSX.Element | null {
  const styles = useStyles();
  const sheets = unmapped(sources);
  if (sheets.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby="mapping-title" data-testid="mapping">
      <Subtitle2 id="mapping-title" as="h2">
        {t("mappingTitle")}
      </Subtitle2>
      {sheets.map(({ info, kind }) => (
        <SheetMapping key={`${info.sheet}\u0000${kind}\u0000${(info.recognition.headers ?? []).join("\u0001")}`} t={t} info={info} preset={kind} busy={busy} onSave={onSave} />
      ))}
    </section>
  );
}
