import 'reflect-metadata';
import { runService } from '@csc/platform';
import { schoolNotificationsService } from './school-notifications.service-definition';

void runService(schoolNotificationsService);
