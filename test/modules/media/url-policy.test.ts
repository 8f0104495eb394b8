import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { ConfigError } from '../../../src/config.js';
import { canonicalImageUrl, imageUrlPolicy, imageUrlProblem, objectPathOf } from '../../../src/modules/media/url-policy.js';
import { testConfig } from '../../support/app.js';

const vendorA = randomUUID();
const vendorB = randomUUID();
const object = (vendorId: string, ext = 'png') => `${vendorId}/unassigned/${randomUUID()}.${ext}`;

describe('image URL policy', () => {
  describe('with the local storage in development', () => {
    const base = 'http://localhost:3000/media/';
    const policy = imageUrlPolicy(testConfig({ IMAGE_HOSTS: 'images.example.test,CDN.Example.test:8443' }), { publicBase: base });

    it("accepts the vendor's own objects, over http outside production", () => {
      const path = object(vendorA);
      expect(imageUrlProblem(policy, vendorA, base + path)).to.equal(null);
      expect(imageUrlProblem(policy, vendorA, `https://localhost:3000/media/${path}`)).to.equal(null);
      expect(objectPathOf(policy, base + path)).to.equal(path);
    });

    it('spells an object of the storage one way, and leaves external URLs as they are', () => {
      const path = object(vendorA);
      for (const alias of [`${base}${path}?x=1`, `${base}${path}#x`, `${base}${path.replace('.png', '%2Epng')}`, `HTTP://LOCALHOST:3000/media/${path}`, `https://localhost:3000/media/${path}`]) {
        expect(canonicalImageUrl(policy, alias), alias).to.equal(base + path);
      }
      expect(canonicalImageUrl(policy, 'https://images.example.test/a/b.jpg?size=2')).to.equal('https://images.example.test/a/b.jpg?size=2');
      expect(canonicalImageUrl(policy, 'not a url')).to.equal('not a url');
    });

    it("refuses another vendor's folder, however the path is spelled", () => {
      const problem = "points into another vendor's folder";
      expect(imageUrlProblem(policy, vendorA, base + object(vendorB))).to.equal(problem);
      expect(imageUrlProblem(policy, vendorA, `${base}${vendorA}/../${object(vendorB)}`)).to.equal(problem);
      expect(imageUrlProblem(policy, vendorA, `${base}${vendorA}/%2e%2e/${object(vendorB)}`)).to.equal(problem);
      const encodedSlash = `${base}${vendorA}%2Funassigned%2F..%2F..%2F${object(vendorB)}`;
      expect(imageUrlProblem(policy, vendorA, encodedSlash)).to.equal('is not an image of our storage');
    });

    it('refuses URLs into the storage that are not objects, and this server outside /media', () => {
      expect(imageUrlProblem(policy, vendorA, `${base}${vendorA}/`)).to.equal('is not an image of our storage');
      expect(imageUrlProblem(policy, vendorA, `${base}.used/1.x`)).to.equal('is not an image of our storage');
      expect(imageUrlProblem(policy, vendorA, 'http://localhost:3000/trpc/users.me')).to.equal('host localhost:3000 is not an allowed image host');
      expect(objectPathOf(policy, `${base}${vendorA}/`)).to.equal(null);
    });

    it('accepts the IMAGE_HOSTS, refuses any other host and anything that is not a web URL', () => {
      expect(imageUrlProblem(policy, vendorA, 'https://images.example.test/a/b.jpg')).to.equal(null);
      expect(imageUrlProblem(policy, vendorA, 'https://cdn.example.test:8443/x.png')).to.equal(null);
      expect(objectPathOf(policy, 'https://images.example.test/a/b.jpg')).to.equal(null);
      expect(imageUrlProblem(policy, vendorA, 'https://evil.example.test/x.png')).to.equal('host evil.example.test is not an allowed image host');
      expect(imageUrlProblem(policy, vendorA, 'https://images.example.test.evil.test/x.png')).to.equal('host images.example.test.evil.test is not an allowed image host');
      expect(imageUrlProblem(policy, vendorA, 'javascript:alert(1)')).to.equal('must be an https URL');
      expect(imageUrlProblem(policy, vendorA, 'ftp://images.example.test/x.png')).to.equal('must be an https URL');
      expect(imageUrlProblem(policy, vendorA, 'not a url')).to.equal('must be a valid URL');
    });
  });

  describe('in production with Supabase Storage', () => {
    const supabaseBase = 'https://abc.supabase.co/storage/v1/object/public/product-images/';
    const config = testConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db.example.test/omni', SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'k', IMAGE_HOSTS: 'images.example.test' });
    const policy = imageUrlPolicy(config, { publicBase: supabaseBase });

    it("accepts https objects of the vendor's folder and refuses plain http", () => {
      const path = object(vendorA, 'webp');
      expect(imageUrlProblem(policy, vendorA, supabaseBase + path)).to.equal(null);
      expect(objectPathOf(policy, supabaseBase + path)).to.equal(path);
      expect(imageUrlProblem(policy, vendorA, supabaseBase.replace('https:', 'http:') + path)).to.equal('must be an https URL');
      expect(imageUrlProblem(policy, vendorA, 'http://images.example.test/x.png')).to.equal('must be an https URL');
    });

    it("refuses another vendor's folder and other buckets of the same project", () => {
      expect(imageUrlProblem(policy, vendorA, supabaseBase + object(vendorB))).to.equal("points into another vendor's folder");
      expect(imageUrlProblem(policy, vendorA, `https://abc.supabase.co/storage/v1/object/public/private/${object(vendorA)}`)).to.equal(
        'host abc.supabase.co is not an allowed image host',
      );
    });
  });

  describe('configuration', () => {
    const problems = (env: Record<string, string>) => {
      try {
        testConfig(env);
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };

    it('needs both Supabase variables, and https storage in production', () => {
      expect(problems({ SUPABASE_URL: 'https://abc.supabase.co' })[0]).to.match(/^SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY/);
      expect(problems({ NODE_ENV: 'production' })[0]).to.match(/^PUBLIC_URL: an https URL is required/);
      expect(problems({ NODE_ENV: 'production', PUBLIC_URL: 'http://shop.example.test' })[0]).to.match(/^PUBLIC_URL/);
      expect(problems({ NODE_ENV: 'production', SUPABASE_URL: 'http://abc.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'k' })[0]).to.match(/^SUPABASE_URL: must be an https/);
      expect(problems({ NODE_ENV: 'production', PUBLIC_URL: 'https://shop.example.test', DATABASE_URL: 'postgresql://db.example.test/omni' })).to.deep.equal([]);
      expect(testConfig({ SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'k' }).supabase).to.deep.equal({
        url: 'https://abc.supabase.co',
        serviceRoleKey: 'k',
        bucket: 'product-images',
        importsBucket: 'imports',
      });
    });
  });
});
