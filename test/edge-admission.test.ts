import { CostAdmission, LIGHT_COST } from '../src/edge/admission.js';

/** The order in which admit() calls resolve. */
function tracker(admission: CostAdmission) {
  const admitted: string[] = [];
  const releases = new Map<string, () => void>();
  const admit = (name: string, cost: number, signal?: AbortSignal) => admission.admit(cost, signal).then((release) => {
    admitted.push(name);
    releases.set(name, release);
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { admitted, admit, settle, release: (name: string) => releases.get(name)!() };
}

describe('admission by cost (src/edge/admission.ts)', () => {
  it('lets costly operations in while they fit, then in arrival order as room is given back', async () => {
    const admission = new CostAdmission(50_000);
    const t = tracker(admission);
    void t.admit('a', 25_000); void t.admit('b', 25_000); void t.admit('c', 25_000); void t.admit('d', 10_000);
    await t.settle();
    expect(t.admitted).toEqual(['a', 'b']);
    expect(admission.waiting).toBe(2);
    // d would fit beside a and b… no: 60,000. And it must not pass c, which came first.
    t.release('a');
    await t.settle();
    expect(t.admitted).toEqual(['a', 'b', 'c']);
    t.release('b');
    await t.settle();
    expect(t.admitted).toEqual(['a', 'b', 'c', 'd']);
    expect(admission.inFlight).toBe(35_000);
  });

  it('never makes a light operation wait', async () => {
    const admission = new CostAdmission(10_000);
    const t = tracker(admission);
    void t.admit('heavy', 10_000); void t.admit('queued', 5_000); void t.admit('light', LIGHT_COST);
    await t.settle();
    expect(t.admitted).toEqual(['heavy', 'light']);
  });

  it('runs an operation costlier than the whole budget alone', async () => {
    const admission = new CostAdmission(10_000);
    const t = tracker(admission);
    void t.admit('small', 2_000); void t.admit('huge', 90_000); void t.admit('after', 2_000);
    await t.settle();
    expect(t.admitted).toEqual(['small']);
    t.release('small');
    await t.settle();
    expect(t.admitted).toEqual(['small', 'huge']);
    t.release('huge');
    await t.settle();
    expect(t.admitted).toEqual(['small', 'huge', 'after']);
  });

  it('drops a waiting operation whose request stops, and lets the next one in', async () => {
    const admission = new CostAdmission(10_000);
    const t = tracker(admission);
    const leaving = new AbortController();
    void t.admit('running', 10_000);
    const stopped = t.admit('leaves', 10_000, leaving.signal).catch((error: Error) => error.message);
    void t.admit('next', 10_000);
    await t.settle();
    leaving.abort(new Error('client left'));
    expect(await stopped).toBe('client left');
    t.release('running');
    await t.settle();
    expect(t.admitted).toEqual(['running', 'next']);
    expect(admission.waiting).toBe(0);
  });

  it('gives points back once, however often release is called', async () => {
    const admission = new CostAdmission(10_000);
    const release = await admission.admit(8_000);
    release();
    release();
    expect(admission.inFlight).toBe(0);
  });
});
