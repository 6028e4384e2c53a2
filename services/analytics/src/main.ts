import 'reflect-metadata';
import { startTracing } from '@csc/tracing/start-tracing';

// Before the platform is loaded: the HTTP and PostgreSQL instrumentation must see those modules load.
startTracing('analytics');

import { runService } from '@csc/platform';
import { analyticsService } from './analytics.service-definition';

void runService(analyticsService);
