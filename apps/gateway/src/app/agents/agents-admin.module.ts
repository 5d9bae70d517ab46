import { Module } from '@nestjs/common';
import { AgentsAdminController } from './agents-admin.controller';

/** Agent CRUD, mounted by the admin app only (ADMIN_PORT), never on the public port. */
@Module({ controllers: [AgentsAdminController] })
export class AgentsAdminModule {}
