import { createClient } from '@supabase/supabase-js';
import { expect } from 'chai';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStorage } from '../../../src/modules/media/storage/index.js';
import { imageUrlPolicy } from '../../../src/modules/media/url-policy.js';
import { createCaller } from '../../../src/caller.js';
import type { AppServices } from '../../../src/services.js';
import { app, testConfig } from '../../support/app.js';
import { signUp } from '../../support/fixtures.js';
import { PNG } from '../../support/images.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const KEY = 'service-role-key-for-tests';
const BUCKET = 'product-images';

/**
 * Speaks the three Storage API endpoints supabase-js calls for us and records each request, so
 * the test can check what the client sent. `fail` makes every answer a 500.
 */
async function fakeSupabase() {
  const received: Received[] = [];
  const state = { fail: false };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
    res.setHeader('content-type', 'application/json');
    if (state.fail) {
      res.statusCode = 500;
      res.end(JSON.stringify({ statusCode: '500', error: 'internal', message: 'storage is down' }));
      return;
    }
    const sign = /^\/storage\/v1\/object\/upload\/sign\/(.+)$/.exec(req.url!.split('?')[0]!);
    if (req.method === 'POST' && sign) return res.end(JSON.stringify({ url: `/object/upload/sign/${sign[1]}?token=signed-token-1` }));
    if (req.method === 'PUT' && sign) return res.end(JSON.stringify({ Key: sign[1] }));
    if (req.method === 'DELETE' && req.url === `/storage/v1/object/${BUCKET}`) return res.end('[]');
    res.statusCode = 404;
    res.end(JSON.stringify({ statusCode: '404', error: 'not_found', message: 'no route' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    state,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('Supabase storage', () => {
  let supabase: Awaited<ReturnType<typeof fakeSupabase>>;
  let services: AppServices;
  beforeEach(async () => {
    supabase = await fakeSupabase();
    const config = testConfig({ SUPABASE_URL: supabase.url, SUPABASE_SERVICE_ROLE_KEY: KEY });
    const storage = createStorage(config, app().log);
    services = { ...app(), config, storage, imageUrlPolicy: imageUrlPolicy(config, storage) };
  });
  afterEach(() => supabase.stop());

  const expectServiceRoleHeaders = (headers: IncomingHttpHeaders) => {
    expect(headers.authorization).to.equal(`Bearer ${KEY}`);
    expect(headers.apikey).to.equal(KEY);
  };

  it('is chosen when configured, with public URLs as Supabase builds them', () => {
    expect(services.storage.name).to.equal('supabase');
    expect(services.storage.publicBase).to.equal(`${supabase.url}/storage/v1/object/public/${BUCKET}/`);
    expect(services.storage.publicUrl('v/unassigned/a.png')).to.equal(`${supabase.url}/storage/v1/object/public/${BUCKET}/v/unassigned/a.png`);
  });

  it("signs an upload in the vendor's folder of the bucket; the token uploads there", async () => {
    const owner = await signUp();
    const caller = createCaller(services, { accessToken: owner.accessToken });
    const upload = await caller.media.createUploadUrl({ fileName: 'card.png', contentType: 'image/png', size: PNG.length });

    expect(supabase.received).to.have.length(1);
    const [sign] = supabase.received;
    expect(sign!.method).to.equal('POST');
    expect(sign!.url).to.equal(`/storage/v1/object/upload/sign/${BUCKET}/${upload.path}`);
    expect(sign!.headers).to.not.have.property('x-upsert');
    expectServiceRoleHeaders(sign!.headers);
    expect(upload.path.startsWith(`${owner.vendor.id}/unassigned/`)).to.equal(true);
    expect(upload.token).to.equal('signed-token-1');
    expect(upload.uploadUrl).to.equal(`${supabase.url}/storage/v1/object/upload/sign/${BUCKET}/${upload.path}?token=signed-token-1`);
    expect(upload.publicUrl).to.equal(`${supabase.url}/storage/v1/object/public/${BUCKET}/${upload.path}`);

    // A browser client uploads with the anon key and the token alone.
    const client = createClient(supabase.url, 'anon-key', { auth: { persistSession: false } });
    const { error } = await client.storage.from(BUCKET).uploadToSignedUrl(upload.path, upload.token!, PNG, { contentType: 'image/png' });
    expect(error).to.equal(null);
    const put = supabase.received[1]!;
    expect(put.method).to.equal('PUT');
    expect(put.url).to.equal(`/storage/v1/object/upload/sign/${BUCKET}/${upload.path}?token=signed-token-1`);
    expect(put.headers['content-type']).to.equal('image/png');
    expect(put.body).to.deep.equal(PNG);
  });

  it('deletes objects by prefix with the service role', async () => {
    const paths = ['v/unassigned/a.png', 'v/unassigned/b.webp'];
    await services.storage.deleteObjects(paths);
    const [removal] = supabase.received;
    expect(removal!.method).to.equal('DELETE');
    expect(removal!.url).to.equal(`/storage/v1/object/${BUCKET}`);
    expect(JSON.parse(removal!.body.toString())).to.deep.equal({ prefixes: paths });
    expectServiceRoleHeaders(removal!.headers);
  });

  it('never fails the caller when deleting fails, and skips an empty list', async () => {
    supabase.state.fail = true;
    await services.storage.deleteObjects(['v/unassigned/a.png']);
    expect(supabase.received).to.have.length(1);
    await services.storage.deleteObjects([]);
    expect(supabase.received).to.have.length(1);
  });
});
