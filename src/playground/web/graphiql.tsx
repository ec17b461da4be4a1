/**
 * /playground: GraphiQL 5 with its documentation explorer, the example operations of
 * schema/operations as tabs, and a token field (sessionStorage) whose token goes with every request.
 * `?query=…&variables=…` opens that operation in a tab of its own (links from /playground/hierarchy).
 */
import './workers';
import 'graphiql/style.css';
import './playground.css';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import operations from 'maillage:operations';
import { authorizedFetch, getToken, setToken } from './token';
import { mapPlugin, recordResult } from './map-plugin';

const baseFetcher = createGraphiQLFetcher({ url: '/graphql', fetch: authorizedFetch, enableIncrementalDelivery: false });
/** Every result also goes to the Map plugin, which draws the last nationalMap it saw. */
const fetcher: typeof baseFetcher = (params, options) => {
  const result = baseFetcher(params, options);
  if (result instanceof Promise) void result.then(recordResult, () => undefined);
  return result;
};
const plugins = [mapPlugin];

const params = new URLSearchParams(location.search);
const linkedQuery = params.get('query') ?? undefined;
const linkedVariables = params.get('variables') ?? undefined;
const defaultTabs = [
  ...(linkedQuery ? [{ query: linkedQuery, variables: linkedVariables }] : []),
  ...operations.map((op) => ({ query: op.query, variables: op.variables })),
];
// GraphiQL fills the variables editor from `initialVariables` only, not from the first default tab:
// hand it the first tab's variables when it opens on the default tabs (nothing stored this session).
const hasStoredTabs = (() => {
  try {
    return sessionStorage.getItem('graphiql:tabState') !== null;
  } catch {
    return false;
  }
})();
const initialVariables = linkedVariables ?? (hasStoredTabs ? undefined : defaultTabs[0]?.variables);

function TokenBar() {
  const [token, setTokenState] = useState(getToken);
  const update = (value: string) => {
    setToken(value);
    setTokenState(getToken());
  };
  return (
    <header className="maillage-bar">
      <strong>maillage</strong>
      <span className="maillage-bar-title">GraphQL playground</span>
      <a href="/playground/hierarchy">Label hierarchy</a>
      <form className="maillage-token" onSubmit={(event) => event.preventDefault()} autoComplete="off">
        <label htmlFor="maillage-token">API token</label>
        <input
          id="maillage-token" name="token" type="password" autoComplete="off" spellCheck={false}
          placeholder="paste a token (kept for this browser session only)"
          value={token} onChange={(event) => update(event.target.value)}
        />
        <button type="button" onClick={() => update('')} disabled={!token}>Forget</button>
        <output id="maillage-token-status" htmlFor="maillage-token">
          {token ? 'sent as Authorization: Bearer …' : 'none: public reads only'}
        </output>
      </form>
    </header>
  );
}

function Playground() {
  return (
    <div className="maillage-layout">
      <TokenBar />
      <div className="maillage-graphiql">
        <GraphiQL
          fetcher={fetcher}
          plugins={plugins}
          defaultTabs={defaultTabs}
          initialQuery={linkedQuery}
          initialVariables={initialVariables}
          storage={sessionStorage}
          shouldPersistHeaders={false}
          defaultEditorToolsVisibility="variables"
        />
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Playground />
  </StrictMode>,
);
