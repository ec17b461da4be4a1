/** The example operations of schema/operations, compiled in by playground/build.mjs. */
declare module 'maillage:operations' {
  const operations: { name: string; query: string; variables?: string }[];
  export default operations;
}
declare module '*.css';
