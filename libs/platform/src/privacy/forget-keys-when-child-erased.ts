import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { parseSealedEventData, type EventEnvelope } from '@csc/contracts';
import { SubjectKeyVault } from '@csc/privacy';

/**
 * A service that opens subjects drops its cached keys when a child is erased, so it stops opening
 * the child's data as soon as the erasure reaches it. The key is already destroyed in the vault,
 * whose notification has reached every instance's KeyDestructionListener (libs/privacy) when it
 * committed; this reaction is the second path, for an instance whose LISTEN connection was down.
 */
@Controller()
export class ForgetKeysWhenChildErased {
  private readonly logger = new Logger(ForgetKeysWhenChildErased.name);

  constructor(private readonly keys: SubjectKeyVault) {}

  @EventPattern('ChildErased')
  forget(@Payload() envelope: EventEnvelope): void {
    const { childId } = parseSealedEventData('ChildErased', envelope.data);
    this.keys.forgetCachedKeys();
    this.logger.log(`child ${childId} erased: cached keys dropped`);
  }
}
