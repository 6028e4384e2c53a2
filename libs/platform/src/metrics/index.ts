export * from './service-metrics';
export * from './http-metrics';
export * from './event-flow-counters';
export * from './event-flow-gauges';
export * from './consumer-lag-gauge';
export * from './metrics.controller';
