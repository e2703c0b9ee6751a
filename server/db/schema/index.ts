export * from './accounts.ts';
export * from './app.ts';
export * from './auth.ts';
export * from './deals.ts';
export * from './directory.ts';
export * from './insights.ts';
export * from './money.ts';
export * from './programs.ts';
