const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

/**
 * The webpack config every app uses: one bundle of our code (libs included via tsconfig paths)
 * at dist/apps/<app>/main.js; node_modules stay external and are resolved at run time.
 */
module.exports = function appWebpackConfig(appName) {
  // AGENTRT_DIST_DIR lets parallel work build into separate folders instead of racing on dist/.
  const distRoot = process.env.AGENTRT_DIST_DIR ?? join(__dirname, '../../dist/apps');
  return {
    output: { path: join(distRoot, appName) },
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
      }),
    ],
  };
};
