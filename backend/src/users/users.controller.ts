import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/api-errors.decorator.js';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto.js';
import { IdPipe } from './id-param.pipe.js';
import { UsersService } from './users.service.js';

const ID = ApiParam({ name: 'id', type: Number, example: 2 });
const userIdOf = (p: Principal): number | undefined => (p.kind === 'user' ? p.userId : undefined);

@ApiTags('users')
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Console accounts and their roles' })
  @ApiOkResponse({ type: [UserDto] })
  listUsers(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create an account' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors(400, 409)
  createUser(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(body);
  }

  @Patch(':id')
  @ID
  @ApiOperation({ summary: "Change an account's role or set a new password (ends its sessions)" })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 404, 409)
  updateUser(
    @Param('id', IdPipe) id: number,
    @Body() body: UpdateUserDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserDto> {
    return this.users.update(id, body, userIdOf(principal));
  }

  @Delete(':id')
  @HttpCode(204)
  @ID
  @ApiOperation({ summary: 'Delete an account and end its sessions' })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409)
  async deleteUser(
    @Param('id', IdPipe) id: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.users.remove(id, userIdOf(principal));
  }
}
