// Cosmos DB emulator for tests: @vercel/cosmosdb-server plus the little the Java SDK needs that it lacks.
//   node server.js [port]   prints "cosmos emulator listening on https://127.0.0.1:<port>/" when ready.
// - Query plans: the SDK asks the gateway for a plan before every query (x-ms-cosmos-is-query-plan-request);
//   the server has none, so answer with a trivial single-range plan and let the server run the query itself.
// - Cross-partition: mark every request as allowed to cross partitions; this also makes reading a missing
//   item answer 404 instead of 500.
// - Exits when its standard input closes, so a test JVM that dies does not leave it running.
"use strict";
const { createHttpsServer } = require("@vercel/cosmosdb-server");

const port = parseInt(process.argv[2] || "0", 10);
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

server.on("request", (req, res) => {
  if (String(req.headers["x-ms-cosmos-is-query-plan-request"]).toLowerCase() === "true") {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "x-ms-request-charge": "0", "x-ms-activity-id": "00000000-0000-0000-0000-000000000000" });
      res.end(queryPlan);
    });
    return;
  }
  req.headers["x-ms-documentdb-query-enablecrosspartition"] = "true";
  handle(req, res);
});

server.listen(port, "127.0.0.1", () => {
  console.log(`cosmos emulator listening on https://127.0.0.1:${server.address().port}/`);
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
