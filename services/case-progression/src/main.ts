import 'reflect-metadata';
import { startTracing } from '@csc/tracing/start-tracing';

// Before the platform is loaded: the HTTP and PostgreSQL instrumentation must see those modules load.
startTracing('case-progression');

import { runService } from '@csc/platform';
import { caseProgressionService } from './case-progression.service-definition';

void runService(caseProgressionService);
