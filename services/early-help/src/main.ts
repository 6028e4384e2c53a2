import 'reflect-metadata';
import { runService } from '@csc/platform';
import { earlyHelpService } from './early-help.service-definition';

void runService(earlyHelpService);
