/** A service answered with an error (docs/http-api.md's shape: `message` is a list of "field.path: what is wrong"). */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly service: string,
  ) {
    // Only the status and the service: the messages may quote what was sent.
    super(`${service} answered ${status}`);
    this.name = 'ApiRefusal';
  }
}

/** A service did not answer at all (down, or too slow). */
export class ServiceUnreachable extends Error {
  constructor(readonly service: string) {
    super(`${service} did not answer`);
    this.name = 'ServiceUnreachable';
  }
}
