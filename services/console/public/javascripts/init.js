// GOV.UK Frontend's components (error summary focus, character counts, ...): an enhancement, every page works without it.
import { initAll } from '/govuk/govuk-frontend.min.js';

initAll();
