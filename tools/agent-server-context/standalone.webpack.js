const { isAbsolute, join, resolve } = require('node:path');
const webpack = require('webpack');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');

/**
 * The agent server as one file, for the agent-server image (see README.md next to this file).
 * Runs on the host (scripts/build-agent-server-context) and, copied into a build context, inside
 * the image's builder stage, so it may only need what the context holds: this file, the
 * sources, tsconfig.base.json and the packages of package-lock.json.
 *
 *   --env mode=bundle  every dependency bundled in: `node agent-server.js` needs no node_modules
 *                      (the `binary` targets)
 *   --env mode=source  dependencies stay external and come from node_modules at run time, like
 *                      `nx build` (the `source` targets)
 *   --env root=DIR     the workspace root holding apps/ and libs/ (default: two levels up)
 *   --env outputPath=DIR  where the file is written
 */

// Packages our dependencies require lazily or inside try/catch, only for features the agent
// server does not use (Nest microservices, class-validator pipes, the socket.io adapter; ws's
// native speed-ups); none is installed. Left unresolved they would fail the bundle; ignored, the
// require throws MODULE_NOT_FOUND at run time, which is what those callers expect and handle.
const OPTIONAL_LAZY_REQUIRES = [
  '@nestjs/microservices',
  '@nestjs/platform-socket.io',
  'class-transformer',
  'class-validator',
  'bufferutil',
  'utf-8-validate',
];

// Requires by computed name (Nest's loadPackage, express's view engines, load-esm): webpack
// cannot follow them and says so. They load only the optional packages above, view engines and
// ESM-only packages the agent server never asks for, so these warnings are noise; others show.
const KNOWN_WARNINGS = [
  {
    module: /node_modules[\\/](@nestjs[\\/](common|core)|express|load-esm)[\\/]/,
    message: /Critical dependency: the request of a dependency is an expression/,
  },
];

const isOptional = (request) =>
  OPTIONAL_LAZY_REQUIRES.some((name) => request === name || request.startsWith(`${name}/`));

function isInstalled(request, root) {
  try {
    require.resolve(request, { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

// Loaded lazily by the browser tool, only when Chromium is driven; too big to carry in a bundle
// meant for images that mostly have no Chromium. Left a plain require(): installed next to the
// bundle it works, otherwise the browser tool explains.
const LAZY_EXTERNALS = ['playwright-core'];

function lazyExternals({ request }, callback) {
  const external = LAZY_EXTERNALS.some(
    (name) => request === name || request?.startsWith(`${name}/`),
  );
  return external ? callback(null, `commonjs ${request}`) : callback();
}

/** Source mode: bare package imports stay `require()` calls; our @agentrt/* libs are compiled in. */
function externalPackages({ request }, callback) {
  const isPackage = request && !request.startsWith('.') && !isAbsolute(request);
  if (isPackage && !request.startsWith('@agentrt/')) return callback(null, `commonjs ${request}`);
  return callback();
}

module.exports = (env = {}) => {
  const mode = env.mode ?? 'bundle';
  if (mode !== 'bundle' && mode !== 'source') throw new Error(`unknown mode ${mode}`);
  const root = resolve(env.root ?? join(__dirname, '../..'));
  const outputPath = resolve(env.outputPath ?? join(root, 'dist/agent-server-standalone'));
  return {
    mode: 'production',
    target: 'node20',
    context: root,
    // app.ts, not main.ts: the code-cache loader expects app.js beside it; one file needs none.
    entry: { main: './apps/agent-server/src/app.ts' },
    output: {
      path: outputPath,
      filename: mode === 'bundle' ? 'agent-server.js' : 'main.js',
      clean: true,
    },
    devtool: false,
    // Readable stack traces and class names (Nest logs them) matter more than size here.
    optimization: { minimize: false, nodeEnv: false },
    externals: mode === 'source' ? [externalPackages] : [lazyExternals],
    externalsPresets: { node: true },
    resolve: {
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
      plugins: [new TsconfigPathsPlugin({ configFile: join(root, 'tsconfig.base.json') })],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          loader: require.resolve('ts-loader'),
          // Type checking is the repo's typecheck target; here only transpile (with decorator
          // metadata, which Nest's dependency injection reads).
          options: {
            configFile: join(root, 'apps/agent-server/tsconfig.app.json'),
            transpileOnly: true,
          },
        },
      ],
    },
    plugins: [
      // One file: the agent server's lazy import()s (the LLM client) join the bundle.
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new webpack.IgnorePlugin({
        checkResource: (request) => isOptional(request) && !isInstalled(request, root),
      }),
    ],
    ignoreWarnings: KNOWN_WARNINGS,
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
