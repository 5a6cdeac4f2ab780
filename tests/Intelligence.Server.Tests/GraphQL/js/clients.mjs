// Real GraphQL clients and tools against a running server; prints one JSON line per check.
//   node clients.mjs introspect <url> <key> <schema.graphql>   graphql-js getIntrospectionQuery -> buildClientSchema
//   node clients.mjs audit <url> <key>                          graphql-http serverAudits
//   node clients.mjs urql <url> <queries.json>                  @urql/core with its default settings
//   node clients.mjs apollo <url> <asOf>                        Apollo Client InMemoryCache: live vs asOf company
import { readFileSync } from 'node:fs';
import {
  buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema,
} from 'graphql';

const [mode, url, ...rest] = process.argv.slice(2);
const print = (line) => console.log(JSON.stringify(line));

async function introspect(key, sdlPath) {
  const expected = printSchema(lexicographicSortSchema(buildSchema(readFileSync(sdlPath, 'utf8'))));
  const variants = {
    default: {},
    extended: { descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true },
  };
  for (const [variant, options] of Object.entries(variants)) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json', Authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: getIntrospectionQuery(options), operationName: 'IntrospectionQuery' }),
    });
    const body = await response.json();
    if (!body.data) {
      print({ variant, status: response.status, equal: false, errors: body.errors });
      continue;
    }
    const printed = printSchema(lexicographicSortSchema(buildClientSchema(body.data)));
    print({ variant, status: response.status, equal: printed === expected, printed: printed === expected ? undefined : printed });
  }
}

async function audit(key) {
  const { serverAudits } = await import('graphql-http');
  const fetchFn = (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${key}`);
    return fetch(input, { ...init, headers });
  };
  for (const { id, name, fn } of serverAudits({ url, fetchFn })) {
    const result = await fn();
    print({ id, name, status: result.status, reason: result.reason });
  }
}

async function urql(queriesPath) {
  const { Client, cacheExchange, fetchExchange } = await import('@urql/core');
  const client = new Client({ url, exchanges: [cacheExchange, fetchExchange] });
  const queries = JSON.parse(readFileSync(queriesPath, 'utf8'));
  let method;
  const originalFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => { method = init?.method ?? 'GET'; return originalFetch(input, init); };
  for (const query of queries) {
    const result = await client.query(query, {}).toPromise();
    print({ query, method, data: result.data ?? null, error: result.error?.message ?? null });
  }
}

async function apollo(asOf) {
  const { ApolloClient, InMemoryCache, HttpLink, gql } = await import('@apollo/client');
  const client = new ApolloClient({ link: new HttpLink({ uri: url }), cache: new InMemoryCache() });
  const query = gql`query Company($asOf: DateTime) { company(name: "OpenAI", asOf: $asOf) { id name losses { key } } }`;
  const live = await client.query({ query, variables: { asOf: null } });
  const past = await client.query({ query, variables: { asOf } });
  // Read back from the cache: a merged entry would show the last answer for both.
  const cachedLive = client.readQuery({ query, variables: { asOf: null } });
  const cachedPast = client.readQuery({ query, variables: { asOf } });
  print({
    live: live.data.company, past: past.data.company,
    cachedLive: cachedLive?.company ?? null, cachedPast: cachedPast?.company ?? null,
  });
}

try {
  if (mode === 'introspect') await introspect(rest[0], rest[1]);
  else if (mode === 'audit') await audit(rest[0]);
  else if (mode === 'urql') await urql(rest[0]);
  else if (mode === 'apollo') await apollo(rest[0]);
  else throw new Error(`unknown mode ${mode}`);
} catch (e) {
  console.error(e?.stack ?? String(e));
  process.exit(1);
}
