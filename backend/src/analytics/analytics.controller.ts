import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { NodeNamePipe, VmidPipe } from '../common/params.js';
import { AnalyticsQueryService } from './analytics-query.service.js';
import { AnalyticsSummaryService } from './analytics-summary.service.js';
import { SeriesQueryDto, SummaryQueryDto } from './dto/series-query.dto.js';
import { AnalyticsSeriesDto } from './dto/series.dto.js';
import { AnalyticsSummaryDto } from './dto/summary.dto.js';

const VMID = ApiParam({ name: 'vmid', example: 101, type: Number });
const NODE = ApiParam({ name: 'node', example: 'pve1', type: String });
const CSV = 'text/csv; charset=utf-8';

@ApiTags('analytics')
@Controller('analytics')
export class AnalyticsController {
  constructor(
    private readonly query: AnalyticsQueryService,
    private readonly summary: AnalyticsSummaryService,
  ) {}

  @Get('containers/:vmid')
  @VMID
  @ApiOperation({
    summary: 'Metric history of a container (min/avg/max per point, ≤ ~1,500 points)',
  })
  @ApiOkResponse({ type: AnalyticsSeriesDto })
  @ApiErrors(400, 404)
  getContainerSeries(
    @Param('vmid', VmidPipe) vmid: number,
    @Query() q: SeriesQueryDto,
  ): Promise<AnalyticsSeriesDto> {
    return this.query.series('ct', vmid, q.metric ?? 'cpu', this.query.window(q));
  }

  @Get('containers/:vmid/csv')
  @VMID
  @Header('Content-Type', CSV)
  @Header('Content-Disposition', 'attachment; filename="container-series.csv"')
  @ApiProduces(CSV)
  @ApiOperation({ summary: 'The same container series as CSV' })
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiErrors(400, 404)
  async exportContainerSeriesCsv(
    @Param('vmid', VmidPipe) vmid: number,
    @Query() q: SeriesQueryDto,
  ): Promise<string> {
    const series = await this.query.series('ct', vmid, q.metric ?? 'cpu', this.query.window(q));
    return this.query.csv(series);
  }

  @Get('nodes/:node')
  @NODE
  @ApiOperation({ summary: 'Metric history of a node (network/disk I/O: sum of its containers)' })
  @ApiOkResponse({ type: AnalyticsSeriesDto })
  @ApiErrors(400, 404)
  getNodeSeries(
    @Param('node', NodeNamePipe) node: string,
    @Query() q: SeriesQueryDto,
  ): Promise<AnalyticsSeriesDto> {
    return this.query.series('node', node, q.metric ?? 'cpu', this.query.window(q));
  }

  @Get('nodes/:node/csv')
  @NODE
  @Header('Content-Type', CSV)
  @Header('Content-Disposition', 'attachment; filename="node-series.csv"')
  @ApiProduces(CSV)
  @ApiOperation({ summary: 'The same node series as CSV' })
  @ApiOkResponse({ schema: { type: 'string' } })
  @ApiErrors(400, 404)
  async exportNodeSeriesCsv(
    @Param('node', NodeNamePipe) node: string,
    @Query() q: SeriesQueryDto,
  ): Promise<string> {
    const series = await this.query.series('node', node, q.metric ?? 'cpu', this.query.window(q));
    return this.query.csv(series);
  }

  @Get('summary')
  @ApiOperation({ summary: 'Cluster totals and top containers per metric over a window' })
  @ApiOkResponse({ type: AnalyticsSummaryDto })
  @ApiErrors(400)
  getAnalyticsSummary(@Query() q: SummaryQueryDto): AnalyticsSummaryDto {
    return this.summary.summary(this.query.window(q), q.limit ?? 5);
  }
}
