// main.js is a small loader; app.js is the whole server with its dependencies (see src/main.ts).
module.exports = require('../../tools/webpack/app-webpack-config')('agent-server', {
  bundle: {
    entryName: 'app',
    entryPath: './src/app.ts',
    external: [
      // Loaded at the first LLM call or browser page, never at boot: left out of app.js so it
      // stays small; resolved from node_modules when needed.
      'ai',
      '@ai-sdk/anthropic',
      '@ai-sdk/openai',
      '@ai-sdk/openai-compatible',
      'playwright-core',
      // Optional packages Nest and ws try to load and do without; none is installed.
      '@nestjs/microservices',
      '@nestjs/microservices/microservices-module',
      '@nestjs/platform-socket.io',
      'class-transformer',
      'class-transformer/storage',
      'class-transformer/cjs/storage',
      'class-validator',
      'bufferutil',
      'utf-8-validate',
    ],
  },
});
