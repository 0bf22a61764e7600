// TEMPORARY stand-in for src/core/rules/sheet.ts (ENGINE helper's, not landed yet). Remove with the jest.mock lines.
import { defaultRules } from "../../src/core/rules/defaults";
export const rulesToRows = () => [["项目 Item", "值 Value"], ["pay.base", 1600]];
export const rulesFromRows = () => ({ rules: defaultRules(), problems: [] });
