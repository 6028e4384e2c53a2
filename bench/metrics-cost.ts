/**
 * What the metrics cost, beside the budget they spend from: the CPU one referral's counting takes in
 * referral-intake (its HTTP request timed, its event counted as appended, its child's key asked of the
 * vault), and the CPU one Prometheus scrape takes to render a service's registry, against the Node CPU
 * per referral the speed issue allows (2 ms) and a core's time between two scrapes (15 s).
 * The same objects the services use (ServiceMetrics and its families), driven directly, so the figure is
 * the counting alone, not the noise of a whole intake run.
 *   npm run bench:metrics -- [referrals=200000]
 * Writes bench/results/metrics-cost.json.
 */
import 'reflect-metadata';
import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { appendedCounter, consumerCounters, httpMetrics, keyVaultCounter, ServiceMetrics } from '@csc/platform';

const NODE_CPU_PER_REFERRAL_TARGET_MS = 2;
const SCRAPE_INTERVAL_SECONDS = 15;

const cpuMsOf = (work: () => void): number => {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};

/** An Express request and response as the middleware sees them: a route matched, a status, a finish. */
const exchange = (route: string, status: number) => {
  const response = Object.assign(new EventEmitter(), { statusCode: status }) as unknown as Response;
  const request = { method: 'POST', baseUrl: '', route: { path: route } } as unknown as Request;
  return { request, response };
};

const main = async () => {
  const referrals = Number(process.argv[2] ?? 200_000);
  const metrics = new ServiceMetrics('referral-intake');
  const timeRequest = httpMetrics(metrics);
  const appended = appendedCounter(metrics);
  const keyVault = keyVaultCounter(metrics);
  const consumers = consumerCounters(metrics);
  const next: NextFunction = () => undefined;

  const countOneReferral = () => {
    const { request, response } = exchange('/v1/referrals', 201);
    timeRequest(request, response, next);
    response.emit('finish');
    appended(['ReferralReceived']);
    keyVault('seal', 'vault');
  };
  // Warm up (JIT, label maps), then measure.
  for (let index = 0; index < 10_000; index += 1) countOneReferral();
  const countingMs = cpuMsOf(() => {
    for (let index = 0; index < referrals; index += 1) countOneReferral();
  });
  const perReferralMicroseconds = (countingMs * 1000) / referrals;

  // A registry as full as a busy service's: every route and status seen, every event type and consumer.
  for (const route of [
    '/v1/referrals',
    '/v1/referrals/{id}',
    '/v1/referrals/{id}/decision',
    '/v1/referrals/{id}/history',
    '/v1/children',
  ]) {
    for (const status of [200, 201, 400, 401, 403, 404, 409, 422, 429]) {
      const { request, response } = exchange(route, status);
      timeRequest(request, response, next);
      response.emit('finish');
    }
  }
  for (const type of ['ReferralReceived', 'ReferralDecided', 'ReferralAttachedToCase', 'ChildErased']) {
    appended([type]);
    for (const consumer of ['referral-intake.reactions', 'referral-intake.case-links']) {
      for (const outcome of ['handled', 'parked', 'deadLettered'] as const) consumers[outcome](consumer, type);
    }
  }
  const scrapes = 200;
  await metrics.exposition();
  const before = process.cpuUsage();
  let bytes = 0;
  for (let index = 0; index < scrapes; index += 1) bytes = (await metrics.exposition()).body.length;
  const scrapeUsed = process.cpuUsage(before);
  const perScrapeMs = (scrapeUsed.user + scrapeUsed.system) / 1000 / scrapes;

  const result = {
    measuredAt: new Date().toISOString(),
    referralsCounted: referrals,
    countingPerReferralMicroseconds: Number(perReferralMicroseconds.toFixed(2)),
    nodeCpuPerReferralTargetMs: NODE_CPU_PER_REFERRAL_TARGET_MS,
    shareOfTargetPercent: Number(((perReferralMicroseconds / 1000 / NODE_CPU_PER_REFERRAL_TARGET_MS) * 100).toFixed(2)),
    scrapeCpuMs: Number(perScrapeMs.toFixed(2)),
    scrapeBytes: bytes,
    scrapeIntervalSeconds: SCRAPE_INTERVAL_SECONDS,
    scrapeShareOfOneCorePercent: Number(((perScrapeMs / (SCRAPE_INTERVAL_SECONDS * 1000)) * 100).toFixed(3)),
  };
  console.table(result);
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'metrics-cost.json'), `${JSON.stringify(result, null, 2)}\n`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
