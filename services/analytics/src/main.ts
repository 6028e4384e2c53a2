import 'reflect-metadata';
import { runService } from '@csc/platform';
import { analyticsService } from './analytics.service-definition';

void runService(analyticsService);
