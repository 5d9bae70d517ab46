import { z } from 'zod';
import { nullAsMissing } from '../common/lenient-input';
import { ResourceFactorSchema } from './resource-factor';

/** `image_pull_policy`, with Kubernetes' spelling, honoured by every backend. */
export const ImagePullPolicySchema = z.enum(['Always', 'IfNotPresent', 'Never']);
export type ImagePullPolicy = z.infer<typeof ImagePullPolicySchema>;

const unixId = z.number().int().nonnegative();

/**
 * Body of `POST /start`, as OpenHands `RemoteRuntime`, the SDK's `APIRemoteWorkspace` and the V1
 * `RemoteSandboxService` send it. Unknown fields are kept, never rejected, and fields those
 * clients may send as `null` count as absent.
 */
export const StartRequestSchema = z
  .looseObject({
    image: z.string().trim().min(1, { error: 'image must not be empty' }),
    /** A shell string or an argv array; absent means the image's own entrypoint. */
    command: nullAsMissing(z.union([z.string(), z.array(z.string())])),
    working_dir: nullAsMissing(z.string()),
    /** Added to the runtime's environment, after the variables runtime-api injects. */
    environment: nullAsMissing(z.record(z.string(), z.string())),
    /** Omitted: runtime-api generates one. A session with a live runtime gets that runtime back. */
    session_id: nullAsMissing(z.string().min(1)),
    resource_factor: ResourceFactorSchema.default(1),
    /** A hint such as `sysbox-runc` or `gvisor`; backends that cannot honour it ignore it. */
    runtime_class: nullAsMissing(z.string()),
    run_as_user: nullAsMissing(unixId),
    run_as_group: nullAsMissing(unixId),
    fs_group: nullAsMissing(unixId),
    image_pull_policy: nullAsMissing(ImagePullPolicySchema),
  })
  .meta({ id: 'StartRequest' });
export type StartRequest = z.infer<typeof StartRequestSchema>;
