/**
 * The domain's two ways of saying no, free of any framework. The HTTP layer maps them to
 * docs/http-api.md's statuses: a broken rule is 422 (naming the rule and its census code), a command that
 * no longer fits the aggregate's state (decided twice, nothing to answer) is 409.
 */
export class DomainRuleViolation extends Error {
  constructor(
    /** The field the rule is about, as the client named it ("decidedAt"). */
    readonly field: string,
    readonly rule: string,
    message: string,
    /** The DfE CIN census validation rule, where there is one ("8875"). */
    readonly censusCode?: string,
  ) {
    super(message);
    this.name = 'DomainRuleViolation';
  }
}

export class StateConflict extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'StateConflict';
  }
}
