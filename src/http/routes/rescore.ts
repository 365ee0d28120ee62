/**
 * Batch re-scoring over HTTP: `POST /v1/rescore` (a history path readable by the rescore
 * workers), `POST /v1/rescore/upload` (the history as the request body, JSONL or gzip) and
 * `GET /v1/jobs/:id` (state, progress, counts, ETA, first malformed lines, summary).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { ErrorResponse } from '../../contracts/error.js';
import { RescoreAccepted, RescoreJobStatus, RescoreRequest, type RescoreRunJob } from '../../contracts/rescore.js';
import { AppError, invalidRequest, issuesToDetails, notFound, payloadTooLarge } from '../../errors.js';
import { RUN_ID } from '../../features/rescore/run-keys.js';
import type { Route } from './route.js';

export interface RescoreRoutesDeps {
  submit(runId: string, data: RescoreRunJob): Promise<void>;
  status(runId: string): Promise<RescoreJobStatus | undefined>;
  /** A head version or `current` → the concrete version (400 `model_not_found` when unknown). */
  resolveModel(version: string | undefined): Promise<string>;
  /** Where uploads and default outputs go (`<dir>/<run id>/`). */
  dir: string;
  maxUploadBytes: number;
}

const newRunId = () => `r${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
const accepted = (id: string) => ({ id, state: 'queued' as const, status_url: `/v1/jobs/${id}` });

async function readable(file: string, what: string): Promise<void> {
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new Error('not a file');
  } catch (err) {
    throw new AppError(400, 'input_not_found', `${what} ${file} is not a readable file: ${(err as Error).message}`);
  }
}

const responses = {
  202: { description: 'Queued; poll status_url.', name: 'RescoreAccepted', schema: RescoreAccepted },
  400: { description: 'Invalid request, unreadable input or unknown model.', name: 'ErrorResponse', schema: ErrorResponse },
};

export function rescoreRoute(deps: RescoreRoutesDeps): Route {
  return {
    access: 'analyst',
    spec: {
      method: 'post',
      path: '/v1/rescore',
      operationId: 'startRescore',
      summary: 'Re-score every account of a history file (path on the workers\' filesystem); returns a job id.',
      tags: ['rescore'],
      request: { name: 'RescoreRequest', schema: RescoreRequest },
      responses,
    },
    handler: async (req, res) => {
      const parsed = RescoreRequest.safeParse(req.body);
      if (!parsed.success) throw invalidRequest('Request body does not match the rescore contract.', issuesToDetails(parsed.error.issues));
      const body = parsed.data;
      const input = path.resolve(body.input_path);
      await readable(input, 'input');
      if (body.clusters_path !== undefined) await readable(path.resolve(body.clusters_path), 'clusters file');
      const model = await deps.resolveModel(body.model);
      const id = newRunId();
      await deps.submit(id, {
        input,
        output: path.resolve(body.output_path ?? path.join(deps.dir, id, 'accounts.jsonl')),
        ...(body.clusters_path !== undefined ? { clusters: path.resolve(body.clusters_path) } : {}),
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
      summary: 'Re-score an uploaded history (body: JSONL or gzip JSONL; query: model, relabel=true, prescreen=false); returns a job id.',
      tags: ['rescore'],
      responses: { ...responses, 413: { description: 'Upload larger than RESCORE_MAX_UPLOAD_BYTES.', name: 'ErrorResponse', schema: ErrorResponse } },
    },
    handler: async (req, res) => {
      const declared = Number(req.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > deps.maxUploadBytes) throw payloadTooLarge(`Uploads are limited to ${deps.maxUploadBytes} bytes.`);
      const model = await deps.resolveModel(typeof req.query.model === 'string' ? req.query.model : undefined);
      const id = newRunId();
      const runDir = path.join(deps.dir, id);
      await mkdir(runDir, { recursive: true });
      const input = path.join(runDir, 'input.jsonl');
      let bytes = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          if (bytes > deps.maxUploadBytes) done(payloadTooLarge(`Uploads are limited to ${deps.maxUploadBytes} bytes.`));
          else done(null, chunk);
        },
      });
      try {
        await pipeline(req, limit, createWriteStream(input));
      } catch (err) {
        await rm(runDir, { recursive: true, force: true });
        throw err instanceof AppError ? err : invalidRequest(`Upload failed: ${(err as Error).message}`);
      }
      if (bytes === 0) {
        await rm(runDir, { recursive: true, force: true });
        throw invalidRequest('The upload is empty.');
      }
      await deps.submit(id, { input, output: path.join(runDir, 'accounts.jsonl'), model, lineLabels: req.query.relabel !== 'true', prescreen: req.query.prescreen !== 'false' });
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
        404: { description: 'No such job (or it expired).', name: 'ErrorResponse', schema: ErrorResponse },
      },
    },
    handler: async (req, res) => {
      const id = String(req.params.id ?? '');
      if (!RUN_ID.test(id)) throw notFound(`No job ${id}.`);
      const status = await deps.status(id);
      if (status === undefined) throw notFound(`No job ${id}.`);
      res.json(status);
    },
  };
}
