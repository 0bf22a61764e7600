/**
 * The pane's one message catalogue. Office's display language picks the column; anything not
 * Chinese reads English. In Chinese, titles and buttons carry the English beside them (Chinese
 * first, as on the sheets); messages stay in one language. `{name}` placeholders are filled by
 * `t()` as plain text (never HTML).
 */
const zh = {
  appTitle: "客服绩效台",
  appSubtitle: "KefuBoard · 淘宝/天猫客服绩效、罚款、对账、提成",
  sourcesTitle: "1. 数据来源 Sources",
  scan: "扫描工作表 Scan",
  scanning: "正在扫描…",
  noSources: "还没有识别到导出表。点“扫描工作表”，或导入文件。",
  colSheet: "工作表",
  colKind: "类型",
  colRows: "行数",
  colMonth: "月份",
  kindLabel: "{sheet} 的类型",
  kind_orders: "订单",
  kind_attendance: "考勤",
  kind_sales: "客服绩效",
  kind_roster: "花名册",
  kind_incidents: "违规记录",
  kind_refunds: "退款报表",
  kind_affiliate: "淘宝客订单",
  kind_returnShipping: "运费补贴",
  kind_ignore: "忽略",
  importFile: "导入文件 Import a file",
  importHint: "CSV 或 xlsx：自动识别编码，订单编号保持为文本，日期为日期",
  importing: "正在导入 {file}…",
  imported: "已导入为新工作表“{sheet}”（识别为 {kind}，{rows} 行）",
  importedUnknown: "已导入为新工作表“{sheet}”，但未识别出表头",
  xlsxUnavailable: "此环境无法读取 xlsx 文件：{reason}",
  monthTitle: "2. 月份与规则 Month and rules",
  month: "月份",
  monthAuto: "自动（付款订单最多的月份）",
  shop: "店铺 Shop",
  shopAll: "全部店铺 All shops",
  buildWhyNoOrders: "不能生成：第 1 步还没有选择订单表（扫描工作表或导入订单导出）。",
  buildWhyScanning: "正在读取数据来源，请稍候。",
  openRules: "打开规则 Open rules",
  rulesCreated: "已按默认值创建“规则”工作表，可直接修改。",
  rulesOk: "“规则”工作表有效。",
  buildTitle: "3. 生成报表 Build",
  previousBoard: "上月看板（可选：追回上月订单的退款）",
  previousNone: "未选择",
  previousChoose: "选择文件 Choose file",
  previousClear: "清除 Clear",
  build: "生成报表 Build",
  cancel: "取消 Cancel",
  cancelled: "已取消。已写入的表会在下次生成时替换。",
  step_manager: "读取经理填写的内容",
  step_rules: "读取规则",
  step_read: "读取 {sheet}",
  step_compute: "计算报表",
  step_prepare: "准备 {sheet}",
  step_write: "写入 {sheet}",
  step_format: "设置格式 {sheet}",
  step_done: "完成",
  resultTitle: "4. 结果 Result",
  resultMonth: "{month} 月报已生成",
  agents: "客服人数",
  shopTotal: "全店回款",
  fund: "部门基金",
  unattributed: "未归属订单",
  unattributedValue: "{count} 单 / {amount}",
  top3: "KPI 前三",
  problems: "问题",
  problemsValue: "{count} 条（错误 {errors}）",
  open: "查看{sheet}",
  detailPartial: "“{sheet}”共 {total} 行，已写入前 {rows} 行；各表的合计和数字按全部 {total} 行计算。",
  detailWhole: "“{sheet}”的 {total} 行已全部写入。",
  writeMore: "写入更多订单明细（再写 {count} 行）Write more detail rows",
  writingMore: "正在写入…",
  moreWritten: "“{sheet}”已写入前 {rows} 行，共 {total} 行。",
  previousPaged: "上月看板 {file} 的“订单明细”只写入了前 {rows} 行（共 {total} 行）：追回只能看到这些订单。请先在上月工作簿中写入全部订单明细，或改用上月的 JSON 文件。",
  truncated: "截断的单元格",
  truncatedValue: "{count} 个单元格超过 Excel 上限 32,767 个字符，已截断并在末尾标「…[截断 truncated]」：{sheets}",
  truncatedSheet: "{sheet} {count} 个",
  workerFallback: "后台线程（worker.js）无法启动，改在本窗格中运行，可能较慢。原因：{reason}",
  fileProblemsTitle: "{file} 已导入，但有问题",
  errorTitle: "出错了",
  noOrders: "没有选择订单表，无法生成报表。",
  notInExcel: "未在 Excel 中运行：使用测试工作簿。",
  mappingTitle: "对应列名 Map columns",
  mappingIntro: "“{sheet}”的表头没有认出来。选择它是哪种表，再为每个需要的字段选文件中的列（已按列名预选最像的一列）。保存后写入“规则”工作表的【列名】，以后每个月和命令行（--rules）都会用。",
  mappingKind: "这是哪种表",
  mappingField: "需要的字段",
  mappingHeader: "文件中的列",
  mappingNone: "（没有这一列）",
  mappingFieldLabel: "{field} 对应的列",
  mappingSave: "保存到规则表 Save to rules",
  mappingSaved: "已在“规则”工作表【列名】中加入 {count} 行；重新扫描后“{sheet}”按{kind}读取。",
  mappingNothing: "没有需要保存的对应：所选的列名本来就能识别。",
  mappingMissing: "还有必需的字段没有选列：{fields}",
};

type Catalogue = typeof zh;
export type MessageKey = keyof Catalogue;

const en: Catalogue = {
  appTitle: "KefuBoard",
  appSubtitle: "客服绩效台 · performance, fines, reconciliation, commission for Taobao/Tmall service teams",
  sourcesTitle: "1. Sources",
  scan: "Scan sheets",
  scanning: "Scanning…",
  noSources: "No export recognised yet. Scan the workbook or import a file.",
  colSheet: "Sheet",
  colKind: "Kind",
  colRows: "Rows",
  colMonth: "Month",
  kindLabel: "Kind of {sheet}",
  kind_orders: "Orders",
  kind_attendance: "Attendance",
  kind_sales: "Chat sales",
  kind_roster: "Roster",
  kind_incidents: "Incidents",
  kind_refunds: "Refund report",
  kind_affiliate: "Affiliate orders",
  kind_returnShipping: "Return shipping",
  kind_ignore: "Ignore",
  importFile: "Import a file",
  importHint: "CSV or xlsx: encoding detected, order ids kept as text, dates as dates",
  importing: "Importing {file}…",
  imported: 'Imported as the new sheet "{sheet}" (recognised as {kind}, {rows} rows)',
  importedUnknown: 'Imported as the new sheet "{sheet}", but its headers were not recognised',
  xlsxUnavailable: "xlsx files cannot be read here: {reason}",
  monthTitle: "2. Month and rules",
  month: "Month",
  monthAuto: "Automatic (the month most paid orders fall in)",
  shop: "Shop",
  shopAll: "All shops",
  buildWhyNoOrders: "Cannot build yet: no orders sheet is chosen in step 1 (scan the sheets or import an orders export).",
  buildWhyScanning: "Reading the sources, one moment.",
  openRules: "Open rules",
  rulesCreated: 'Created the "规则" (rules) sheet from the defaults; edit it as you need.',
  rulesOk: 'The "规则" (rules) sheet is valid.',
  buildTitle: "3. Build",
  previousBoard: "Last month's board (optional: claw back its orders' refunds)",
  previousNone: "none chosen",
  previousChoose: "Choose file",
  previousClear: "Clear",
  build: "Build reports",
  cancel: "Cancel",
  cancelled: "Cancelled. Sheets already written are replaced on the next build.",
  step_manager: "Reading manager entries",
  step_rules: "Reading rules",
  step_read: "Reading {sheet}",
  step_compute: "Computing reports",
  step_prepare: "Preparing {sheet}",
  step_write: "Writing {sheet}",
  step_format: "Formatting {sheet}",
  step_done: "Done",
  resultTitle: "4. Result",
  resultMonth: "Reports for {month} are ready",
  agents: "Agents",
  shopTotal: "Shop collected",
  fund: "Department fund",
  unattributed: "Unattributed orders",
  unattributedValue: "{count} orders / {amount}",
  top3: "Top 3 by KPI",
  problems: "Problems",
  problemsValue: "{count} ({errors} errors)",
  open: "Open {sheet}",
  detailPartial: "\"{sheet}\" has {total} rows; the first {rows} are written. Every total and figure counts all {total} rows.",
  detailWhole: "All {total} rows of \"{sheet}\" are written.",
  writeMore: "Write more detail rows (next {count})",
  writingMore: "Writing…",
  moreWritten: "\"{sheet}\": the first {rows} of {total} rows are written.",
  previousPaged: "Last month's board {file} holds only the first {rows} of {total} rows of 订单明细: the clawback sees only those orders. Write every detail row into last month's workbook first, or choose last month's JSON file instead.",
  truncated: "Cut cells",
  truncatedValue: "{count} cells held more than Excel's 32,767 characters and were cut, marked \"…[截断 truncated]\" at the end: {sheets}",
  truncatedSheet: "{sheet}: {count}",
  workerFallback: "The background worker (worker.js) could not start, so this runs in the pane itself and may be slower. Reason: {reason}",
  fileProblemsTitle: "{file} was imported, with problems",
  errorTitle: "Something went wrong",
  noOrders: "No orders sheet is selected, so there is nothing to build.",
  notInExcel: "Not running inside Excel: using the test workbook.",
  mappingTitle: "Map columns",
  mappingIntro: 'The headers of "{sheet}" were not recognised. Choose what kind of export it is, then the file\'s column for each needed field (the most alike header is preselected). Saved in the 规则 sheet\'s 【列名】 block, it is used every later month and by the command line (--rules).',
  mappingKind: "Kind of export",
  mappingField: "Needed field",
  mappingHeader: "Column in the file",
  mappingNone: "(no such column)",
  mappingFieldLabel: "Column for {field}",
  mappingSave: "Save to the rules sheet",
  mappingSaved: 'Added {count} rows to the 规则 sheet\'s 【列名】 block; after the rescan "{sheet}" is read as {kind}.',
  mappingNothing: "Nothing to save: the chosen headers are recognised already.",
  mappingMissing: "Some needed fields have no column yet: {fields}",
};

export type Lang = "zh-CN" | "en-US";
const CATALOGUES: Record<Lang, Catalogue> = { "zh-CN": zh, "en-US": en };

/** Office's display language ("zh-CN", "zh-TW", "en-US" …) → the catalogue used. */
export function pickLang(displayLanguage: string | undefined | null): Lang {
  return (displayLanguage ?? "").toLowerCase().startsWith("zh") ? "zh-CN" : "en-US";
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const cat = CATALOGUES[lang];
  return (key, params) => {
    const text = cat[key] ?? zh[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text;
  };
}

/** Money in cents as the pane shows it: ¥1,234.50. */
export function formatCents(cents: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { style: "currency", currency: "CNY" }).format(cents / 100);
}

/** Both catalogues have the same keys (checked by the tests). */
export const CATALOGUE_KEYS = { zh: Object.keys(zh), en: Object.keys(en) };
export function catalogue(lang: Lang): Readonly<Catalogue> {
  return CATALOGUES[lang];
}
