/**
 * Offline checks for the add-in manifest (Microsoft's validator is an online service and no
 * package ships XSDs that accept <Runtimes>). Each check returns readable problems instead of
 * throwing, so the tests can show that a broken manifest is caught, not only that ours passes.
 *
 * Needs a DOM: run under the jsdom test environment (its XML parser is strict and
 * namespace-aware).
 */

export const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
} as const;

export type ResourceKind = "image" | "url" | "shortString" | "longString";

export interface ManifestFacts {
  id: string;
  displayName: string;
  displayNameOverrides: Record<string, string>;
  /** Resource id → kind and default value. */
  resources: Map<string, { kind: ResourceKind; value: string; overrides: Record<string, string> }>;
  /** Every absolute URL the manifest holds (attribute values and resources). */
  urls: string[];
}

export interface ManifestReport {
  problems: string[];
  facts: ManifestFacts | null;
}

export function parseXml(xml: string): { doc: Document | null; error: string | null } {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const err = doc.getElementsByTagName("parsererror")[0];
  return err ? { doc: null, error: err.textContent ?? "parse error" } : { doc, error: null };
}

const RESOURCE_TAGS: Record<string, ResourceKind> = {
  Images: "image",
  Urls: "url",
  ShortStrings: "shortString",
  LongStrings: "longString",
};

/** Which resource kind an element with `resid` must point at, by the element's local name. */
function expectedKind(el: Element): ResourceKind[] {
  switch (el.localName) {
    case "Image":
      return ["image"];
    case "SourceLocation":
    case "Runtime":
    case "FunctionFile":
    case "LearnMoreUrl":
      return ["url"];
    case "Namespace":
    case "Label":
    case "Title":
      return ["shortString"];
    case "Description":
      return ["longString"];
    default:
      return ["image", "url", "shortString", "longString"];
  }
}

function overridesOf(el: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const child of Array.from(el.children)) {
    if (child.localName === "Override") out[child.getAttribute("Locale") ?? ""] = child.getAttribute("Value") ?? "";
  }
  return out;
}

function path(el: Element): string {
  const parts: string[] = [];
  for (let e: Element | null = el; e; e = e.parentElement) {
    const id = e.getAttribute("id");
    parts.unshift(e.localName + (id ? `#${id}` : ""));
  }
  return parts.join("/");
}

/** Direct children in a namespace with a local name. */
function kids(el: Element, ns: string, name: string): Element[] {
  return Array.from(el.children).filter((c) => c.namespaceURI === ns && c.localName === name);
}

function one(el: Element | null, ns: string, name: string): Element | null {
  return el ? (kids(el, ns, name)[0] ?? null) : null;
}

export function checkManifest(xml: string): ManifestReport {
  const problems: string[] = [];
  const { doc, error } = parseXml(xml);
  if (!doc) return { problems: [`not well-formed XML: ${error}`], facts: null };
  const root = doc.documentElement;
  if (root.namespaceURI !== NS.app || root.localName !== "OfficeApp") {
    problems.push(`root element is {${root.namespaceURI}}${root.localName}, expected OfficeApp in ${NS.app}`);
  }
  if (root.getAttributeNS(NS.xsi, "type") !== "TaskPaneApp") problems.push("OfficeApp xsi:type must be TaskPaneApp");

  const id = one(root, NS.app, "Id")?.textContent?.trim() ?? "";
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) problems.push(`Id "${id}" is not a GUID`);
  const displayNameEl = one(root, NS.app, "DisplayName");
  const displayName = displayNameEl?.getAttribute("DefaultValue") ?? "";
  if (!displayName) problems.push("DisplayName has no DefaultValue");

  // Resources: unique ids, schema length limits.
  const resources: ManifestFacts["resources"] = new Map();
  const resourcesEl = doc.getElementsByTagNameNS(NS.ov, "Resources")[0];
  if (!resourcesEl) problems.push("VersionOverrides has no Resources");
  else {
    for (const group of Array.from(resourcesEl.children)) {
      const kind = RESOURCE_TAGS[group.localName];
      if (!kind || group.namespaceURI !== NS.bt) {
        problems.push(`unexpected element ${group.localName} in Resources`);
        continue;
      }
      for (const item of Array.from(group.children)) {
        const rid = item.getAttribute("id") ?? "";
        const value = item.getAttribute("DefaultValue") ?? "";
        if (!rid) problems.push(`${path(item)} has no id`);
        if (rid.length > 32) problems.push(`resource id "${rid}" is longer than 32 characters`);
        if (resources.has(rid)) problems.push(`resource id "${rid}" is defined twice`);
        const limit = kind === "shortString" ? 125 : kind === "longString" ? 250 : 2048;
        if (!value) problems.push(`resource "${rid}" has an empty DefaultValue`);
        if (value.length > limit) problems.push(`resource "${rid}" is longer than ${limit} characters`);
        const overrides = overridesOf(item);
        for (const [loc, v] of Object.entries(overrides)) {
          if (v.length > limit) problems.push(`resource "${rid}" (${loc}) is longer than ${limit} characters`);
        }
        resources.set(rid, { kind, value, overrides });
      }
    }
  }

  // Every resid resolves, to a resource of the right kind; every resource is used.
  const used = new Set<string>();
  for (const el of Array.from(doc.getElementsByTagName("*"))) {
    const rid = el.getAttribute("resid");
    if (rid === null) continue;
    used.add(rid);
    const res = resources.get(rid);
    if (!res) problems.push(`${path(el)} refers to resid "${rid}", which Resources does not define`);
    else if (!expectedKind(el).includes(res.kind)) {
      problems.push(`${path(el)} refers to "${rid}", a ${res.kind}, expected ${expectedKind(el).join(" or ")}`);
    }
  }
  for (const rid of resources.keys()) if (!used.has(rid)) problems.push(`resource "${rid}" is never referenced`);

  // URLs: attribute values that look like URLs and Url/Image resources.
  const urls: string[] = [];
  for (const el of Array.from(doc.getElementsByTagName("*"))) {
    for (const attr of Array.from(el.attributes)) {
      if (/^[a-z]+:\/\//i.test(attr.value) && attr.namespaceURI === null && !attr.name.startsWith("xmlns")) {
        urls.push(attr.value);
      }
    }
  }
  for (const u of urls) if (!u.startsWith("https://")) problems.push(`URL ${u} is not https`);
  // One origin: the deploy step rewrites a single base URL, and a second origin would need
  // AppDomains and its own certificate.
  const paneUrl = one(one(root, NS.app, "DefaultSettings"), NS.app, "SourceLocation")?.getAttribute("DefaultValue") ?? "";
  if (!paneUrl) problems.push("DefaultSettings has no SourceLocation");
  else {
    const base = paneUrl.slice(0, paneUrl.lastIndexOf("/") + 1);
    for (const u of urls) if (!u.startsWith(base)) problems.push(`URL ${u} is not under ${base}, where the pane is`);
  }

  return {
    problems,
    facts: {
      id,
      displayName,
      displayNameOverrides: displayNameEl ? overridesOf(displayNameEl) : {},
      resources,
      urls,
    },
  };
}

/** The shared-runtime wiring and the custom-functions declaration (toolchain trap 7). */
export function checkSharedRuntime(xml: string): string[] {
  const problems: string[] = [];
  const { doc } = parseXml(xml);
  if (!doc) return ["not well-formed XML"];
  const sets = Array.from(doc.getElementsByTagNameNS(NS.app, "Set"));
  const shared = sets.find((s) => s.getAttribute("Name") === "SharedRuntime");
  if (!shared) problems.push("Requirements has no SharedRuntime set");
  else if (shared.getAttribute("MinVersion") !== "1.1") problems.push("SharedRuntime MinVersion must be 1.1");

  const host = Array.from(doc.getElementsByTagNameNS(NS.ov, "Host")).find(
    (h) => h.getAttributeNS(NS.xsi, "type") === "Workbook",
  );
  if (!host) return [...problems, "VersionOverrides has no Workbook host"];
  const first = host.firstElementChild;
  if (!first || first.localName !== "Runtimes") problems.push("Runtimes must be the first element inside Host");
  const runtimes = kids(one(host, NS.ov, "Runtimes") ?? host, NS.ov, "Runtime");
  if (runtimes.length !== 1) problems.push(`expected one Runtime, found ${runtimes.length}`);
  const runtime = runtimes[0];
  const runtimeRes = runtime?.getAttribute("resid") ?? "";
  if (runtime && runtime.getAttribute("lifetime") !== "long") problems.push('Runtime lifetime must be "long"');

  const cf = Array.from(doc.getElementsByTagNameNS(NS.ov, "ExtensionPoint")).find(
    (e) => e.getAttributeNS(NS.xsi, "type") === "CustomFunctions",
  );
  if (!cf) return [...problems, "no CustomFunctions ExtensionPoint"];
  for (const part of ["Script", "Page", "Metadata"]) {
    if (!one(one(cf, NS.ov, part), NS.ov, "SourceLocation")?.getAttribute("resid")) {
      problems.push(`CustomFunctions ${part} has no SourceLocation resid`);
    }
  }
  const pageRes = one(one(cf, NS.ov, "Page"), NS.ov, "SourceLocation")?.getAttribute("resid");
  const functionFile = doc.getElementsByTagNameNS(NS.ov, "FunctionFile")[0]?.getAttribute("resid");
  const showPane = Array.from(doc.getElementsByTagNameNS(NS.ov, "Action")).filter(
    (a) => a.getAttributeNS(NS.xsi, "type") === "ShowTaskpane",
  );
  if (showPane.length === 0) problems.push("no ribbon button with a ShowTaskpane action");
  // One runtime only if every entry point names the very same resid.
  const entries: [string, string | null | undefined][] = [
    ["CustomFunctions Page", pageRes],
    ["FunctionFile", functionFile],
    ...showPane.map(
      (a): [string, string | null | undefined] => ["ShowTaskpane", one(a, NS.ov, "SourceLocation")?.getAttribute("resid")],
    ),
  ];
  for (const [what, rid] of entries) {
    if (rid !== runtimeRes) problems.push(`${what} uses resid "${rid}", the Runtime uses "${runtimeRes}"`);
  }
  for (const a of showPane) {
    if (!one(a, NS.ov, "TaskpaneId")?.textContent?.trim()) problems.push("ShowTaskpane action has no TaskpaneId");
  }
  if (!one(cf, NS.ov, "Namespace")?.getAttribute("resid")) problems.push("CustomFunctions has no Namespace resid");
  return problems;
}

/** resid of a CustomFunctions part (Script / Page / Metadata) or of its Namespace. */
export function customFunctionsResid(xml: string, part: "Script" | "Page" | "Metadata" | "Namespace"): string | null {
  const { doc } = parseXml(xml);
  const cf = doc
    ? Array.from(doc.getElementsByTagNameNS(NS.ov, "ExtensionPoint")).find(
        (e) => e.getAttributeNS(NS.xsi, "type") === "CustomFunctions",
      )
    : undefined;
  if (!cf) return null;
  const el = part === "Namespace" ? one(cf, NS.ov, "Namespace") : one(one(cf, NS.ov, part), NS.ov, "SourceLocation");
  return el?.getAttribute("resid") ?? null;
}
