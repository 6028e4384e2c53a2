import { Controller } from '@nestjs/common';
import { MetricsController } from '@csc/platform';
import { NoSignInNeeded } from '../sign-in/signed-in.guard';

/**
 * The console's Prometheus text, as every service serves its own: the same controller (METRICS_TOKEN
 * required in production), open to the operators' Prometheus rather than behind a person's sign-in.
 */
@NoSignInNeeded()
@Controller('metrics')
export class ConsoleMetricsController extends MetricsController {}
