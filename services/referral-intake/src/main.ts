import 'reflect-metadata';
import { runService } from '@csc/platform';
import { referralIntakeService } from './referral-intake.service-definition';

void runService(referralIntakeService);
