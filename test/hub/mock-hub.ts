import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fixtureRepos, type FixtureFile, type FixtureRepo } from './fixture-models';

/**
 * A local stand-in for the Hugging Face Hub on 127.0.0.1, serving the generated fixtures with
 * the Hub's routes and manners: model info by revision, recursive tree listings paginated by a
 * Link header, /resolve/ with single byte ranges (206 + Content-Range), gated repos that answer
 * 401 + X-Error-Code GatedRepo without a token, CORS for the page, and two misbehaving repos:
 * `busy/model` (429 with Retry-After) and `slow/model` (never answers).
 */

export const VALID_TOKEN = 'hf_mock_valid_read_token';
const PAGE = 4;

export interface MockRequest {
  readonly method: string;
  readonly path: string;
  readonly range: string | null;
  readonly authorized: boolean;
}

export interface MockHub {
  readonly url: string;
  readonly requests: MockRequest[];
  readonly close: () => Promise<void>;
}

function cors(res: ServerResponse) {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'Range, Authorization');
  res.setHeader('Access-Control-Expose-Headers', 'Link, Content-Range, X-Error-Code, Retry-After');
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function fileBytes(file: FixtureFile, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start + 1);
  if (start < file.head.length) out.set(file.head.subarray(start, Math.min(end + 1, file.head.length)));
  return out;
}

function serveFile(req: IncomingMessage, res: ServerResponse, file: FixtureFile) {
  const range = req.headers.range;
  if (range === undefined) {
    if (file.size > 16 * 1024 * 1024) {
      res.writeHead(413).end('the mock Hub serves large files by range only');
      return;
    }
    res.writeHead(200, { 'content-length': String(file.size) }).end(fileBytes(file, 0, file.size - 1));
    return;
  }
  const m = /^bytes=(\d+)-(\d+)$/.exec(range);
  if (!m) {
    // The Hub's CDN fails a preflight on anything but a plain bytes=a-b range.
    res.writeHead(416).end('only a single bytes=a-b range is served');
    return;
  }
  const start = Number(m[1]);
  const end = Math.min(Number(m[2]), file.size - 1);
  if (start > end) {
    res.writeHead(416, { 'content-range': `bytes */${file.size}` }).end();
    return;
  }
  res
    .writeHead(206, {
      'content-range': `bytes ${start}-${end}/${file.size}`,
      'content-length': String(end - start + 1),
    })
    .end(fileBytes(file, start, end));
}

function findRepo(owner: string, name: string): FixtureRepo | undefined {
  return fixtureRepos().find((r) => r.id === `${owner}/${name}`);
}

function treeItems(repo: FixtureRepo) {
  const folders = new Set<string>();
  for (const f of repo.files) {
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  return [
    ...[...folders].map((path) => ({ type: 'directory', path, oid: '0', size: 0 })),
    ...repo.files.map((f) =>
      /\.(gguf|safetensors)$/.test(f.path)
        ? { type: 'file', path: f.path, oid: '1', size: 135, lfs: { oid: '2', size: f.size, pointerSize: 135 } }
        : { type: 'file', path: f.path, oid: '1', size: f.size },
    ),
  ];
}

function handle(req: IncomingMessage, res: ServerResponse, base: string, requests: MockRequest[]) {
  cors(res);
  const url = new URL(req.url ?? '/', base);
  const authorized = req.headers.authorization === `Bearer ${VALID_TOKEN}`;
  requests.push({
    method: req.method ?? 'GET',
    path: `${url.pathname}${url.search}`,
    range: req.headers.range ?? null,
    authorized,
  });
  if (req.method === 'OPTIONS') {
    res.writeHead(204).end();
    return;
  }
  if (req.method !== 'GET') {
    res.writeHead(405).end();
    return;
  }
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const api = parts[0] === 'api' && parts[1] === 'models';
  const [owner = '', name = ''] = api ? parts.slice(2, 4) : parts.slice(0, 2);
  if (owner === 'slow') return; // never answers: the client's timeout must end it
  if (owner === 'busy') {
    json(res, 429, { error: 'rate limited' }, { 'retry-after': '42' });
    return;
  }
  const repo = findRepo(owner, name);
  if (!repo) {
    json(res, 401, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound' });
    return;
  }
  const known = (rev: string) => rev === 'main' || rev === repo.sha;
  if (api) {
    const [verb, rev = ''] = parts.slice(4);
    if (!known(rev)) {
      json(res, 404, { error: 'Invalid rev id' }, { 'x-error-code': 'RevisionNotFound' });
      return;
    }
    if (verb === 'revision') {
      json(res, 200, { id: repo.id, sha: repo.sha, gated: repo.gated, cardData: repo.cardData ?? {} });
      return;
    }
    if (verb === 'tree') {
      const items = treeItems(repo);
      const cursor = Number(url.searchParams.get('cursor') ?? '0');
      const page = items.slice(cursor, cursor + PAGE);
      const headers: Record<string, string> = {};
      if (cursor + PAGE < items.length) {
        headers['link'] =
          `<${base}/api/models/${repo.id}/tree/${rev}?recursive=true&cursor=${cursor + PAGE}>; rel="next"`;
      }
      json(res, 200, page, headers);
      return;
    }
    res.writeHead(404).end();
    return;
  }
  if (parts[2] !== 'resolve' || !parts[3] || !known(parts[3])) {
    json(res, 404, { error: 'not found' }, { 'x-error-code': 'EntryNotFound' });
    return;
  }
  const path = parts.slice(4).join('/');
  const file = repo.files.find((f) => f.path === path);
  if (!file) {
    json(res, 404, { error: 'Entry not found' }, { 'x-error-code': 'EntryNotFound' });
    return;
  }
  if (repo.gated && !authorized) {
    json(res, 401, { error: `Access to model ${repo.id} is restricted.` }, { 'x-error-code': 'GatedRepo' });
    return;
  }
  serveFile(req, res, file);
}

export async function startMockHub(port = 0): Promise<MockHub> {
  const requests: MockRequest[] = [];
  let base = '';
  const server: Server = createServer((req, res) => handle(req, res, base, requests));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  return {
    url: base,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
