import { SetMetadata } from '@nestjs/common';

export const PUBLIC_OPERATION = 'nestflow:public-operation';

/** The operation needs no principal (it carries its own credential, e.g. a resume token); still rate limited. */
export const PublicOperation = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_OPERATION, true);
