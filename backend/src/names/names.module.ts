import { Module } from '@nestjs/common';
import { NamesController } from './names.controller.js';
import { NamesService } from './names.service.js';

@Module({ controllers: [NamesController], providers: [NamesService], exports: [NamesService] })
export class NamesModule {}
