// office-addin-mock only needs the OfficeApp enum from office-addin-manifest; the real package
// pulls an ESM-only dependency chain that Jest on Node 20 cannot require.
module.exports = {
  OfficeApp: {
    Excel: "excel", OneNote: "onenote", Outlook: "outlook", Project: "project",
    PowerPoint: "powerpoint", Word: "word",
  },
};
