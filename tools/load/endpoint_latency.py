#!/usr/bin/env python3
"""Sequential latency of one GET endpoint of a running `faq serve`, over one keep-alive connection.

    tools/load/endpoint_latency.py [--port 8080] [--path /openapi.json] [--requests 600] [--warmup 100]

Prints the median and 90th percentile round trip. For endpoints `tools/load/load_check.sh` (wrk,
search throughput) does not cover, such as /openapi.json, /health and /v1/categories.
"""
import argparse
import http.client
import statistics
import time

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=8080)
parser.add_argument("--path", default="/openapi.json")
parser.add_argument("--requests", type=int, default=600)
parser.add_argument("--warmup", type=int, default=100)
args = parser.parse_args()

connection = http.client.HTTPConnection(args.host, args.port, timeout=10)
times = []
for i in range(args.warmup + args.requests):
    start = time.perf_counter()
    connection.request("GET", args.path)
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"{args.path}: HTTP {response.status}")
    if i >= args.warmup:
        times.append(time.perf_counter() - start)
times.sort()
print(f"{args.path}: median {statistics.median(times) * 1e6:.0f} µs, "
      f"p90 {times[int(len(times) * 0.9)] * 1e6:.0f} µs over {len(times)} requests")
