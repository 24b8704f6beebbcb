import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { AlertChannelsService } from './alert-channels.service.js';
import {
  ChannelDto,
  ChannelTestDto,
  CreateChannelDto,
  CreatedDto,
  UpdateChannelDto,
} from './dto/channel.dto.js';

@ApiTags('alerts')
@Controller('alerts/channels')
export class AlertChannelsController {
  constructor(private readonly channels: AlertChannelsService) {}

  @Get()
  @ApiOperation({ summary: 'Notification channels (secrets never shown) and their last delivery' })
  @ApiOkResponse({ type: [ChannelDto] })
  listAlertChannels(): Promise<ChannelDto[]> {
    return this.channels.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a webhook, ntfy, Gotify or email channel' })
  @ApiCreatedResponse({ type: CreatedDto })
  @ApiErrors(400)
  createAlertChannel(@Body() body: CreateChannelDto): Promise<CreatedDto> {
    return this.channels.create(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a channel; secrets left out are kept' })
  @ApiOkResponse({ type: ChannelDto })
  @ApiErrors(400, 404)
  updateAlertChannel(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateChannelDto,
  ): Promise<ChannelDto> {
    return this.channels.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Delete a channel and its queued notifications; 409 naming the rules that still use it',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  deleteAlertChannel(@Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.channels.remove(id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a test message now; 502 with the reason when it is not delivered',
  })
  @ApiOkResponse({ type: ChannelTestDto })
  @ApiErrors(400, 404, 502)
  testAlertChannel(@Param('id', ParseIntPipe) id: number): Promise<ChannelTestDto> {
    return this.channels.test(id);
  }
}
