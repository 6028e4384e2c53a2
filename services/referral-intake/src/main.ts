import 'reflect-metadata';
import { startTracing } from '@csc/tracing/start-tracing';

// Before the platform is loaded: the HTTP and PostgreSQL instrumentation must see those modules load.
startTracing('referral-intake');

import { runService } from '@csc/platform';
import { referralIntakeService } from './referral-intake.service-definition';

void runService(referralIntakeService);
