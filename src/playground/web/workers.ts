/**
 * Monaco (GraphiQL 5's editor) runs its language services in web workers. They are bundled by
 * playground/build.mjs as classic scripts next to the page, so they load from the same origin
 * (Content-Security-Policy worker-src 'self'): no CDN, no blob: URL.
 */
const base = '/playground/assets/';

(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    switch (label) {
      case 'json':
        return new Worker(`${base}json.worker.js`, { name: 'json' });
      case 'graphql':
        return new Worker(`${base}graphql.worker.js`, { name: 'graphql' });
      default:
        return new Worker(`${base}editor.worker.js`, { name: label || 'editor' });
    }
  },
};

export {};
