export { BuildsClient, ObservedBuildSchema, type ObservedBuild } from './builds.client';
export {
  followBuild,
  DEFAULT_FOLLOW,
  type FollowHandlers,
  type FollowOptions,
} from './follow-build';
export { BuildProgress, DEFAULT_BUILD_PREFIX, type ProgressOptions } from './build-progress';
export { UploadProgress } from './upload-progress';
export { formatElapsed, type TextSink } from './text-sink';
export { packDirectory, InvalidBuildContextError, type PackedContext } from './pack-directory';
export { prepareBuildContext, type PrepareOptions } from './prepare-context';
export { uploadBuild, type BuildUpload, type UploadProgressListener } from './upload-build';
