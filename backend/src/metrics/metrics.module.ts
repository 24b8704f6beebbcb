import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { MetricsController } from './metrics.controller.js';
import { PrometheusService } from './prometheus.service.js';

/** Prometheus endpoint: container, node and collector gauges plus HTTP request metrics. */
@Module({
  imports: [AnalyticsModule],
  controllers: [MetricsController],
  providers: [PrometheusService, HttpMetricsMiddleware],
  exports: [PrometheusService],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
