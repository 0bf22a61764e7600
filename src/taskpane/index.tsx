/**
 * The pane's entry: wait for Office, pick the language, render. Outside Office (a browser test)
 * `Office.onReady` reports no host; the pane then uses a `window.Excel` a test put there.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { ExcelRun } from "../excel/types";
import { App } from "./App";
import { pickLang } from "./i18n";

declare global {
  interface Window {
    Excel?: { run: ExcelRun };
    /** Set by the browser test before the pane loads: a small page for 订单明细 (paging.ts). */
    KefuBoardOptions?: { detailPageRows?: number };
  }
}

function workbookName(): string {
  try {
    const url = Office.context?.document?.url ?? "";
    const name = decodeURIComponent(url.replace(/^.*[\\/]/, ""));
    if (name) return name;
  } catch {
    // No document URL outside Office.
  }
  return "工作簿 Workbook";
}

/** The page size for 订单明细, when a test set one (a positive whole number); else the default. */
function pageOption(): { detailPageRows?: number } {
  const n = window.KefuBoardOptions?.detailPageRows;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? { detailPageRows: n } : {};
}

function start(host: Office.HostType | null): void {
  const container = document.getElementById("container");
  if (!container) return;
  const excel = window.Excel;
  let displayLanguage: string | undefined;
  try {
    displayLanguage = Office.context?.displayLanguage;
  } catch {
    displayLanguage = undefined;
  }
  const lang = pickLang(displayLanguage || navigator.language);
  const root = createRoot(container);
  if (!excel || typeof excel.run !== "function") {
    root.render(<p>Excel is not available. 请在 Excel 中打开此加载项。</p>);
    return;
  }
  const run: ExcelRun = (batch) => excel.run(batch);
  root.render(
    <FluentProvider theme={webLightTheme}>
      <App run={run} lang={lang} file={workbookName()} inExcel={host === Office.HostType?.Excel} {...pageOption()} />
    </FluentProvider>,
  );
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady((info) => start(info.host ?? null));
} else {
  start(null);
}
