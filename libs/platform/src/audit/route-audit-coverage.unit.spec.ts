import { Controller, Get, Module, Post } from '@nestjs/common';
import { Public } from '@csc/auth';
import { AuditChildRecord, NotChildData } from './audit.decorators';
import { routeAuditsOf } from './route-audit-coverage';

@AuditChildRecord('widget')
@Controller('v1/widgets/:id')
class WidgetController {
  @Get()
  read() {}

  @Post('notes')
  note() {}

  // Not a route: no HTTP metadata.
  helper() {}
}

@Controller('v1')
class MixedController {
  @Get('codes')
  @NotChildData()
  codes() {}

  @Get('children/:childId/things')
  forgotten() {}

  @Get('both')
  @AuditChildRecord('thing')
  @NotChildData()
  confused() {}
}

@Public()
@Controller('status')
class StatusController {
  @Get()
  status() {}
}

@Module({ controllers: [MixedController] })
class InnerModule {}

@Module({ imports: [InnerModule, { module: class Dynamic {}, controllers: [StatusController] }], controllers: [WidgetController] })
class RootModule {}

describe('routeAuditsOf', () => {
  it('finds every route of a module and its imports (dynamic ones too), with its pattern and marking', () => {
    expect(routeAuditsOf(RootModule)).toEqual(
      expect.arrayContaining([
        { route: 'GET /v1/widgets/{id}', handler: 'WidgetController.read', marking: 'audited' },
        { route: 'POST /v1/widgets/{id}/notes', handler: 'WidgetController.note', marking: 'audited' },
        { route: 'GET /v1/codes', handler: 'MixedController.codes', marking: 'not-child-data' },
        { route: 'GET /v1/children/{childId}/things', handler: 'MixedController.forgotten', marking: 'unmarked' },
        { route: 'GET /v1/both', handler: 'MixedController.confused', marking: 'both-markers' },
        { route: 'GET /status', handler: 'StatusController.status', marking: 'public' },
      ]),
    );
    expect(routeAuditsOf(RootModule)).toHaveLength(6);
  });
});
