#!/usr/bin/env python3
"""End-to-end test of `faq mcp` with the official MCP Python SDK as the client.

Starts the built binary over stdio, as Claude Desktop or Cursor would, and checks what
issue 14 asks for: the tools are listed with schemas, each tool answers, ask_faq makes the
same decision as `faq ask`, explain_error reads an openai-python 429 paste, errors come back
as error results (or JSON-RPC errors for an unknown tool) and the server keeps serving.
The client validates every structured result against its tool's outputSchema itself.

    pip install -r tools/requirements-mcp.txt
    python3 tools/mcp_test.py [--binary .build/debug/faq] [--timeout 120]

The index is built in a temporary directory (never ~/.cache). Exits 0 when every check
passes, 1 otherwise; the last line printed is "N passed, M failed".
"""
import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

IN_SCOPE = "发票多久能开出来"
OUT_OF_SCOPE = "红烧肉怎么做才好吃"
# An openai-python traceback as a user pastes it (written for this test, not taken from the eval set).
OPENAI_429 = """Traceback (most recent call last):
  File "/srv/bot/reply.py", line 41, in answer
    completion = client.chat.completions.create(model="Qwen/Qwen3-8B", messages=history)
openai.RateLimitError: Error code: 429 - {'message': 'Request was rejected due to rate limiting. Details: TPM limit reached.', 'data': None}
"""
TOOLS = {"search_faq", "ask_faq", "explain_error", "get_entry", "list_categories"}


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print(f"ok    {name}")
        else:
            self.failed += 1
            print(f"FAIL  {name}" + (f": {detail}" if detail else ""))
        return condition


def field(obj, *names):
    """An attribute under its 1.x (camelCase) or 2.x (snake_case) name."""
    for name in names:
        if hasattr(obj, name):
            return getattr(obj, name)
    return None


def is_error(result):
    return bool(field(result, "is_error", "isError"))


def structured(result):
    return field(result, "structured_content", "structuredContent") or {}


def text_of(result):
    return "\n".join(block.text for block in result.content if getattr(block, "type", "") == "text")


def cli_json(binary, db, *args):
    """The same question through the CLI, for comparison."""
    out = subprocess.run([binary, *args, "--json", "--db", db], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


async def call(session, checks, name, arguments):
    """Calls a tool; an exception (a JSON-RPC error or an invalid result) fails a check instead of the run."""
    try:
        return await session.call_tool(name, arguments)
    except Exception as error:  # noqa: BLE001 - report any client-side failure as a failed check
        checks.check(f"{name} {json.dumps(arguments, ensure_ascii=False)[:60]} returns a result", False, repr(error))
        return None


async def run(binary, db, checks):
    params = StdioServerParameters(command=binary, args=["mcp", "--db", db])
    with open(os.devnull, "w") as errlog:
        async with stdio_client(params, errlog=errlog) as (read, write):
            async with ClientSession(read, write) as session:
                init = await session.initialize()
                info = field(init, "server_info", "serverInfo")
                checks.check("initialize names the server faqkit", info is not None and info.name == "faqkit", repr(info))

                tools = (await session.list_tools()).tools
                names = {tool.name for tool in tools}
                checks.check("tools/list gives the five tools", names == TOOLS, repr(sorted(names)))
                checks.check(
                    "every tool has a description, an input schema and an output schema",
                    all(tool.description and field(tool, "input_schema", "inputSchema") and field(tool, "output_schema", "outputSchema")
                        for tool in tools))

                # ask_faq: the same decision as `faq ask`
                result = await call(session, checks, "ask_faq", {"question": IN_SCOPE})
                if result is not None:
                    data = structured(result)
                    cli = cli_json(binary, db, "ask", IN_SCOPE)
                    answer = data.get("answer") or {}
                    checks.check(f"ask_faq {IN_SCOPE} answers", not is_error(result) and data.get("outcome") == "answer", text_of(result)[:200])
                    checks.check("  with the 2-working-day entry", "2个工作日" in answer.get("answer", ""), answer.get("answer", "")[:120])
                    checks.check("  the same entry as faq ask", answer.get("id") == (cli.get("answer") or {}).get("id"),
                                 f"{answer.get('id')} vs {(cli.get('answer') or {}).get('id')}")
                    checks.check("  citing its URL in the text", answer.get("url") and answer["url"] in text_of(result))
                    entry_id = answer.get("id")
                else:
                    entry_id = None

                result = await call(session, checks, "ask_faq", {"question": OUT_OF_SCOPE})
                if result is not None:
                    data = structured(result)
                    cli = cli_json(binary, db, "ask", OUT_OF_SCOPE)
                    checks.check(f"ask_faq {OUT_OF_SCOPE} abstains", not is_error(result) and data.get("outcome") == "handoff"
                                 and data.get("answered") is False and not data.get("answer"), json.dumps(data, ensure_ascii=False)[:200])
                    checks.check("  as faq ask does", cli.get("answered") is False)
                    fallback = data.get("fallback") or {}
                    checks.check("  with the fallback message", fallback.get("message") and fallback["message"] in text_of(result))

                # search_faq
                result = await call(session, checks, "search_faq", {"query": "实名认证", "limit": 3})
                if result is not None:
                    rows = structured(result).get("results", [])
                    checks.check("search_faq gives at most `limit` ranked entries", not is_error(result) and 0 < len(rows) <= 3, text_of(result)[:200])
                    checks.check("  each with id, title, category, answer, url, confidence",
                                 all({"id", "title", "category", "answer", "url", "confidence"} <= set(row) for row in rows))
                    cli = cli_json(binary, db, "search", "实名认证", "--limit", "3")
                    checks.check("  ranked as faq search ranks them", [r["id"] for r in rows] == [r["id"] for r in cli.get("results", [])])

                # list_categories, then a category filter with one of them
                result = await call(session, checks, "list_categories", {})
                categories = structured(result).get("categories", []) if result is not None else []
                checks.check("list_categories gives slugs, names and counts",
                             bool(categories) and all({"slug", "name", "count"} <= set(c) for c in categories), repr(categories[:2]))
                if categories:
                    category = max(categories, key=lambda c: c["count"])
                    result = await call(session, checks, "search_faq", {"query": category["name"], "category": category["slug"], "limit": 20})
                    if result is not None:
                        rows = structured(result).get("results", [])
                        checks.check("search_faq filters by category", rows and all(row["category"] == category["slug"] for row in rows))

                # explain_error on an openai-python 429
                result = await call(session, checks, "explain_error", {"text": OPENAI_429})
                if result is not None:
                    data = structured(result)
                    cli = cli_json(binary, db, "explain", OPENAI_429)
                    text = text_of(result)
                    entries = data.get("entries", [])
                    checks.check("explain_error reads status 429", not is_error(result) and data.get("status") == 429, text[:200])
                    checks.check("  names the TPM limit", data.get("limit") == "TPM" and "TPM" in text)
                    checks.check("  links the rate-limit answers (as faq explain does)",
                                 entries and [e["id"] for e in entries] == [e["id"] for e in cli.get("entries", [])]
                                 and all(e["url"] in text for e in entries), repr([e.get("id") for e in entries]))

                # get_entry
                if entry_id:
                    result = await call(session, checks, "get_entry", {"id": entry_id})
                    if result is not None:
                        checks.check("get_entry gives the entry", not is_error(result) and structured(result).get("id") == entry_id)
                result = await call(session, checks, "get_entry", {"id": "no/such"})
                if result is not None:
                    checks.check("get_entry no/such is an error result", is_error(result) and "no/such" in text_of(result), text_of(result))

                # bad input: error results, and the server keeps serving
                for name, arguments, label in [
                    ("ask_faq", {}, "a missing question"),
                    ("ask_faq", {"question": "  "}, "an empty question"),
                    ("ask_faq", {"question": "发票" * 400}, "an over-long question"),
                    ("search_faq", {"query": "发票", "limit": 500}, "a limit out of range"),
                    ("explain_error", {"text": "x" * (65 * 1024)}, "an over-long paste"),
                ]:
                    result = await call(session, checks, name, arguments)
                    if result is not None:
                        checks.check(f"{name} with {label} is an error result", is_error(result) and text_of(result), text_of(result)[:120])
                try:
                    await session.call_tool("no_such_tool", {})
                    checks.check("an unknown tool is an error", False, "no error raised")
                except Exception as error:  # noqa: BLE001 - the SDK's error type differs between versions
                    checks.check("an unknown tool is a JSON-RPC error naming it", "no_such_tool" in str(error), str(error))
                result = await call(session, checks, "ask_faq", {"question": IN_SCOPE})
                checks.check("a request after the errors is served", result is not None and not is_error(result))

                # resources
                listing = await session.list_resources()
                resources = listing.resources
                checks.check("resources/list gives faq://entries/{id}",
                             bool(resources) and all(str(r.uri).startswith("faq://entries/") for r in resources), repr(resources[:1]))
                if resources:
                    first = resources[0]
                    contents = (await session.read_resource(first.uri)).contents
                    body = contents[0].text if contents else ""
                    checks.check("resources/read gives the entry as markdown",
                                 field(contents[0], "mime_type", "mimeType") == "text/markdown" and (first.title or "") in body, body[:120])
                try:
                    await session.read_resource("faq://entries/no/such")
                    checks.check("an unknown resource is an error", False, "no error raised")
                except Exception as error:  # noqa: BLE001
                    checks.check("an unknown resource is an error", "not found" in str(error).lower(), str(error))

                # prompts
                prompts = (await session.list_prompts()).prompts
                checks.check("prompts/list gives answer_support_question", [p.name for p in prompts] == ["answer_support_question"])
                prompt = await session.get_prompt("answer_support_question", {"question": "怎么注销账号"})
                text = prompt.messages[0].content.text if prompt.messages else ""
                checks.check("the prompt says to search first and cite the URL",
                             "怎么注销账号" in text and "ask_faq" in text and "search_faq" in text and "URL" in text, text[:160])


def piped(binary, db, checks):
    """Requests written all at once and stdin closed, as `printf ... | faq mcp` does: each is answered."""
    lines = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "pipe", "version": "1"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "ask_faq", "arguments": {"question": IN_SCOPE}}},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "get_entry", "arguments": {"id": "no/such"}}},
        {"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {"name": "no_such_tool", "arguments": {}}},
    ]
    stdin = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    out = subprocess.run([binary, "mcp", "--db", db], input=stdin, capture_output=True, text=True, timeout=60)
    try:
        replies = {m.get("id"): m for m in map(json.loads, out.stdout.splitlines())}
    except ValueError:
        checks.check("stdout holds only JSON-RPC messages", False, out.stdout[:200])
        return
    checks.check("stdout holds only JSON-RPC messages", all(m.get("jsonrpc") == "2.0" for m in replies.values()))
    checks.check("piped requests are all answered before exit", set(replies) >= {1, 2, 3, 4} and out.returncode == 0,
                 f"ids {sorted(map(str, replies))}, exit {out.returncode}")
    checks.check("  an error result and a JSON-RPC error among them",
                 replies.get(3, {}).get("result", {}).get("isError") is True and replies.get(4, {}).get("error", {}).get("code") == -32602)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", default=".build/debug/faq", help="the faq executable (default: .build/debug/faq)")
    ap.add_argument("--timeout", type=float, default=120, help="seconds for the whole run, index build included")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    checks = Checks()
    if not os.access(binary, os.X_OK):
        checks.check("the faq binary exists", False, f"{binary} is not executable; build it with swift build")
    else:
        with tempfile.TemporaryDirectory(prefix="faqkit-mcp-test-") as tmp:
            db = os.path.join(tmp, "index.sqlite")
            # Build the index first, so the server's start is not what the timeout measures.
            subprocess.run([binary, "index", "--db", db], capture_output=True, timeout=args.timeout, check=True)
            piped(binary, db, checks)
            try:
                asyncio.run(asyncio.wait_for(run(binary, db, checks), timeout=args.timeout))
            except asyncio.TimeoutError:
                checks.check(f"the run finishes within {args.timeout:.0f} s", False)
            except Exception as error:  # noqa: BLE001 - a crash of the session is one failed check, not a traceback
                checks.check("the session runs to the end", False, repr(error))
    print(f"{checks.passed} passed, {checks.failed} failed")
    sys.exit(1 if checks.failed else 0)


if __name__ == "__main__":
    main()
