import 'reflect-metadata';
import { startTracing } from '@csc/tracing/start-tracing';

// Before the platform is loaded: the HTTP and PostgreSQL instrumentation must see those modules load.
startTracing('school-notifications');

import { runService } from '@csc/platform';
import { schoolNotificationsService } from './school-notifications.service-definition';

void runService(schoolNotificationsService);
