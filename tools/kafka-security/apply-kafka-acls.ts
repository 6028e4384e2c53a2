import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry, type Kafka } from 'kafkajs';
import type { AclRule } from './kafka-acl-rules';

const toEntry = (rule: AclRule): AclEntry => ({
  principal: `User:${rule.principal}`,
  host: '*',
  resourceType: AclResourceTypes[rule.resourceType],
  resourceName: rule.name,
  resourcePatternType: ResourcePatternTypes[rule.patternType],
  operation: AclOperationTypes[rule.operation],
  permissionType: AclPermissionTypes[rule.permission],
});

const keyOf = (entry: AclEntry): string =>
  [
    entry.principal,
    entry.host,
    entry.resourceType,
    entry.resourceName,
    entry.resourcePatternType,
    entry.operation,
    entry.permissionType,
  ].join('|');

export interface AclChanges {
  created: number;
  deleted: number;
  kept: number;
}

/**
 * Makes the broker's ACLs exactly the rules given (kafka-acl-rules.ts): creates the missing ones
 * and deletes every other ACL, so that a rule taken out of the table stops applying at the next
 * start. Needs the admin principal (a super user: it holds no ACLs of its own). Safe to run again.
 */
export const applyKafkaAcls = async (kafka: Kafka, rules: AclRule[]): Promise<AclChanges> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const wanted = new Map(rules.map(toEntry).map((entry) => [keyOf(entry), entry]));
    const { resources } = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    const present = resources.flatMap(({ acls, ...resource }) => acls.map((acl) => ({ ...resource, ...acl })));
    const stale = present.filter((entry) => !wanted.has(keyOf(entry)));
    const presentKeys = new Set(present.map(keyOf));
    const missing = [...wanted.values()].filter((entry) => !presentKeys.has(keyOf(entry)));
    // Exact filters (no ANY): each deletes the one ACL it names.
    if (stale.length > 0) await admin.deleteAcls({ filters: stale });
    if (missing.length > 0) await admin.createAcls({ acl: missing });
    return { created: missing.length, deleted: stale.length, kept: present.length - stale.length };
  } finally {
    await admin.disconnect();
  }
};
