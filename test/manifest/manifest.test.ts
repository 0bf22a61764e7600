/**
 * @jest-environment jsdom
 *
 * manifest.xml checked offline: well-formed, every resid resolves, one https origin that
 * matches the webpack output names, the shared runtime wired to one page, the KEFU functions
 * declared, and Microsoft's own `office-addin-manifest info` reading it.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { checkManifest, checkSharedRuntime, customFunctionsResid } from "./manifest-checks";

const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const xml = fs.readFileSync(MANIFEST, "utf8");
const ORIGIN = "https://localhost:3000/";

function urlOf(rid: string | null): string {
  const res = rid ? checkManifest(xml).facts?.resources.get(rid) : undefined;
  return res?.value ?? "";
}

describe("manifest.xml structure", () => {
  test("is well-formed and passes every structural check", () => {
    const report = checkManifest(xml);
    expect(report.problems).toEqual([]);
    expect(checkSharedRuntime(xml)).toEqual([]);
  });

  test("has a fixed GUID and the bilingual display name", () => {
    const facts = checkManifest(xml).facts!;
    expect(facts.id).toBe("235f3742-20c4-43c1-b553-1058004bec0a");
    expect(facts.displayName).toBe("KefuBoard");
    expect(facts.displayNameOverrides).toEqual({ "zh-CN": "客服绩效台" });
    expect(xml).toMatch(/<DefaultLocale>en-US<\/DefaultLocale>/);
  });

  test("every label has a zh-CN override; the namespace is KEFU in every language", () => {
    const { resources } = checkManifest(xml).facts!;
    for (const [rid, res] of resources) {
      if (res.kind !== "shortString" && res.kind !== "longString") continue;
      if (rid === customFunctionsResid(xml, "Namespace")) {
        expect(res.value).toBe("KEFU");
        expect(res.overrides).toEqual({});
      } else {
        expect([rid, res.overrides["zh-CN"] ?? ""]).toEqual([rid, expect.stringMatching(/[\u4e00-\u9fff]/)]);
      }
    }
  });

  test("all URLs are on one https origin", () => {
    const { urls } = checkManifest(xml).facts!;
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u.startsWith(ORIGIN)).toBe(true);
  });

  test("custom functions Script, Page and Metadata point at the webpack output names", () => {
    expect(urlOf(customFunctionsResid(xml, "Script"))).toBe(ORIGIN + "functions.js");
    expect(urlOf(customFunctionsResid(xml, "Page"))).toBe(ORIGIN + "taskpane.html");
    expect(urlOf(customFunctionsResid(xml, "Metadata"))).toBe(ORIGIN + "functions.json");
  });

  test("every icon the manifest names exists under assets/ as a PNG of that size", () => {
    const icons = checkManifest(xml).facts!.urls.filter((u) => u.endsWith(".png"));
    expect(icons.length).toBeGreaterThanOrEqual(4);
    for (const u of icons) {
      const rel = u.slice(ORIGIN.length);
      const bytes = fs.readFileSync(path.join(ROOT, rel));
      expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
      const size = Number(/icon-(\d+)\.png$/.exec(rel)![1]);
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});

describe("manifest.xml and the webpack build agree", () => {
  // The webpack config reads KEFU_ADDIN_URL when it is loaded; load a fresh copy per case.
  function loadConfig(env: Record<string, string | undefined>, mode: string) {
    const saved = process.env.KEFU_ADDIN_URL;
    process.env.KEFU_ADDIN_URL = env.KEFU_ADDIN_URL;
    if (env.KEFU_ADDIN_URL === undefined) delete process.env.KEFU_ADDIN_URL;
    let config: any;
    jest.isolateModules(() => {
      config = require(path.join(ROOT, "webpack.config.js"))({}, { mode });
    });
    if (saved === undefined) delete process.env.KEFU_ADDIN_URL;
    else process.env.KEFU_ADDIN_URL = saved;
    return config;
  }

  test("the page, script and metadata names are the ones webpack emits", () => {
    const config = loadConfig({}, "production");
    expect(config.output.filename).toBe("[name].js");
    expect(Object.keys(config.entry)).toContain("functions");
    const html = config.plugins.find((p: any) => p.constructor.name === "HtmlWebpackPlugin");
    expect(html.userOptions.filename).toBe("taskpane.html");
    expect(html.userOptions.chunks).toContain("functions");
    const meta = config.plugins.find((p: any) => p.constructor.name === "CustomFunctionsMetadataPlugin");
    expect(meta.options.output).toBe("functions.json");
    expect(path.resolve(ROOT, meta.options.input)).toBe(path.join(ROOT, "src/functions/functions.ts"));
  });

  test("the production copy moves every URL to KEFU_ADDIN_URL and stays valid", () => {
    const config = loadConfig({ KEFU_ADDIN_URL: "https://kefu.example.cn/addin/" }, "production");
    const copy = config.plugins.find((p: any) => p.constructor.name === "CopyPlugin");
    const pattern = copy.patterns.find((p: any) => p.from === "manifest*.xml");
    const out = String(pattern.transform(Buffer.from(xml)));
    expect(out).not.toContain("localhost");
    const report = checkManifest(out);
    expect(report.problems).toEqual([]);
    for (const u of report.facts!.urls) expect(u.startsWith("https://kefu.example.cn/addin/")).toBe(true);
    expect(checkSharedRuntime(out)).toEqual([]);
  });
});

describe("the checks catch broken manifests", () => {
  const cases: [string, (x: string) => string, RegExp][] = [
    ["malformed XML", (x) => x.replace("</DisplayName>", ""), /not well-formed/],
    ["an undefined resid", (x) => x.replace('resid="Kefu.Group.Label"', 'resid="Kefu.Group.Lable"'), /"Kefu.Group.Lable", which Resources does not define/],
    ["a resid of the wrong kind", (x) => x.replace('<Namespace resid="Functions.Namespace"/>', '<Namespace resid="Taskpane.Url"/>'), /a url, expected shortString/],
    ["a duplicate resource", (x) => x.replace('<bt:Url id="Functions.Script.Url"', '<bt:Url id="Taskpane.Url"'), /defined twice/],
    ["a second origin", (x) => x.replace("https://localhost:3000/functions.json", "https://cdn.example.com/functions.json"), /functions.json is not under https:\/\/localhost:3000\//],
    ["a plain-http URL", (x) => x.replace('DefaultValue="https://localhost:3000/assets/icon-16.png"', 'DefaultValue="http://localhost:3000/assets/icon-16.png"'), /not https/],
  ];
  test.each(cases)("%s", (_name, mutate, expected) => {
    const broken = mutate(xml);
    expect(broken).not.toBe(xml);
    expect(checkManifest(broken).problems.join("\n")).toMatch(expected);
  });

  const runtimeCases: [string, (x: string) => string, RegExp][] = [
    ["no SharedRuntime set", (x) => x.replace('<Set Name="SharedRuntime" MinVersion="1.1"/>', ""), /no SharedRuntime set/],
    ["short lifetime", (x) => x.replace('lifetime="long"', 'lifetime="short"'), /lifetime must be "long"/],
    ["no Runtimes", (x) => x.replace(/<Runtimes>[\s\S]*?<\/Runtimes>/, ""), /Runtimes must be the first element/],
    ["Page on another page", (x) => x.replace(/(<Page>\s*<SourceLocation resid=")Taskpane.Url/, "$1Functions.Script.Url"), /CustomFunctions Page uses resid "Functions.Script.Url"/],
    ["no Metadata", (x) => x.replace(/<Metadata>[\s\S]*?<\/Metadata>/, ""), /Metadata has no SourceLocation/],
  ];
  test.each(runtimeCases)("%s", (_name, mutate, expected) => {
    const broken = mutate(xml);
    expect(broken).not.toBe(xml);
    expect(checkSharedRuntime(broken).join("\n")).toMatch(expected);
  });
});

describe("office-addin-manifest info (Microsoft's reader, offline)", () => {
  test("reads the manifest and prints its id, name and type", () => {
    const bin = path.join(ROOT, "node_modules/.bin/office-addin-manifest");
    const out = execFileSync(bin, ["info", MANIFEST], { cwd: ROOT, encoding: "utf8", timeout: 30000 });
    expect(out).toMatch(/Id: 235f3742-20c4-43c1-b553-1058004bec0a/);
    expect(out).toMatch(/Name: KefuBoard/);
    expect(out).toMatch(/Type: TaskPaneApp/);
    expect(out).toMatch(/Hosts: Workbook/);
    expect(out).toMatch(/Source Location: https:\/\/localhost:3000\/taskpane\.html/);
  });
});
