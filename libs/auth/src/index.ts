export * from './authenticated-user';
export * from './token-verifier';
export * from './mint-token';
export * from './auth.decorators';
export * from './auth.guard';
export * from './auth.module';
