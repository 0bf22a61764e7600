/* The add-in bundle: one shared runtime page (task pane + custom functions), offline build. */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const fs = require("fs");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const urlDev = "https://localhost:3000/";
// Production URL is replaced in manifest.xml at deploy time; see README "Deploying".
const urlProd = process.env.KEFU_ADDIN_URL || urlDev;

module.exports = (env, argv) => {
  const dev = argv.mode !== "production";
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
      // The pane's heavy work (import + reports) runs in a Web Worker when the pane provides one.
      ...(fs.existsSync(path.join(__dirname, "src/taskpane/worker.ts")) ? { worker: "./src/taskpane/worker.ts" } : {}),
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      fallback: { fs: false, path: false, os: false, stream: false, crypto: false, buffer: false, util: false, zlib: false, worker_threads: false, events: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: {
            transpileOnly: true,
            configFile: "tsconfig.json",
            // ES modules let webpack drop the unused parts of Fluent UI (18.5 MiB → 1.5 MiB);
            // tsconfig's commonjs is for jest and the command line.
            compilerOptions: { module: "esnext" },
          },
        },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the custom functions run in the task pane's page.
        chunks: ["functions", "taskpane"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]", noErrorOnMissing: true },
          {
            from: "manifest*.xml",
            to: "[name]" + "[ext]",
            transform(content) {
              return dev ? content : content.toString().replace(new RegExp(urlDev, "g"), urlProd);
            },
          },
          // office.js served locally for the headless UI test: the CDN is unreachable offline.
          { from: "node_modules/@microsoft/office-js/dist/office.js", to: "vendor/office.js", info: { minimized: true } },
          {
            from: "node_modules/@microsoft/office-js/dist/o15apptofilemappingtable.js",
            to: "vendor/o15apptofilemappingtable.js",
            info: { minimized: true },
          },
        ],
      }),
    ],
  };
};
