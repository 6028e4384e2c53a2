/** One version of a projection as `GET /v1/projections` gives it. */
export interface ProjectionStatus {
  projection: string;
  version: number;
  state: 'CURRENT' | 'BUILDING';
  applied: number;
  position: number;
  lag: number;
  eventsPerSecond: number;
  etaSeconds: number | null;
  deadLettered: number;
  problem: string | null;
  createdAt: string;
  becameCurrentAt: string | null;
}

/** A version's row: its state as a tag, how far it has read and how far it has to go. */
export const projectionRowOf = (status: ProjectionStatus) => ({
  name: `${status.projection} v${status.version}`,
  state:
    status.state === 'CURRENT'
      ? { text: 'Serving the views', classes: 'govuk-tag--green' }
      : { text: 'Rebuilding', classes: 'govuk-tag--yellow' },
  progress: progressOf(status),
  position: `${status.position} read, ${status.lag} behind`,
  rate: `${status.eventsPerSecond} events a second`,
  eta: status.lag === 0 ? 'Caught up' : status.etaSeconds === null ? 'Not moving' : `About ${duration(status.etaSeconds)}`,
  deadLettered: status.deadLettered,
  problem: status.problem ?? 'None',
});

/** How much of the log it has read, as a whole percentage (100 when there is nothing to read). */
export const progressOf = (status: Pick<ProjectionStatus, 'position' | 'lag'>): string => {
  const total = status.position + status.lag;
  return total === 0 ? '100%' : `${Math.floor((status.position / total) * 100)}%`;
};

const duration = (seconds: number): string =>
  seconds < 90 ? `${seconds} ${seconds === 1 ? 'second' : 'seconds'}` : `${Math.round(seconds / 60)} minutes`;
