import 'reflect-metadata';
import { defaultKeyVaultOwnerUrl } from '@csc/platform';
import { connectKeyVault, LOCAL_DEVELOPMENT_MASTER_KEYS } from '@csc/privacy';

/**
 * Master key rotation: with the new key added to SUBJECT_MASTER_KEYS and named in
 * SUBJECT_MASTER_KEY_ID, rewraps every live data key under it. Sealed events never change (their
 * data keys do not); once this reports 0 left, the old master key can be removed from configuration.
 *   SUBJECT_MASTER_KEYS=old:...,new:... SUBJECT_MASTER_KEY_ID=new npm run keys:rotate
 */
const main = async () => {
  const { vault, close } = connectKeyVault({
    url: process.env.KEY_VAULT_OWNER_URL ?? defaultKeyVaultOwnerUrl(),
    masterKeys: process.env.SUBJECT_MASTER_KEYS ?? LOCAL_DEVELOPMENT_MASTER_KEYS,
    currentMasterKeyId: process.env.SUBJECT_MASTER_KEY_ID,
    applicationName: 'key-rotation',
  });
  try {
    const moved = await vault.rewrapUnderCurrentMasterKey();
    console.log(`rewrapped ${moved} data key(s) under the current master key; ${await vault.rewrapUnderCurrentMasterKey()} left`);
  } finally {
    await close();
  }
};

main().catch((error) => {
  console.error(`rotation failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
