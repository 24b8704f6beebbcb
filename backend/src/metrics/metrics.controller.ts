import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { PrometheusService } from './prometheus.service.js';

/** GET /metrics (outside /api): the Prometheus text exposition. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly prometheus: PrometheusService) {}

  @Get()
  async getMetrics(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', this.prometheus.contentType);
    res.send(await this.prometheus.metrics());
  }
}
