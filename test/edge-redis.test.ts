import { randomUUID } from 'node:crypto';
import { CostRateLimiter } from '../src/edge/rate-limit.js';
import { startTestApi, type TestApi } from './support/app.js';

/**
 * The rate limiter's Redis backend, against the Redis of the machine: only when TEST_REDIS_URL is
 * set (`.ci/run` sets redis://127.0.0.1:6379); skipped otherwise, so `npm test` passes with nothing running.
 */
const REDIS = process.env.TEST_REDIS_URL;
const describeWithRedis = REDIS ? describe : describe.skip;

describeWithRedis('rate limits shared through Redis', () => {
  const config = { ratePoints: 100, tokenRatePoints: 1000, rateWindowSeconds: 60, redisUrl: REDIS };

  test('two limiters (two API processes) spend from the same counter', async () => {
    const prefix = `maillage:test:${randomUUID()}`;
    const a = new CostRateLimiter(config, prefix);
    const b = new CostRateLimiter(config, prefix);
    try {
      expect(a.shared).toBe(true);
      await Promise.all([a.ready(), b.ready()]);
      const client = { kind: 'address' as const, key: '192.0.2.1' };
      expect(await a.spend(client, 60)).toMatchObject({ allowed: true, remaining: 40 });
      expect(await b.spend(client, 30)).toMatchObject({ allowed: true, remaining: 10 });
      const refused = await a.spend(client, 20);
      expect(refused.allowed).toBe(false);
      expect(refused.reset).toBeGreaterThan(0);
      expect(await b.spend({ kind: 'address', key: '192.0.2.2' }, 20)).toMatchObject({ allowed: true, remaining: 80 });
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('two servers on REDIS_URL share a client\'s points; 429 from the second', async () => {
    const edge = { ratePoints: 200, rateWindowSeconds: 60, redisUrl: REDIS, trustProxy: true };
    const one: TestApi = await startTestApi(undefined, { edge });
    const two: TestApi = await startTestApi(undefined, { edge });
    try {
      // A key of our own: the address is the same for every test run, the counter's window is not.
      const query = '{ ecosystem(slug: "french-tech-lille") { name children { slug } } }';
      const headers = { 'x-forwarded-for': `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` };
      await new Promise((r) => setTimeout(r, 300)); // both connected to Redis (until then each counts in memory)
      let status = 200;
      for (let i = 0; i < 10 && status === 200; i++) status = (await (i % 2 ? one : two).graphql(query, undefined, headers)).status;
      expect(status).toBe(429);
    } finally {
      await one.stop();
      await two.stop();
    }
  });
});

test('without TEST_REDIS_URL the Redis tests are skipped, not failed', () => {
  expect(typeof CostRateLimiter).toBe('function');
});
