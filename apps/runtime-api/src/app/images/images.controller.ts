import {
  ImageExistsQuerySchema,
  ImageExistsResponseSchema,
  RegistryPrefixResponseSchema,
} from '@agentrt/contracts';
import { contractDto, namedContractDto } from '@agentrt/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { ImagesService } from './images.service';

class ImageExistsQueryDto extends contractDto(ImageExistsQuerySchema) {}
class RegistryPrefixDto extends contractDto(RegistryPrefixResponseSchema) {}
const ImageExistsDto = namedContractDto(ImageExistsResponseSchema, 'ImageExistsDto');

/** The Runtime API's image routes that build scripts call (runtime-api.md, builds.md). */
@ApiTags('images')
@ApiSecurity('api-key')
@Controller()
export class ImagesController {
  constructor(private readonly images: ImagesService) {}

  @Get('registry_prefix')
  @ApiOperation({ summary: 'Where built images are pushed, e.g. 127.0.0.1:5000/agentrt' })
  @ZodResponse({ status: 200, type: RegistryPrefixDto })
  registryPrefix(): RegistryPrefixDto {
    return this.images.registryPrefix();
  }

  @Get('image_exists')
  @ApiOperation({ summary: "Whether the image's registry has it, with upload time and size" })
  @ZodResponse({
    status: 200,
    type: ImageExistsDto,
    description: '400 for a malformed reference; 502 when the registry cannot be asked',
  })
  // Listed on its own too: a 502 for an unreachable registry is an answer clients must expect.
  @ApiResponse({
    status: 502,
    description: 'The registry could not be asked (unreachable or failing)',
  })
  imageExists(@Query() query: ImageExistsQueryDto) {
    return this.images.imageExists(query.image);
  }
}
