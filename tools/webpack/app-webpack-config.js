const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

/**
 * The webpack config every app uses: one bundle of our code (libs included via tsconfig paths)
 * at dist/apps/<app>/main.js; node_modules stay external and are resolved at run time.
 *
 * `options.bundle` (the agent server) instead bundles the app with its node_modules into one
 * `<bundle.entryName>.js` next to `main.js`, so that one V8 code cache covers everything its boot
 * runs; `bundle.external` lists the packages left to `require` at run time (loaded lazily, or
 * optional and absent). See apps/agent-server/src/main.ts.
 */
module.exports = function appWebpackConfig(appName, options = {}) {
  // AGENTRT_DIST_DIR lets parallel work build into separate folders instead of racing on dist/.
  const distRoot = process.env.AGENTRT_DIST_DIR ?? join(__dirname, '../../dist/apps');
  const bundle = options.bundle;
  return {
    output: {
      path: join(distRoot, appName),
      ...(bundle
        ? {
            // The bundle's exports reach the loader as `module.exports`.
            library: { type: 'commonjs2' },
            // A module that throws (an optional package that is not installed) must throw again
            // at the next require, as in Node: webpack would otherwise cache it as `{}`, and the
            // second copy of ws would take that for bufferutil.
            strictModuleExceptionHandling: true,
          }
        : {}),
    },
    // Bundled dependencies bring warnings that are not ours to fix: source maps they point to
    // but do not ship, and Nest's `require(name)` of optional packages (resolved at run time).
    ignoreWarnings: bundle
      ? [
          { message: /Failed to parse source map/ },
          { module: /node_modules/, message: /the request of a dependency is an expression/ },
        ]
      : [],
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
        ...(bundle
          ? {
              additionalEntryPoints: [{ entryName: bundle.entryName, entryPath: bundle.entryPath }],
              externalDependencies: bundle.external,
            }
          : {}),
      }),
    ],
  };
};
