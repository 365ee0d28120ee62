/**
 * Batch re-scoring over HTTP: `POST /v1/rescore/upload` (the history as the request body, JSONL
 * or gzip: the normal way), `POST /v1/rescore` (a history already in the data directory),
 * `GET /v1/jobs/:id` (state, progress, counts, ETA, first malformed lines, summary) and
 * `GET /v1/jobs/:id/output` (the accounts JSONL of a completed job). Every file the API reads or
 * writes lies inside `DATA_DIR` (see features/rescore/data-paths.ts), checked when the request is
 * made and again when the worker opens it. A job's status names its files relative to `DATA_DIR`
 * and never shows the server's own paths.
 */
import { randomBytes } from 'node:crypto';
import { rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { ErrorResponse } from '../../contracts/error.js';
import { RescoreAccepted, RescoreJobStatus, RescoreOutput, RescoreRequest } from '../../contracts/rescore.js';
import { AppError, invalidRequest, issuesToDetails, notFound, payloadTooLarge } from '../../errors.js';
import { JobPath, ModelName } from '../../contracts/identifiers.js';
import {
  createConfined,
  dataInput,
  dataOutput,
  dataRoot,
  makeJobDir,
  openConfined,
} from '../../features/rescore/data-paths.js';
import { parseParams } from '../params.js';
import type { RescoreApi } from '../../queues/processes/types.js';
import type { Route } from './route.js';

/** What the rescore routes need: the queue layer's rescore API. */
export type RescoreRoutesDeps = RescoreApi;

const newRunId = () => `r${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
const accepted = (id: string) => ({ id, state: 'queued' as const, status_url: `/v1/jobs/${id}` });

/** The `model` query parameter of an upload, checked against the same contract as the JSON body's. */
function modelOf(query: unknown): string | undefined {
  const raw = (query as { model?: unknown }).model;
  if (raw === undefined) return undefined;
  const parsed = ModelName.safeParse(raw);
  if (!parsed.success)
    throw invalidRequest('Invalid model.', [{ path: 'model', message: parsed.error.issues[0]?.message ?? 'invalid' }]);
  return parsed.data;
}

/** A job's status as a client sees it: files relative to the data directory, no server paths in messages. */
function present(status: RescoreJobStatus, root: string): RescoreJobStatus {
  const name = (file: string) => {
    const rel = path.relative(root, file);
    return file === '' ? '' : rel.startsWith('..') || path.isAbsolute(rel) ? path.basename(file) : rel;
  };
  const redact = (text: string) => text.split(`${root}${path.sep}`).join('').split(root).join('DATA_DIR');
  return {
    ...status,
    input: name(status.input),
    output: name(status.output),
    errors: status.errors.map((e) => ({ ...e, reason: redact(e.reason) })),
    error: status.error === null ? null : { ...status.error, message: redact(status.error.message) },
  };
}

const responses = {
  202: { description: 'Queued; poll status_url.', name: 'RescoreAccepted', schema: RescoreAccepted },
  400: {
    description: 'Invalid request, a path outside the data directory, unreadable input or unknown model.',
    name: 'ErrorResponse',
    schema: ErrorResponse,
  },
};

export function rescoreRoute(deps: RescoreRoutesDeps): Route {
  return {
    access: 'analyst',
    spec: {
      method: 'post',
      path: '/v1/rescore',
      operationId: 'startRescore',
      summary:
        'Re-score every account of a history file already in the data directory (paths relative to DATA_DIR); returns a job id.',
      tags: ['rescore'],
      request: { name: 'RescoreRequest', schema: RescoreRequest },
      responses,
    },
    handler: async (req, res) => {
      const parsed = RescoreRequest.safeParse(req.body);
      if (!parsed.success)
        throw invalidRequest('Request body does not match the rescore contract.', issuesToDetails(parsed.error.issues));
      const body = parsed.data;
      const root = await dataRoot(deps.dataDir);
      const input = await dataInput(root, body.input_path, 'input_path');
      const clusters =
        body.clusters_path !== undefined ? await dataInput(root, body.clusters_path, 'clusters_path') : undefined;
      const requestedOutput =
        body.output_path !== undefined ? await dataOutput(root, body.output_path, 'output_path') : undefined;
      if (requestedOutput !== undefined && requestedOutput === input)
        throw new AppError(400, 'output_is_input', 'output_path names the input file; choose another output.');
      const model = await deps.resolveModel(body.model);
      const id = newRunId();
      let output = requestedOutput;
      if (output === undefined) output = path.join(await makeJobDir(root, id), 'accounts.jsonl');
      await deps.submit(id, {
        input,
        output,
        ...(clusters !== undefined ? { clusters } : {}),
        root,
        model,
        lineLabels: body.relabel !== true,
        prescreen: body.prescreen !== false,
      });
      res.status(202).json(accepted(id));
    },
  };
}

export function rescoreUploadRoute(deps: RescoreRoutesDeps): Route {
  return {
    access: 'analyst',
    rawBody: true,
    spec: {
      method: 'post',
      path: '/v1/rescore/upload',
      operationId: 'uploadRescore',
      summary:
        'Re-score an uploaded history (body: JSONL or gzip JSONL; query: model, relabel=true, prescreen=false); returns a job id.',
      tags: ['rescore'],
      responses: {
        ...responses,
        413: {
          description: 'Upload larger than RESCORE_MAX_UPLOAD_BYTES.',
          name: 'ErrorResponse',
          schema: ErrorResponse,
        },
      },
    },
    handler: async (req, res) => {
      const declared = Number(req.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > deps.maxUploadBytes)
        throw payloadTooLarge(`Uploads are limited to ${deps.maxUploadBytes} bytes.`);
      const model = await deps.resolveModel(modelOf(req.query));
      const id = newRunId();
      const root = await dataRoot(deps.dataDir);
      const runDir = await makeJobDir(root, id);
      const input = path.join(runDir, 'input.jsonl');
      let bytes = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          if (bytes > deps.maxUploadBytes)
            done(payloadTooLarge(`Uploads are limited to ${deps.maxUploadBytes} bytes.`));
          else done(null, chunk);
        },
      });
      try {
        const file = await createConfined(root, input);
        await pipeline(req, limit, file.createWriteStream());
      } catch (err) {
        await rm(runDir, { recursive: true, force: true });
        if (err instanceof AppError) throw err;
        // A client that stopped sending is a bad request; a failure to store the file is the server's.
        if (req.destroyed || req.readableAborted)
          throw invalidRequest('Upload failed: the request body was incomplete.');
        throw err;
      }
      if (bytes === 0) {
        await rm(runDir, { recursive: true, force: true });
        throw invalidRequest('The upload is empty.');
      }
      await deps.submit(id, {
        input,
        output: path.join(runDir, 'accounts.jsonl'),
        root,
        model,
        lineLabels: req.query.relabel !== 'true',
        prescreen: req.query.prescreen !== 'false',
      });
      res.status(202).json(accepted(id));
    },
  };
}

export function jobRoute(deps: RescoreRoutesDeps): Route {
  return {
    access: 'analyst',
    spec: {
      method: 'get',
      path: '/v1/jobs/:id',
      operationId: 'getJob',
      summary: 'A re-scoring job: state, progress (chunks, lines, events, rate, ETA), first malformed lines, summary.',
      tags: ['rescore'],
      responses: {
        200: { description: 'The job.', name: 'RescoreJobStatus', schema: RescoreJobStatus },
        400: { description: 'Not a job id.', name: 'ErrorResponse', schema: ErrorResponse },
        404: { description: 'No such job (or it expired).', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      const { id } = parseParams(JobPath, req.params);
      const status = await deps.status(id);
      if (status === undefined) throw notFound(`No job ${id}.`);
      res.json(present(status, await dataRoot(deps.dataDir)));
    },
  };
}

export function jobOutputRoute(deps: RescoreRoutesDeps): Route {
  return {
    access: 'analyst',
    spec: {
      method: 'get',
      path: '/v1/jobs/:id/output',
      operationId: 'getJobOutput',
      summary: 'The accounts JSONL a completed re-scoring job wrote (one account per line, highest likelihood first).',
      tags: ['rescore'],
      responses: {
        200: {
          description: 'The output file.',
          name: 'RescoreOutput',
          schema: RescoreOutput,
          contentType: 'application/x-ndjson',
        },
        404: {
          description: 'No such job, or no output inside the data directory.',
          name: 'ErrorResponse',
          schema: ErrorResponse,
        },
        409: { description: 'The job has not completed.', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      const { id } = parseParams(JobPath, req.params);
      const status = await deps.status(id);
      if (status === undefined) throw notFound(`No job ${id}.`);
      if (status.state !== 'completed')
        throw new AppError(
          409,
          'job_not_completed',
          `Job ${id} is ${status.state}; its output is ready once it has completed.`,
        );
      const root = await dataRoot(deps.dataDir);
      let file: FileHandle;
      try {
        file = await openConfined(root, await dataInput(root, status.output, 'output'));
      } catch {
        throw notFound(`Job ${id} has no output inside the data directory.`);
      }
      res.status(200).type('application/x-ndjson');
      await pipeline(file.createReadStream(), res);
    },
  };
}
