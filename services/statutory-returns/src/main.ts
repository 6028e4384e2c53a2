import 'reflect-metadata';
import { runService } from '@csc/platform';
import { statutoryReturnsService } from './statutory-returns.service-definition';

void runService(statutoryReturnsService);
