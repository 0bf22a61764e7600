import * as React from "react";
import {
  Body1,
  Divider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { kindEn, kindZh } from "../core";
import { KefuError, type Problem } from "../core";
import { defaultRules } from "../core";
import { rulesFromRows } from "../core";
import { buildRulesSheet } from "../core";
import { SHEET_NAMES } from "../core";
import { selectRange } from "../excel/navigate";
import { readSheetRows, scanSources } from "../excel/read";
import { addSourceSheet } from "../excel/sourceSheet";
import { CancelledError, type ExcelRun, type Progress } from "../excel/types";
import { writeMoreRows, writeWorkbookSpec } from "../excel/write";
import { DETAIL_PAGE_ROWS } from "../excel/paging";
import { BuildPanel } from "./components/BuildPanel";
import { MonthRules } from "./components/MonthRules";
import { ResultPanel } from "./components/ResultPanel";
import { Sources, type KindChoice, type SourceRow } from "./components/Sources";
import { ColumnMappingStep } from "./components/ColumnMapping";
import { saveColumnMappings } from "../excel/columnMapping";
import type { ColumnMapping, SourceKind } from "../core";
import { createEngine, type EngineEvents, type EngineFactory } from "./engineClient";
import { importFileSheets, type FileRead } from "./fileImport";
import { addBoards, boardInputs, boardRows, readBoardFile, removeBoard, type ChosenBoard } from "./previousBoards";
import { translator, type Lang } from "./i18n";
import { runBuild, type BuildResult } from "./pipeline";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    maxWidth: "640px",
  },
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  subtitle: { color: tokens.colorNeutralForeground3 },
  notices: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
});

export interface Notice {
  id: number;
  intent: "info" | "success" | "warning" | "error";
  title?: string;
  lines: string[];
}

export interface AppProps {
  run: ExcelRun;
  lang: Lang;
  /** Workbook name used in problem locations. */
  file: string;
  inExcel: boolean;
  /** Where import + reports run; defaults to a Web Worker with an in-pane fallback. */
  engineFactory?: EngineFactory;
  /** How "Import a file" reads a chosen file; defaults to the worker (CSV) with an in-pane fallback. */
  readFile?: (name: string, bytes: Uint8Array, events: EngineEvents) => Promise<FileRead>;
  /** Rows above which 订单明细 is written in pages, and rows per "write more" (default DETAIL_PAGE_ROWS). */
  detailPageRows?: number;
}

let noticeId = 0;

/** Chinese first, English beside, as every problem carries both. */
function problemLine(p: Problem, lang: Lang): string {
  const where = [p.sheet, p.row !== null ? `#${p.row}` : "", p.column ?? ""].filter(Boolean).join(" ");
  return `${where ? where + ": " : ""}${lang === "zh-CN" ? p.zh : p.en}`;
}

export function App({ run, lang, file, inExcel, engineFactory = createEngine, readFile = importFileSheets, detailPageRows = DETAIL_PAGE_ROWS }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const t = React.useMemo(() => translator(lang), [lang]);
  const [sources, setSources] = React.useState<SourceRow[]>([]);
  const [scanning, setScanning] = React.useState(false);
  const [importing, setImporting] = React.useState(false);
  const [month, setMonth] = React.useState("");
  const [notices, setNotices] = React.useState<Notice[]>([]);
  const [running, setRunning] = React.useState(false);
  const [progress, setProgress] = React.useState<Progress | null>(null);
  const [result, setResult] = React.useState<BuildResult | null>(null);
  // The shops for the shop choice: the scan sees a sheet's first rows, a build every shop its orders name.
  const [builtShops, setBuiltShops] = React.useState<string[]>([]);
  const abort = React.useRef<AbortController | null>(null);
  const fallbackTold = React.useRef(false);

  const notify = React.useCallback((n: Omit<Notice, "id">) => setNotices((ns) => [...ns, { ...n, id: ++noticeId }]), []);
  const fail = React.useCallback(
    (e: unknown, file?: string) => {
      if (e instanceof CancelledError) return notify({ intent: "warning", lines: [t("cancelled")] });
      const lines = e instanceof KefuError ? e.problems.slice(0, 20).map((p) => problemLine(p, lang)) : [e instanceof Error ? e.message : String(e)];
      // A file's error names the file.
      notify({ intent: "error", title: file ? `${t("errorTitle")}：${file}` : t("errorTitle"), lines });
    },
    [lang, notify, t],
  );

  // Where the work runs is the pane's business, but a slower in-page run is worth one notice.
  const engineEvents = React.useMemo<EngineEvents>(
    () => ({
      onFallback(reason) {
        if (fallbackTold.current) return;
        fallbackTold.current = true;
        notify({ intent: "warning", lines: [t("workerFallback", { reason })] });
      },
    }),
    [notify, t],
  );

  const scan = React.useCallback(async () => {
    setScanning(true);
    try {
      const found = await scanSources(run);
      // A rescan keeps the manager's corrections for sheets already listed.
      // A sheet recognised only now (after its columns were mapped) takes its new kind.
      setSources((prev) =>
        found.map((info) => {
          const before = prev.find((p) => p.info.sheet === info.sheet);
          return { info, kind: before && !(before.info.kind === null && before.kind === "ignore") ? before.kind : info.kind ?? "ignore" };
        }),
      );
      const months = found.filter((s) => s.kind === "orders" && s.month).map((s) => s.month!);
      const any = months[0] ?? found.find((s) => s.month)?.month;
      if (any) setMonth((m) => m || any);
    } catch (e) {
      fail(e);
    } finally {
      setScanning(false);
    }
  }, [run, fail]);

  React.useEffect(() => {
    void scan();
  }, [scan]);

  const importFile = async (f: File) => {
    setImporting(true);
    // New sources: the last build's result and the earlier import messages no longer apply.
    setResult(null);
    setBuiltShops([]);
    setNotices([]);
    try {
      const read = await readFile(f.name, new Uint8Array(await f.arrayBuffer()), engineEvents);
      if (read.problems.length > 0) {
        notify({ intent: "warning", title: t("fileProblemsTitle", { file: f.name }), lines: read.problems.slice(0, 20).map((p) => problemLine(p, lang)) });
      }
      for (const s of read.sheets) {
        const added = await addSourceSheet(run, s.name, s.rows);
        const k = added.recognition.kind;
        notify(
          k
            ? { intent: "success", lines: [t("imported", { sheet: added.name, kind: lang === "zh-CN" ? kindZh(k) : kindEn(k), rows: added.rows })] }
            : { intent: "warning", lines: [t("importedUnknown", { sheet: added.name })] },
        );
      }
      await scan();
    } catch (e) {
      fail(e, f.name);
    } finally {
      setImporting(false);
    }
  };

  const openRules = async () => {
    try {
      const rows = await readSheetRows(run, SHEET_NAMES.rules.name);
      if (rows === null) {
        await writeWorkbookSpec(run, { month, sheets: [buildRulesSheet(defaultRules(), month)] });
        notify({ intent: "success", lines: [t("rulesCreated")] });
      } else {
        const r = rulesFromRows(rows, { file, sheet: SHEET_NAMES.rules.name });
        const bad = r.problems.some((p) => p.severity === "error");
        notify(
          r.problems.length === 0
            ? { intent: "success", lines: [t("rulesOk")] }
            : { intent: bad ? "error" : "warning", lines: r.problems.slice(0, 20).map((p) => problemLine(p, lang)) },
        );
      }
      await selectRange(run, SHEET_NAMES.rules.name, "A1");
    } catch (e) {
      fail(e);
    }
  };

  const knownMonths = React.useMemo(() => [...new Set(sources.map((s) => s.info.month).filter((m): m is string => !!m))], [sources]);
  const chosen = sources.filter((s) => s.kind !== "ignore").map((s) => ({ sheet: s.info.sheet, kind: s.kind as Exclude<KindChoice, "ignore"> }));
  const hasOrders = chosen.some((s) => s.kind === "orders");
  // The shops the engine's import read in the order sources (店铺名称); the choice goes to the build as --shop does.
  const shopsKey = [...sources.filter((s) => s.kind === "orders").flatMap((s) => s.info.shops ?? []), ...builtShops].join("\u0000");
  const shops = React.useMemo(() => [...new Set(shopsKey ? shopsKey.split("\u0000") : [])].sort(), [shopsKey]);
  const [shop, setShop] = React.useState("");
  const chosenShop = shops.length >= 2 && shops.includes(shop) ? shop : null;

  const [boards, setBoards] = React.useState<ChosenBoard[]>([]);
  /** Earlier boards (the command line's --previous): each file read as core reads a board, added to the list. */
  const addBoardFiles = async (files: File[]) => {
    const read: ChosenBoard[] = [];
    for (const f of files) {
      try {
        read.push(await readBoardFile(f.name, new Uint8Array(await f.arrayBuffer())));
      } catch (e) {
        fail(e, f.name);
      }
    }
    setBoards((bs) => addBoards(bs, read));
  };
  const monthBuilt = /^\d{4}-\d{2}$/.test(month) ? month : null;
  const boardList = React.useMemo(() => boardRows(boards, monthBuilt, t, lang), [boards, monthBuilt, t, lang]);

  const build = async () => {
    if (!hasOrders) return notify({ intent: "warning", lines: [t("noOrders")] });
    const ctrl = new AbortController();
    abort.current = ctrl;
    setRunning(true);
    setResult(null);
    setProgress(null);
    try {
      const r = await runBuild({
        run,
        sources: chosen,
        month: monthBuilt,
        file,
        engine: engineFactory(file, engineEvents),
        signal: ctrl.signal,
        onStep: setProgress,
        ...(boards.length > 0 ? { previous: boardInputs(boards) } : {}),
        shop: chosenShop,
        detailPageRows,
      });
      setResult(r);
      setBuiltShops(r.summary.shops ?? []);
      if (!month) setMonth(r.summary.month);
      for (const m of r.write.messages) notify({ intent: "info", lines: [lang === "zh-CN" ? m.zh : m.en] });
    } catch (e) {
      fail(e);
    } finally {
      setRunning(false);
      abort.current = null;
    }
  };

  const open = (sheet: string, address: string) => {
    selectRange(run, sheet, address).catch(fail);
  };

  // The next page of a detail sheet written in part (the pane kept its rows: result.detail).
  const [writingMore, setWritingMore] = React.useState<string | null>(null);
  const writeMore = async (key: string) => {
    const sheet = result?.write.sheets.find((w) => w.key === key);
    if (!result?.detail || !sheet || writingMore !== null) return;
    setWritingMore(key);
    try {
      const next = await writeMoreRows(run, result.detail, sheet, detailPageRows);
      setResult((r) => r && { ...r, write: { ...r.write, sheets: r.write.sheets.map((w) => (w.key === key ? next : w)) } });
      notify({ intent: "success", lines: [t("moreWritten", { sheet: next.name, rows: next.rows.toLocaleString(lang), total: (next.total ?? next.rows).toLocaleString(lang) })] });
    } catch (e) {
      fail(e);
    } finally {
      setWritingMore(null);
    }
  };

  // Stable handlers for the memoised sections (they always call the latest closures).
  const latest = React.useRef({ scan, importFile, openRules, open, writeMore });
  latest.current = { scan, importFile, openRules, open, writeMore };
  const onWriteMore = React.useCallback((key: string) => void latest.current.writeMore(key), []);
  const onScan = React.useCallback(() => void latest.current.scan(), []);
  const onImportFile = React.useCallback((f: File) => void latest.current.importFile(f), []);
  const onOpenRules = React.useCallback(() => void latest.current.openRules(), []);
  const onOpen = React.useCallback((sheet: string, address: string) => latest.current.open(sheet, address), []);
  const [savingMapping, setSavingMapping] = React.useState(false);
  const saveMapping = async (sheet: string, kind: SourceKind, mappings: ColumnMapping[]) => {
    if (mappings.length === 0) return notify({ intent: "info", lines: [t("mappingNothing")] });
    setSavingMapping(true);
    try {
      const r = await saveColumnMappings(run, mappings, month);
      notify({ intent: "success", lines: [t("mappingSaved", { count: r.added, sheet, kind: lang === "zh-CN" ? kindZh(kind) : kindEn(kind) })] });
      await scan();
    } catch (e) {
      fail(e);
    } finally {
      setSavingMapping(false);
    }
  };
  const latestMapping = React.useRef(saveMapping);
  latestMapping.current = saveMapping;
  const onSaveMapping = React.useCallback((sheet: string, kind: SourceKind, mappings: ColumnMapping[]) => void latestMapping.current(sheet, kind, mappings), []);
  const onKindChange = React.useCallback((sheet: string, kind: KindChoice) => {
    setSources((ss) => ss.map((s) => (s.info.sheet === sheet ? { ...s, kind } : s)));
    // The result described other sources: it goes, with the messages about them.
    setResult(null);
    setBuiltShops([]);
    setNotices([]);
  }, []);

  return (
    <main className={styles.root} lang={lang}>
      <header className={styles.header}>
        <Title3 as="h1">{t("appTitle")}</Title3>
        <Body1 className={styles.subtitle}>{t("appSubtitle")}</Body1>
      </header>
      {!inExcel && (
        <MessageBar intent="info">
          <MessageBarBody>{t("notInExcel")}</MessageBarBody>
        </MessageBar>
      )}
      <Sources
        t={t}
        sources={sources}
        scanning={scanning}
        importing={importing}
        onScan={onScan}
        onKindChange={onKindChange}
        onImportFile={onImportFile}
      />
      <ColumnMappingStep t={t} sources={sources} busy={savingMapping || scanning} onSave={onSaveMapping} />
      <Divider />
      <MonthRules t={t} lang={lang} month={month} known={knownMonths} busy={running} onMonth={setMonth} onOpenRules={onOpenRules} shops={shops} shop={chosenShop ?? ""} onShop={setShop} />
      <Divider />
      <BuildPanel
        t={t}
        running={running}
        progress={progress}
        disabledReason={scanning || importing ? t("buildWhyScanning") : !hasOrders ? t("buildWhyNoOrders") : null}
        onBuild={() => void build()}
        boards={boardList}
        onBoardFiles={(fs) => void addBoardFiles(fs)}
        onBoardRemove={(file) => setBoards((bs) => removeBoard(bs, file))}
        onCancel={() => abort.current?.abort()}
      />
      {notices.length > 0 && (
        <div className={styles.notices} aria-live="polite" data-testid="notices">
          {notices.map((n) => (
            <MessageBar key={n.id} intent={n.intent}>
              <MessageBarBody>
                {n.title && <MessageBarTitle>{n.title}</MessageBarTitle>}
                {n.lines.map((l, i) => (
                  <div key={i}>{l}</div>
                ))}
              </MessageBarBody>
            </MessageBar>
          ))}
        </div>
      )}
      {result && (
        <>
          <Divider />
          <ResultPanel t={t} lang={lang} result={result} onOpen={onOpen} onWriteMore={onWriteMore} writingMore={writingMore} pageRows={detailPageRows} />
        </>
      )}
    </main>
  );
}
