// Cosmos DB emulator for tests: @vercel/cosmosdb-server plus the little the Java SDK needs that it lacks.
//   node server.js [port]   prints "cosmos emulator listening on https://127.0.0.1:<port>/" when ready.
// - Query plans: the SDK asks the gateway for a plan before every query (x-ms-cosmos-is-query-plan-request);
//   the server has none, so answer with a trivial single-range plan and let the server run the query itself.
// - Cross-partition: mark every request as allowed to cross partitions; this also makes reading a missing
//   item answer 404 instead of 500.
// - Exits when its standard input closes, so a test JVM that dies does not leave it running.
// - Throttling, off by default (the server has no request units): with --throttle-every N --retry-after-ms M
//   every Nth bulk (batch) request is answered 429 / substatus 3200 with x-ms-retry-after-ms M, as Cosmos DB
//   does when a partition is over its RU/s. Operations are followed by id across batches. Lines printed:
//   "throttled <id> <id> ..." per throttled batch and "retried <id> after <ms> ms" when one of them comes back.
//   With --throttle-operations K instead, a batch holding an operation sent fewer than K+1 times is answered
//   200 with every operation 429 / 3200 / retryAfterMilliseconds M, as a bulk reply throttled item by item:
//   a sustained overload that outlasts the SDK's own throttling retries.
"use strict";
const crypto = require("crypto");
const { Readable } = require("stream");
const { createHttpsServer } = require("@vercel/cosmosdb-server");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? parseInt(args[i + 1], 10) : fallback;
};
const port = parseInt(args[0] && !args[0].startsWith("--") ? args[0] : "0", 10);
const throttleEvery = option("--throttle-every", 0);
const throttleOperations = option("--throttle-operations", 0);
const retryAfterMs = option("--retry-after-ms", 100);
const server = createHttpsServer();
const [handle] = server.listeners("request");
server.removeAllListeners("request");

const queryPlan = JSON.stringify({
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: "None", top: null, offset: null, limit: null, orderBy: [], orderByExpressions: [],
    groupByExpressions: [], groupByAliases: [], aggregates: [], groupByAliasToAggregateType: {},
    rewrittenQuery: "", hasSelectValue: false, dCountInfo: null
  },
  queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }]
});

const isTrue = (req, header) => String(req.headers[header]).toLowerCase() === "true";

let batches = 0;
const throttled = new Map(); // id of an operation in a throttled batch -> when it was throttled
const attempts = new Map(); // id of an operation -> how many times it was sent

// Notes the operations of a refused batch, so that their return can be timed.
const refuse = (ids, now) => {
  ids.forEach((id) => throttled.set(id, now));
  console.log(`throttled ${ids.join(" ")}`);
};

// Reads the batch body to follow its operations, then hands the server a request it can read again.
const throttle = (req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    let ids = [];
    try {
      ids = JSON.parse(body.toString()).map((op) => op.id || (op.resourceBody && op.resourceBody.id));
    } catch (e) {
      // not a batch body: the server answers it as it would
    }
    const now = Date.now();
    for (const id of ids) {
      if (throttled.has(id)) {
        console.log(`retried ${id} after ${now - throttled.get(id)} ms`);
        throttled.delete(id);
      }
    }
    ids.forEach((id) => attempts.set(id, (attempts.get(id) || 0) + 1));
    if (throttleOperations > 0 && ids.some((id) => attempts.get(id) <= throttleOperations)) {
      refuse(ids, now);
      res.writeHead(200, { "content-type": "application/json", "x-ms-request-charge": "0", "x-ms-activity-id": crypto.randomUUID() });
      res.end(JSON.stringify(ids.map(() => ({ statusCode: 429, subStatusCode: 3200, requestCharge: 0, retryAfterMilliseconds: retryAfterMs }))));
      return;
    }
    if (throttleEvery > 0 && ids.length > 0 && ++batches % throttleEvery === 0) {
      refuse(ids, now);
      res.writeHead(429, {
        "content-type": "application/json", "x-ms-retry-after-ms": String(retryAfterMs), "x-ms-substatus": "3200",
        "x-ms-request-charge": "0", "x-ms-activity-id": crypto.randomUUID()
      });
      res.end(JSON.stringify({ code: "429", message: "Message: {\"Errors\":[\"Request rate is large.\"]}" }));
      return;
    }
    const again = Readable.from([body]);
    Object.assign(again, { headers: req.headers, method: req.method, url: req.url, socket: req.socket, connection: req.socket });
    handle(again, res);
  });
};

server.on("request", (req, res) => {
  req.headers["x-ms-documentdb-query-enablecrosspartition"] = "true";
  if ((throttleEvery > 0 || throttleOperations > 0) && req.method === "POST" && isTrue(req, "x-ms-cosmos-is-batch-request")) {
    throttle(req, res);
    return;
  }
  if (isTrue(req, "x-ms-cosmos-is-query-plan-request")) {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "x-ms-request-charge": "0", "x-ms-activity-id": "00000000-0000-0000-0000-000000000000" });
      res.end(queryPlan);
    });
    return;
  }
  handle(req, res);
});

server.listen(port, "127.0.0.1", () => {
  console.log(`cosmos emulator listening on https://127.0.0.1:${server.address().port}/`);
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
