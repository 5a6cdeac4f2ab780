// Runs the real graphql-ws client against the server: a query, then a subscription that waits for one fact.
// Usage: node subscribe.mjs <ws-url> <api-key>. Prints one JSON line per step; exit code 0 on success.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, key] = process.argv.slice(2);
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${key}` },
  retryAttempts: 0,
  keepAlive: 1000,
});
const timer = setTimeout(() => { console.error('timeout'); process.exit(2); }, 30000);

try {
  const query = client.iterate({ query: '{ __typename }' });
  for await (const result of query) console.log(JSON.stringify({ step: 'query', result }));

  const facts = client.iterate({
    query: 'subscription($filter: FactExtractedFilter) { factExtracted(filter: $filter) { factKey type companies } }',
    variables: { filter: { types: ['LOSS'] } },
  });
  console.log(JSON.stringify({ step: 'subscribed' }));
  for await (const result of facts) {
    console.log(JSON.stringify({ step: 'next', result }));
    break; // completes the subscription (sends `complete`)
  }
  await client.dispose();
  clearTimeout(timer);
  process.exit(0);
} catch (error) {
  console.error(JSON.stringify({ step: 'error', error: error?.message ?? error?.reason ?? String(error) }));
  process.exit(1);
}
