import 'reflect-metadata';
import { runService } from '@csc/platform';
import { caseProgressionService } from './case-progression.service-definition';

void runService(caseProgressionService);
