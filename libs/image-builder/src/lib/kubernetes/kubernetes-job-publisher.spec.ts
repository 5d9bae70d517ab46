import { FakeKubeApiServer } from '@agentrt/testing';
import type { V1Job } from '@kubernetes/client-node';
import type { KubernetesJobPublisher } from './kubernetes-job-publisher';
import {
  CONTEXT_DIGEST,
  IMAGE_DIGEST,
  NS,
  createdJob,
  leftovers,
  publishRequest,
  publisherFor,
  until,
} from './kube-build-fixtures.testing';

const TAGS = ['127.0.0.1:5000/agentrt/app:v1', '127.0.0.1:5000/agentrt/app:latest'];

describe('KubernetesJobPublisher builds as a Job (fake API server)', () => {
  let fake: FakeKubeApiServer;
  let publisher: KubernetesJobPublisher;

  beforeEach(async () => {
    fake = await FakeKubeApiServer.start(NS);
    publisher = publisherFor(fake, { resources: { cpu: '2', memory: '4Gi' } });
  });

  afterEach(async () => {
    await fake.close();
    expect(fake.unexpected).toEqual([]);
  });

  it('runs the builder on the shared context, streams its log and returns the pushed digest', async () => {
    const lines: string[] = [];
    const request = publishRequest(lines, {
      tags: TAGS,
      dockerfile: 'docker/Dockerfile',
      target: 'binary',
      buildArgs: { BASE_IMAGE: 'agentrt-local/node-base:bookworm' },
      labels: { 'io.agentrt.build-id': 'b1' },
    });
    const published = publisher.publish(request);
    const name = await createdJob(fake);
    fake.jobs.start(name);
    fake.jobs.log(name, 'INFO[0000] Retrieving image manifest\n');
    await until(() => fake.logs.openCount === 1, 'a follow stream on the builder log');
    fake.jobs.log(name, 'INFO[0001] RUN echo \u001b[32mhi\u001b[0m\nhi\r\n');
    fake.jobs.succeed(name, { exitCode: 0, message: IMAGE_DIGEST });

    await expect(published).resolves.toEqual({ image: TAGS[0], imageDigest: IMAGE_DIGEST });
    expect(lines).toEqual(['INFO[0000] Retrieving image manifest', 'INFO[0001] RUN echo hi', 'hi']);
    const job = fake.calls('POST', '/jobs')[0]?.body as V1Job;
    expect(job.spec?.template.spec?.containers[0]?.args).toEqual([
      `--context=tar:///blobs/contexts/sha256/${CONTEXT_DIGEST.slice(7)}.tar.gz`,
      '--dockerfile=docker/Dockerfile',
      '--target=binary',
      '--build-arg=BASE_IMAGE=agentrt-local/node-base:bookworm',
      '--label=io.agentrt.build-id=b1',
      `--destination=${TAGS[0]}`,
      `--destination=${TAGS[1]}`,
      '--insecure-registry=127.0.0.1:5000',
      '--digest-file=/dev/termination-log',
    ]);
    expect(request.context).toMatchObject({ opened: 0 });
    const log = fake.calls('GET', '/log')[0]?.query;
    expect([log?.get('container'), log?.get('follow')]).toEqual(['builder', 'true']);
    expect(leftovers(fake)).toEqual([]);
  });

  it('sends a Job that runs once, within the timeout, with the context volume read-only', async () => {
    const published = publisher.publish(publishRequest([], { timeoutMs: 90_500 }));
    const name = await createdJob(fake);
    fake.jobs.succeed(name, { exitCode: 0, message: `${IMAGE_DIGEST}\n` });
    await published;

    const job = fake.calls('POST', '/jobs')[0]?.body as V1Job;
    expect(name).toMatch(/^agentrt-build-ab12cd34ab12-[a-f0-9]{5}$/);
    const labels = { 'app.kubernetes.io/managed-by': 'agentrt', 'agentrt.dev/build': name };
    expect(job.metadata?.labels).toEqual(labels);
    expect(job.spec).toMatchObject({
      backoffLimit: 0,
      activeDeadlineSeconds: 91,
      ttlSecondsAfterFinished: 3600,
      template: { metadata: { labels } },
    });
    const pod = job.spec?.template.spec;
    expect(pod).toMatchObject({
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      volumes: [
        { name: 'context', persistentVolumeClaim: { claimName: 'agentrt-blobs', readOnly: true } },
      ],
    });
    expect(pod?.containers[0]).toMatchObject({
      image: 'gcr.io/kaniko-project/executor:v1.23.2',
      volumeMounts: [{ name: 'context', mountPath: '/blobs', readOnly: true }],
      resources: { requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '2', memory: '4Gi' } },
    });
    // Deleted with its pod: batch/v1 would otherwise orphan the pod.
    const deleted = fake.calls('DELETE', `/jobs/${name}`)[0];
    expect(deleted?.query.get('propagationPolicy')).toBe('Background');
    expect(leftovers(fake)).toEqual([]);
  });

  it('reads the whole log after the fact when the build ended between two polls', async () => {
    const lines: string[] = [];
    const published = publisher.publish(publishRequest(lines));
    const name = await createdJob(fake);
    fake.jobs.start(name);
    fake.jobs.log(name, 'step 1\nstep 2\n');
    fake.jobs.succeed(name, { exitCode: 0, message: IMAGE_DIGEST });

    await expect(published).resolves.toMatchObject({ imageDigest: IMAGE_DIGEST });
    expect(lines).toEqual(['step 1', 'step 2']);
  });

  it('tells the log why the builder has not started, once per reason', async () => {
    const lines: string[] = [];
    const published = publisher.publish(publishRequest(lines));
    const name = await createdJob(fake);
    const pod = fake.jobs.podOf(name) ?? '';
    const pulling = { reason: 'ImagePullBackOff', message: 'Back-off pulling image "executor"' };
    const waiting = { name: 'builder', state: { waiting: pulling } };
    fake.setPodStatus(pod, { phase: 'Pending', containerStatuses: [waiting] });
    await until(() => lines.length === 1, 'a line about the builder image');
    const polls = fake.calls('GET', `/jobs/${name}`).length;
    await until(() => fake.calls('GET', `/jobs/${name}`).length > polls + 2, 'more polls');
    fake.jobs.start(name);
    fake.jobs.succeed(name, { exitCode: 0, message: IMAGE_DIGEST });

    await published;
    expect(lines).toEqual([
      'builder not started: ImagePullBackOff: Back-off pulling image "executor"',
    ]);
  });
});
