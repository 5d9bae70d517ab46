const modules = '<rootDir>/../node_modules';

export default {
  displayName: 'deploy',
  preset: '../jest.preset.js',
  coverageDirectory: '../coverage/deploy',
  // kubernetes-models (and two of its dependencies) ship only ESM: let SWC turn them into CJS...
  transformIgnorePatterns: [
    '/node_modules/(?!(kubernetes-models|@kubernetes-models|is-cidr|cidr-regex)/)',
  ],
  // ...and export it only under the "import" condition, which Jest's require() never matches,
  // so its entry points are named here (making "import" a global condition breaks other packages).
  moduleNameMapper: {
    '^kubernetes-models/(.*)$': `${modules}/kubernetes-models/$1/index.js`,
    '^@kubernetes-models/apimachinery/(.*)$': `${modules}/@kubernetes-models/apimachinery/$1.js`,
    '^@kubernetes-models/(base|validate)$': `${modules}/@kubernetes-models/$1/dist/index.js`,
  },
};
