export * from './subject-cipher';
export * from './master-key-ring';
export * from './subject-key-vault';
export * from './subject-protection';
export * from './key-vault-connection';
export * from './blind-index-key';
export * from './key-destruction-listener';
