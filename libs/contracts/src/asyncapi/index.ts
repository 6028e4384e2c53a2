export * from './asyncapi-document';
export * from './build-asyncapi-document';
export * from './asyncapi-for-service';
export * from './event-versions-on-the-log';
export * from './sealed-personal-data';
export { messageIdOf } from './event-message';
export { channelIdOf, deadLettersChannelIdOf } from './event-channels';
export * from './json-schema-2020-12';
