import 'reflect-metadata';
import { startTracing } from '@csc/tracing/start-tracing';

// Before the platform is loaded: the HTTP and PostgreSQL instrumentation must see those modules load.
startTracing('statutory-returns');

import { runService } from '@csc/platform';
import { statutoryReturnsService } from './statutory-returns.service-definition';

void runService(statutoryReturnsService);
