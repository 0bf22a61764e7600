/**
 * Which sheets belong to the add-in. A report sheet carries worksheet custom properties: its
 * spec key (`kefuboard.owned`) and where its id and manager columns are (`kefuboard.layout`),
 * so a rebuild can replace it and carry the manager's entries over. A sheet without the marker
 * is the user's and is never written to, even when it has a report's name.
 */
import type { ExcelRun } from "./types";
import type { ManagerLayout } from "../core";

export const OWNED_PROPERTY = "kefuboard.owned";
export const LAYOUT_PROPERTY = "kefuboard.layout";
/**
 * "values" on the sheets of a build whose detail sheet was written in part (paging.ts): their
 * formulas into it were written as values, so a value there is no sign of a manager's typing.
 */
export const FORMULAS_PROPERTY = "kefuboard.formulas";

/** Where a report sheet keeps its row ids and manager columns (0-based column indexes): the spec's own layout. */
export type OwnedLayout = ManagerLayout;

export interface SheetInfo {
  name: string;
  /** The spec key when the add-in owns the sheet, else null. */
  owned: string | null;
  layout: OwnedLayout | null;
  position: number;
  /** Formulas into a detail sheet written in part were written as values (FORMULAS_PROPERTY). */
  valuesOnly?: boolean;
}

/** Excel's longest sheet name. */
const MAX_SHEET_NAME = 31;

export function parseLayout(text: string | null | undefined): OwnedLayout | null {
  if (!text) return null;
  try {
    const o = JSON.parse(text) as Partial<OwnedLayout>;
    if (typeof o.id !== "number" || typeof o.m !== "object" || o.m === null) return null;
    const m: Record<string, number> = {};
    for (const [k, v] of Object.entries(o.m)) if (typeof v === "number" && v >= 0) m[k] = v;
    return { id: o.id, m };
  } catch {
    return null;
  }
}

/** Every worksheet with its ownership, in two requests whatever the number of sheets. */
export async function listSheets(run: ExcelRun): Promise<SheetInfo[]> {
  return run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name,items/position");
    await ctx.sync();
    const props = sheets.items.map((ws) => {
      const owned = ws.customProperties.getItemOrNullObject(OWNED_PROPERTY);
      const layout = ws.customProperties.getItemOrNullObject(LAYOUT_PROPERTY);
      const formulas = ws.customProperties.getItemOrNullObject(FORMULAS_PROPERTY);
      owned.load("value");
      layout.load("value");
      formulas.load("value");
      return { ws, owned, layout, formulas };
    });
    await ctx.sync();
    return props.map(({ ws, owned, layout, formulas }) => ({
      name: ws.name,
      position: ws.position,
      owned: owned.isNullObject ? null : String(owned.value),
      layout: layout.isNullObject ? null : parseLayout(String(layout.value)),
      ...(!formulas.isNullObject && String(formulas.value) === "values" ? { valuesOnly: true } : {}),
    }));
  });
}

/**
 * The 规则 sheet: under its name, else the add-in's own rules sheet the manager renamed (its mark
 * survives a rename). Read under another name, the manager's rules would be passed over for the
 * defaults without a word, and every formula into '规则' would point at nothing.
 */
export function rulesSheetOf(sheets: readonly SheetInfo[], name: string): string | null {
  return sheets.find((s) => sameName(s.name, name))?.name ?? sheets.find((s) => s.owned === "rules")?.name ?? null;
}

export interface SheetTarget {
  /** The name the sheet will have. */
  name: string;
  /** Name of the owned sheet being replaced, or null when a new sheet is added. */
  replaces: string | null;
  /** The spec's name was taken by a sheet the add-in does not own. */
  renamed: boolean;
  /** Layout of the replaced sheet (for carrying manager columns). */
  layout: OwnedLayout | null;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Where the sheet of spec `key` named `wanted` goes: the add-in's own sheet of that key is
 * reused; a user's sheet of the same name is left alone and the report is written as
 * "name (2)" (or the next free number) instead. `taken` holds names already planned.
 */
export function planTarget(key: string, wanted: string, sheets: SheetInfo[], taken: Set<string>): SheetTarget {
  const isFree = (n: string) => !sheets.some((s) => sameName(s.name, n)) && ![...taken].some((t) => sameName(t, n));
  const mine = sheets.filter((s) => s.owned === key);
  const own = mine.find((s) => sameName(s.name, wanted)) ?? mine[0];
  const userHasName = sheets.some((s) => sameName(s.name, wanted) && s.owned !== key);
  let name: string;
  if (!userHasName && (own === undefined || sameName(own.name, wanted) || isFree(wanted))) name = wanted;
  else if (own !== undefined) name = own.name;
  else name = nextFreeName(wanted, isFree);
  taken.add(name);
  return { name, replaces: own?.name ?? null, renamed: !sameName(name, wanted), layout: own?.layout ?? null };
}

/** "绩效看板 (2)", "绩效看板 (3)" … within Excel's 31-character limit. */
export function nextFreeName(base: string, isFree: (n: string) => boolean): string {
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (isFree(name)) return name;
  }
}
