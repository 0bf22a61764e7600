/**
 * Roster (花名册): 工号, 姓名, 旺旺 (店铺:子账号), 岗位, 入职日期, 离职日期, 试用期至, 月度目标 → `Agent`s.
 * It maps an agent's three identities: staff number (order notes), name (attendance), nick (sales).
 */
import type { Agent } from "../model";
import { codeOf, dateOf, readDateTime, textOf } from "./cells";
import { colOf, EXPECT, rowBlank, type KindReader, type SheetContext } from "./context";
import type { Cell, Recognition } from "./types";

/**
 * A 别名 cell → its names: separated by 、 , ， ; ； | / or white space (a sub-account's own colon
 * stays inside its name), each trimmed, repeats dropped.
 * @example aliasList("小五、小店:小五 6号") // ["小五", "小店:小五", "6号"]
 */
export function aliasList(cell: Cell | undefined): string[] {
  const out: string[] = [];
  for (const part of textOf(cell).split(/[、,，;；|\/\s]+/)) if (part !== "" && !out.includes(part)) out.push(part);
  return out;
}

export function createRosterReader(ctx: SheetContext, rec: Recognition): KindReader {
  const c = rec.columns;
  const iStaff = colOf(c, "staffNo");
  const iName = colOf(c, "name");
  const iNick = colOf(c, "nick");
  const iRole = colOf(c, "role");
  const iHired = colOf(c, "hiredOn");
  const iTarget = colOf(c, "monthlyTarget");
  const iAliases = colOf(c, "aliases");
  const iLeft = colOf(c, "leftOn");
  const iProbation = colOf(c, "probationUntil");
  const columns = [iStaff, iName, iNick, iRole, iHired, iTarget, iAliases, iLeft, iProbation].filter((i) => i >= 0);
  /** An optional date column: blank → null; unreadable → a located warning and null. */
  const dateAt = (row: Cell[], i: number, rowNo: number, code: string): string | null => {
    if (i < 0) return null;
    const t = readDateTime(row[i]);
    if (t !== null && isNaN(t)) {
      ctx.bad("warning", code, rowNo, i, row[i], EXPECT.date, false);
      return null;
    }
    return t === null ? null : dateOf(t);
  };
  /**
   * 月度目标 in cents; null (the rules' default target) when blank, unreadable or negative. A
   * negative target makes every collected amount reach the performance bonus's threshold: it is
   * a slip, and paying a bonus on it would be the engine's guess. 0 is kept — the rules have no
   * "no target" value (blank is that) — but it pays the bonus on any month, even one with
   * nothing collected, so it is said.
   */
  const target = (row: Cell[], rowNo: number): number | null => {
    const v = ctx.money(row, iTarget, rowNo, "roster.target.invalid");
    if (v === null || v > 0) return v;
    const shown = (v / 100).toFixed(2);
    if (v < 0) {
      ctx.cell("error", "roster.target.negative", rowNo, iTarget, row[iTarget],
        `月度目标 ${shown} 为负数，应为 0 或正数；按未填写处理（用规则表的默认目标）`,
        `the monthly target ${shown} is negative; expected 0 or more: treated as blank (the rules' default target is used)`);
      return null;
    }
    ctx.cell("warning", "roster.target.zero", rowNo, iTarget, row[iTarget],
      "月度目标为 0：业绩奖的门槛也是 0，任何回款（包括 0）都得业绩奖；没有个人目标请留空（用规则表的默认目标）",
      "the monthly target is 0, so the performance bonus's threshold is 0 too and any month earns it, even one with nothing collected; leave it blank for no target of the agent's own (the rules' default is used)");
    return 0; // not -0: "-0" is a zero target too
  };
  const seen = new Map<string, number>();
  const out = ctx.data.roster;

  return {
    columns,
    read(row: Cell[], rowNo: number): boolean {
      if (rowBlank(row, columns)) return false;
      const staffNo = codeOf(row[iStaff]);
      if (staffNo === "") {
        ctx.cell("error", "roster.staffno.missing", rowNo, iStaff, "", "缺少工号；该行未导入", "the staff number (工号) is missing; the row is skipped");
        return true;
      }
      const first = seen.get(staffNo);
      if (first !== undefined) {
        ctx.cell(
          "warning",
          "roster.staffno.duplicate",
          rowNo,
          iStaff,
          staffNo,
          `工号 ${staffNo} 在第${first}行已出现；以第${first}行为准，本行未导入`,
          `staff number ${staffNo} already appears on row ${first}; row ${first} is used and this row is skipped`,
        );
        return true;
      }
      seen.set(staffNo, rowNo);
      const name = textOf(row[iName]);
      if (name === "") {
        ctx.cell("warning", "roster.name.missing", rowNo, iName, "", "缺少姓名；考勤表将无法按姓名对应此客服", "the name is missing; attendance rows cannot be matched to this agent by name");
      }
      const hiredOn = dateAt(row, iHired, rowNo, "roster.hiredOn.invalid");
      const agent: Agent = {
        staffNo,
        name,
        nick: iNick >= 0 ? textOf(row[iNick]) : "",
        role: iRole >= 0 ? textOf(row[iRole]) : "",
        hiredOn,
        ...(iLeft >= 0 ? { leftOn: dateAt(row, iLeft, rowNo, "roster.leftOn.invalid") } : {}),
        ...(iProbation >= 0 ? { probationUntil: dateAt(row, iProbation, rowNo, "roster.probationUntil.invalid") } : {}),
        monthlyTarget: target(row, rowNo),
        ...(iAliases >= 0 ? { aliases: aliasList(row[iAliases]) } : {}),
        source: { file: ctx.file, sheet: ctx.sheet, row: rowNo },
      };
      out.push(agent);
      return true;
    },
    finish(): void {},
  };
}
