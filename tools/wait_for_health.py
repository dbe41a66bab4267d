#!/usr/bin/env python3
"""Waits until URL answers 200 (polling every 0.1 s), for at most SECONDS; exit 1 if it never does.

    python3 tools/wait_for_health.py http://127.0.0.1:18016/health 120
"""
import sys
import time
import urllib.request

url, seconds = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 60
deadline = time.monotonic() + seconds
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.1)
print(f"{url} did not answer within {seconds:.0f} s", file=sys.stderr)
sys.exit(1)
