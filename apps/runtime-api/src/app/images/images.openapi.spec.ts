import { buildOpenApiDocument } from '@agentrt/platform';
import { Test } from '@nestjs/testing';
import { ImagesController } from './images.controller';
import { ImagesService } from './images.service';

describe('the image routes in OpenAPI', () => {
  it('documents both routes, with the required image query and both answers', async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ImagesController],
      // Building the document never calls the service.
      providers: [{ provide: ImagesService, useValue: {} }],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    const document = buildOpenApiDocument(app, { title: 'runtime-api', description: 'spec' });
    await app.close();

    expect(Object.keys(document.paths).sort()).toEqual(['/image_exists', '/registry_prefix']);
    const imageExists = document.paths['/image_exists']?.get;
    expect(imageExists?.parameters).toEqual([
      expect.objectContaining({ name: 'image', in: 'query', required: true }),
    ]);
    expect(imageExists?.responses['200']).toMatchObject({
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/ImageExistsDto_Output' } },
      },
    });
    const components = JSON.stringify(document.components?.schemas);
    expect(components).toContain('upload_time');
    expect(components).toContain('image_size_bytes');
    expect(components).toContain('registry_prefix');
  });
});
