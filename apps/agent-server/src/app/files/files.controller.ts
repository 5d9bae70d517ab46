import { contractDto } from '@agentrt/platform';
import { FilePathQuerySchema, SuccessResponseSchema } from '@agentrt/contracts';
import { Controller, Get, HttpCode, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { attachmentDisposition } from './content-disposition';
import { type FileDownload, FileDownloads } from './file-downloads';
import { FileUploads } from './file-uploads';
import { PathAfter } from './path-after.decorator';

class FilePathQueryDto extends contractDto(FilePathQuerySchema) {}
class SuccessResponseDto extends contractDto(SuccessResponseSchema) {}

const UPLOAD_PREFIX = '/api/file/upload/';
const DOWNLOAD_PREFIX = '/api/file/download/';
const MULTIPART_FILE = {
  schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
};

/** The OpenHands `/api/file` routes; `{abs_path}` forms are the older spelling of `?path=`. */
@ApiTags('files')
@Controller('api/file')
export class FilesController {
  constructor(
    private readonly uploads: FileUploads,
    private readonly downloads: FileDownloads,
  ) {}

  @Post('upload')
  @HttpCode(200)
  @ApiOperation({ summary: 'Upload a file (multipart field "file") to an absolute path' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(MULTIPART_FILE)
  @ZodResponse({ status: 200, type: SuccessResponseDto })
  upload(@Query() query: FilePathQueryDto, @Req() req: Request): Promise<SuccessResponseDto> {
    return this.uploads.upload(query.path, req);
  }

  @Post('upload/*path')
  @HttpCode(200)
  @ApiOperation({ summary: 'Upload, older form: the absolute path follows /upload/' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(MULTIPART_FILE)
  @ZodResponse({ status: 200, type: SuccessResponseDto })
  uploadTo(
    @PathAfter(UPLOAD_PREFIX) target: FilePathQueryDto,
    @Req() req: Request,
  ): Promise<SuccessResponseDto> {
    return this.uploads.upload(target.path, req);
  }

  @Get('download')
  @ApiOperation({ summary: 'Download the file at an absolute path' })
  @ApiProduces('application/octet-stream')
  async download(@Query() query: FilePathQueryDto): Promise<StreamableFile> {
    return streamable(await this.downloads.download(query.path));
  }

  @Get('download/*path')
  @ApiOperation({ summary: 'Download, older form: the absolute path follows /download/' })
  @ApiProduces('application/octet-stream')
  async downloadFrom(
    @PathAfter(DOWNLOAD_PREFIX) source: FilePathQueryDto,
  ): Promise<StreamableFile> {
    return streamable(await this.downloads.download(source.path));
  }
}

function streamable(file: FileDownload): StreamableFile {
  return new StreamableFile(file.stream, {
    type: 'application/octet-stream',
    length: file.size,
    disposition: attachmentDisposition(file.name),
  });
}
