import { type DynamicModule, Global, Module } from '@nestjs/common';

/**
 * Makes an app's validated config injectable everywhere under the app's token. The value is the
 * one parsed at boot; nothing else reads the environment.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(token: symbol, config: object): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [{ provide: token, useValue: config }],
      exports: [token],
    };
  }
}
