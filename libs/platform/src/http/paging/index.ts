export * from './keyset-cursor';
export * from './page';
export * from './page-query.dto';
export * from './due-date-keyset';
