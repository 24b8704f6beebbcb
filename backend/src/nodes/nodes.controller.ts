import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { NodeNamePipe } from '../common/params.js';
import { NodeListDto, StorageListDto } from './dto/node.dto.js';
import { StorageQueryDto } from './dto/storage-query.dto.js';
import { NodesService } from './nodes.service.js';

@ApiTags('nodes')
@Controller('nodes')
export class NodesController {
  constructor(private readonly nodes: NodesService) {}

  @Get()
  @ApiOperation({ summary: 'All nodes of the cluster with their load' })
  @ApiOkResponse({ type: NodeListDto })
  @ApiErrors(503)
  listNodes(): Promise<NodeListDto> {
    return this.nodes.listNodes();
  }

  @Get(':node/storages')
  @ApiOperation({ summary: "A node's storages with capacity and free space" })
  @ApiParam({ name: 'node', example: 'pve1' })
  @ApiOkResponse({ type: StorageListDto })
  @ApiErrors(400, 404, 503)
  listNodeStorages(
    @Param('node', NodeNamePipe) node: string,
    @Query() query: StorageQueryDto,
  ): Promise<StorageListDto> {
    return this.nodes.listNodeStorages(node, query.content);
  }
}
