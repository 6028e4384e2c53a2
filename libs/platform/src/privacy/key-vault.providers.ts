import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NO_PERSONAL_DATA } from '@csc/event-store';
import { connectKeyVault, LOCAL_DEVELOPMENT_MASTER_KEYS, SubjectKeyVault, SubjectProtection } from '@csc/privacy';
import { asAppRole } from '../database/database-url';
import { keyVaultCounter } from '../metrics/event-flow-counters';
import { ServiceMetrics } from '../metrics/service-metrics';
import { defaultKeyVaultOwnerUrl } from './key-vault.migration';

/** The seal the event store uses: the key vault's for a service that writes personal data, a refusal otherwise. */
export const SUBJECT_SEALER = Symbol('SUBJECT_SEALER');

/** Listens for keys destroyed by any instance once the app is up; closes the vault's pool with the app. */
@Injectable()
export class KeyVaultConnection implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly vault: SubjectKeyVault;
  private readonly listen: () => Promise<void>;
  private readonly close: () => Promise<void>;

  constructor(config: ConfigService, serviceName: string, metrics: ServiceMetrics) {
    ({
      vault: this.vault,
      listen: this.listen,
      close: this.close,
    } = connectKeyVault(
      {
        url: config.get<string>('KEY_VAULT_URL') ?? asAppRole(defaultKeyVaultOwnerUrl(), serviceName),
        masterKeys: config.get<string>('SUBJECT_MASTER_KEYS') ?? LOCAL_DEVELOPMENT_MASTER_KEYS,
        currentMasterKeyId: config.get<string>('SUBJECT_MASTER_KEY_ID'),
        applicationName: `${serviceName}-key-vault`,
        observe: keyVaultCounter(metrics),
      },
      new Logger(KeyVaultConnection.name),
    ));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

export const keyVaultProviders = (serviceName: string, personalData: boolean): Provider[] =>
  personalData
    ? [
        {
          provide: KeyVaultConnection,
          inject: [ConfigService, ServiceMetrics],
          useFactory: (config: ConfigService, metrics: ServiceMetrics) => new KeyVaultConnection(config, serviceName, metrics),
        },
        { provide: SubjectKeyVault, inject: [KeyVaultConnection], useFactory: (connection: KeyVaultConnection) => connection.vault },
        { provide: SubjectProtection, inject: [SubjectKeyVault], useFactory: (vault: SubjectKeyVault) => new SubjectProtection(vault) },
        { provide: SUBJECT_SEALER, useExisting: SubjectProtection },
      ]
    : [{ provide: SUBJECT_SEALER, useValue: NO_PERSONAL_DATA }];
