import 'reflect-metadata';
import { startTracing } from '@csc/tracing/start-tracing';

// Before the platform is loaded: the HTTP and PostgreSQL instrumentation must see those modules load.
startTracing('early-help');

import { runService } from '@csc/platform';
import { earlyHelpService } from './early-help.service-definition';

void runService(earlyHelpService);
