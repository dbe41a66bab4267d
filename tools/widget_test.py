#!/usr/bin/env python3
"""End-to-end test of the FAQKit help widget in headless Chromium, embedded on another origin.

Runs against an already RUNNING FAQKit server serving the widget's test corpus:

    apt-get install -y chromium chromium-driver fonts-noto-cjk
    pip install -r tools/requirements-widget.txt
    .build/debug/faq serve --corpus tools/widget/fixture-faq.md --port 18015 &
    python3 tools/widget_test.py --base http://127.0.0.1:18015 [--screenshots docs]

The test serves its own page from a second origin (http://127.0.0.1:18025 by default, a Python
http.server in this process) with `data-lang="en"`, a custom placeholder, a contact URL and a
custom accent colour, and then types into the widget like a person: the answers of
tools/widget/fixture-faq.md hold a table, a fenced code block, a bold list, a nested list and
hostile HTML / `javascript:` links. It checks what a person sees (a real <table>, <pre><code>,
bold, no raw markdown, English words only, the contact link on abstention, nothing wider than a
390 px phone), what must not happen (no script from the corpus runs, no unsafe link or image),
and runs axe-core (shipped by the axe-selenium-python package) on the open widget in light and
dark mode, failing on serious or critical violations.

--base defaults to $FAQ_BASE. Uses the system chromedriver with an explicit path, so Selenium
Manager never downloads anything. Exits 0 when every check passes, 1 otherwise; the last line
printed is "N passed, M failed".
"""
import argparse
import functools
import http.server
import json
import os
import re
import signal
import struct
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import zlib

WAIT = 10            # seconds for any single wait
HARD_LIMIT = 240     # seconds for the whole run
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HERE = os.path.dirname(os.path.abspath(__file__))

PLACEHOLDER = "Ask about memberships, loans or the API"
CONTACT_URL = "https://harborlane.example/contact"
ACCENT = "#0f766e"                 # set by the host page through --faq-accent
ACCENT_RGB = "rgb(15, 118, 110)"

# What a person types, and what the fixture corpus answers (tools/widget/fixture-faq.md).
Q_TABLE = "membership plans prices"
Q_CODE = "call the catalogue API with curl"
Q_BOLD = "who owns a shared library account"
Q_NESTED = "download an invoice"
Q_EXCERPT = "can I bring coffee into the branch"
Q_HOSTILE = "why does the export page print markup"
Q_OUT = "weather forecast for Lisbon tomorrow"
Q_SUGGEST = "guest price change"   # the test shapes this one's /v1/ask answer as "suggest" (see SUGGEST_SHIM)

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
RAW_MARKDOWN = re.compile(r"\|\s*:?-{3}|```|\*\*|~~|^#{1,6} ", re.M)

# Until the ask endpoint reports outcomes on every server (issue 12), the "did you mean" band is
# exercised by shaping one query's /v1/ask response the way the shared contract describes it:
# outcome "suggest" and the top search hits as suggestions. A server that already answers with an
# `outcome` for that query is left alone only if it says "suggest" itself.
SUGGEST_SHIM = """
(function () {
  var realFetch = window.fetch;
  window.fetch = function (input, init) {
    var url = String(input && input.url || input);
    var p = realFetch.apply(this, arguments);
    if (url.indexOf('/v1/ask?') < 0 || url.indexOf('q=' + encodeURIComponent(%(query)s)) < 0) return p;
    return p.then(function (res) {
      return res.clone().json().then(function (body) {
        if (body.outcome === 'suggest' && (body.suggestions || []).length) return res;
        var base = url.slice(0, url.indexOf('/v1/ask?'));
        return realFetch(base + '/v1/search?limit=3&q=' + encodeURIComponent(%(query)s)).then(function (r) {
          return r.json();
        }).then(function (search) {
          body.outcome = 'suggest';
          body.answered = false;
          body.answer = null;
          body.suggestions = search.hits.map(function (h) {
            return { id: h.id, category: h.category, categoryName: h.categoryName, title: h.title, url: h.url,
                     confidence: h.confidence };
          });
          window.__faqShimmed = (window.__faqShimmed || 0) + 1;
          return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
        });
      });
    });
  };
})();
"""

PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Harbor Lane Books: help</title>
<style>
  body {{ margin: 0; font: 16px/1.6 Georgia, serif; background: #f5f5f4; color: #1c1917; }}
  header.site {{ background: #1c1917; color: #fafaf9; padding: 14px 24px; font-weight: bold; }}
  main {{ max-width: 720px; margin: 0 auto; padding: 24px 16px 48px; }}
  h1 {{ font-size: 24px; margin: 0 0 12px; }}
  /* A hostile host stylesheet: none of it may reach the widget inside its shadow root. */
  input, button, div {{ font-family: "Comic Sans MS", cursive !important; }}
  input {{ display: none !important; }}
  #help {{ --faq-accent: {accent}; }}
</style>
</head>
<body>
<header class="site">Harbor Lane Books</header>
<main>
  <h1>How can we help?</h1>
  <div id="help"></div>
</main>
<script src="{base}/widget.js" data-target="#help" data-lang="en" data-title="Harbor Lane help"
        data-placeholder="{placeholder}" data-contact-url="{contact}" defer></script>
</body>
</html>
"""

FLOATING_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Harbor Lane Books</title></head>
<body style="margin:0;font:16px Georgia,serif">
<main style="padding:16px"><h1>Harbor Lane Books</h1><p>Opening hours, memberships and the catalogue.</p></main>
<script src="{base}/widget.js" data-placeholder="{placeholder}" defer></script>
</body>
</html>
"""


class CheckFailed(Exception):
    pass


def png_pixel_art(path):
    """A small PNG (a striped diagram) for the corpus's http image, so no request leaves the machine."""
    w, h = 240, 60
    rows = b""
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            band = (x // 60) % 4
            r, g, b = [(15, 118, 110), (37, 99, 235), (234, 179, 8), (220, 38, 38)][band]
            if y < 6 or y >= h - 6:
                r, g, b = 240, 240, 240
            row += bytes([r, g, b])
        rows += bytes(row)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


def serve_pages(base, port):
    """The embedding site: a second origin on 127.0.0.1:port, served from a temporary folder."""
    root = tempfile.mkdtemp(prefix="faqkit-widget-page-")
    fields = dict(base=base, placeholder=PLACEHOLDER, contact=CONTACT_URL, accent=ACCENT)
    with open(os.path.join(root, "index.html"), "w", encoding="utf-8") as f:
        f.write(PAGE.format(**fields))
    with open(os.path.join(root, "floating.html"), "w", encoding="utf-8") as f:
        f.write(FLOATING_PAGE.format(**fields))
    png_pixel_art(os.path.join(root, "pixel.png"))

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    handler = functools.partial(Quiet, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}"


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default=os.environ.get("FAQ_BASE"),
                    help="server base URL, e.g. http://127.0.0.1:18015 (default: $FAQ_BASE)")
    ap.add_argument("--page-port", type=int, default=int(os.environ.get("FAQ_PAGE_PORT", "18025")),
                    help="port of the embedding page's origin (default 18025; the fixture's image points there)")
    ap.add_argument("--screenshots", metavar="DIR",
                    help="also save the README screenshots (desktop 1280x800 and phone 390x844) to DIR")
    args = ap.parse_args()
    if not args.base:
        print("FAIL  no server given: pass --base http://127.0.0.1:PORT or set FAQ_BASE")
        print("0 passed, 1 failed")
        sys.exit(1)
    args.base = args.base.rstrip("/")
    return args


def make_driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMEDRIVER, CHROMIUM):
        if not os.path.exists(path):
            raise CheckFailed(f"{path} not found (apt-get install -y chromium chromium-driver)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--lang=zh-CN", "--hide-scrollbars"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(WAIT)
    driver.set_script_timeout(30)
    return driver


def axe_script():
    try:
        import axe_selenium_python
    except ImportError:
        raise CheckFailed("axe-selenium-python is not installed (pip install -r tools/requirements-widget.txt)")
    path = os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js")
    with open(path, encoding="utf-8") as f:
        return f.read()


def main():
    args = parse_args()
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    out_of_time = []

    def on_alarm(signum, frame):
        out_of_time.append(True)
        raise CheckFailed(f"whole run exceeded {HARD_LIMIT} s")
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(HARD_LIMIT)

    results = []          # (name, "pass" | "fail" | "skip", detail)
    driver = None
    page_server, page_origin = serve_pages(args.base, args.page_port)
    snippets_seen = []

    # ---- helpers ----
    def wait_for(desc, fn, timeout=WAIT):
        try:
            return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: fn())
        except TimeoutException:
            raise CheckFailed(f"timed out after {timeout} s waiting for {desc}")

    def js(code, *a):
        """Runs code with `root` bound to the widget's shadow root (null before it mounts)."""
        return driver.execute_script(
            "var host = document.querySelector('[data-faqkit]');"
            "var root = host && host.shadowRoot;" + code, *a)

    def host():
        return driver.find_element(By.CSS_SELECTOR, "[data-faqkit]")

    def find(sel):
        return host().shadow_root.find_elements(By.CSS_SELECTOR, sel)

    def box():
        return find("input[role=combobox]")[0]

    def viewport(width, height):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})

    def media(**features):
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": k.replace("_", "-"), "value": v} for k, v in features.items()]})

    def load(path="/"):
        try:
            driver.get(page_origin + path)
        except WebDriverException as e:
            raise CheckFailed(f"could not open {page_origin}{path}: {(e.msg or type(e).__name__).splitlines()[0]}")
        wait_for("the widget inside its shadow root", lambda: js("return !!(root && root.querySelector('input'))"))

    def type_query(query):
        b = box()
        b.click()
        old = b.get_attribute("value") or ""
        if old:
            b.send_keys(Keys.END + Keys.BACKSPACE * len(old))   # delete what was there, key by key
        b.send_keys(query)   # one key event per character, like a person
        wait_for(f"results for {query!r}", lambda: host().get_attribute("data-query") == query)
        snippets_seen.extend(e.text for e in find(".snippet"))
        return b

    def ask(query):
        """Types a question and presses Enter (the "ask" gesture)."""
        b = type_query(query)
        b.send_keys(Keys.ENTER)
        wait_for(f"an outcome for {query!r}", lambda: host().get_attribute("data-outcome"))
        return host().get_attribute("data-outcome")

    def open_answer(query):
        outcome = ask(query)
        if outcome != "answer":
            raise CheckFailed(f"{query!r}: expected a confident answer, got outcome {outcome!r}")
        wait_for("the answer to open", lambda: [a for a in find("section.answer") if a.is_displayed()])
        return find("section.answer")[0]

    def answer_text():
        return js("return root.querySelector('section.answer .md').textContent")

    def no_raw_markdown(text, where):
        m = RAW_MARKDOWN.search(text)
        if m:
            raise CheckFailed(f"raw markdown {m.group(0)!r} in {where}: {text[max(0, m.start() - 40):m.end() + 40]!r}")

    def shot(name):
        if not args.screenshots:
            return
        os.makedirs(args.screenshots, exist_ok=True)
        js("var a = root.activeElement; if (a && a.blur) a.blur();")   # no caret or focus ring in the picture
        driver.save_screenshot(os.path.join(args.screenshots, name))

    # ---- checks ----
    def embeds_from_another_origin():
        viewport(1280, 800)   # the desktop screenshots' size
        load("/")
        src = driver.execute_script("return document.querySelector('script[src$=\"widget.js\"]').src")
        if src.split("/")[2] == page_origin.split("/")[2]:
            raise CheckFailed(f"widget.js comes from the page's own origin: {src}")
        if not box().is_displayed():
            raise CheckFailed("the host page's `input {display:none !important}` reached the widget")
        return f"page {page_origin}, widget {src}"

    def builds_nodes_only():
        with urllib.request.urlopen(f"{args.base}/widget.js", timeout=WAIT) as res:
            source = res.read().decode("utf-8")
        code = re.sub(r"/\*[\s\S]*?\*/", "", source)
        code = re.sub(r"(^|\s)//.*$", "", code, flags=re.M)
        found = sorted(set(re.findall(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\s*\(|new Function|"
                                      r"DOMParser|createContextualFragment|srcdoc", code)))
        if found:
            raise CheckFailed(f"widget.js parses HTML strings: {found}")
        return f"{len(source)} bytes, no HTML parsing APIs"

    def english_chrome():
        ph = box().get_attribute("placeholder")
        if ph != PLACEHOLDER:
            raise CheckFailed(f"placeholder is {ph!r}, not the data-placeholder")
        type_query(Q_TABLE)
        words = js("""
            var out = [];
            root.querySelectorAll('button, a, label, input, h2, h3, .status, .hint, [aria-label], [role=listbox]')
              .forEach(function (n) {
                ['aria-label', 'placeholder', 'title', 'alt'].forEach(function (a) { if (n.getAttribute(a)) out.push(n.getAttribute(a)); });
                if (n.matches('button, label, h2, .status, .hint')) out.push(n.textContent);
              });
            return out;""")
        bad = [w for w in words if CJK.search(w)]
        if bad:
            raise CheckFailed(f"non-English widget words: {bad[:5]}")
        status = find(".status")[0].text
        if not re.search(r"\d+ results?", status):
            raise CheckFailed(f"result count not announced in English: {status!r}")
        return f"{len(words)} labels and texts, status {status!r}"

    def combobox_pattern():
        b = box()
        lb_id = b.get_attribute("aria-controls")
        state = js("""
            var input = root.querySelector('input'), lb = root.getElementById(arguments[0]);
            var live = root.querySelector('[aria-live]');
            return {role: input.getAttribute('role'), expanded: input.getAttribute('aria-expanded'),
                    lb: lb && lb.getAttribute('role'), options: lb ? lb.querySelectorAll(':scope > [role=option]').length : 0,
                    other: lb ? lb.querySelectorAll(':scope > :not([role=option])').length : -1,
                    live: live && live.getAttribute('aria-live'), liveText: live && live.textContent};""", lb_id)
        if state["role"] != "combobox" or state["lb"] != "listbox" or state["expanded"] != "true":
            raise CheckFailed(f"combobox/listbox roles or aria-expanded wrong: {state}")
        if state["options"] < 1 or state["other"] != 0:
            raise CheckFailed(f"listbox should hold only options: {state}")
        if state["live"] != "polite" or not state["liveText"]:
            raise CheckFailed(f"no polite live region with the count: {state}")
        b.send_keys(Keys.ARROW_DOWN)
        b.send_keys(Keys.ARROW_DOWN)
        active = b.get_attribute("aria-activedescendant")
        ok = js("var o = root.getElementById(arguments[0]); return !!o && o.getAttribute('role') === 'option' && o.classList.contains('active') && o.getAttribute('aria-selected') === 'true' && root.querySelectorAll('[role=option][aria-selected=true]').length === 1;", active)
        if not ok:
            raise CheckFailed(f"aria-activedescendant {active!r} does not name the highlighted option")
        b.send_keys(Keys.ARROW_UP)
        b.send_keys(Keys.ESCAPE)
        if b.get_attribute("aria-expanded") != "false" or b.get_attribute("aria-activedescendant"):
            raise CheckFailed("Escape did not collapse the listbox")
        b.send_keys(Keys.ARROW_DOWN)
        if b.get_attribute("aria-expanded") != "true":
            raise CheckFailed("ArrowDown did not reopen the listbox")
        cats = [e.text for e in find("[role=option] .meta")]
        if not any("Plans & invoices" in c for c in cats) or any(c.strip() == "· plans" for c in cats):
            raise CheckFailed(f"results show category slugs, not display names: {cats}")
        return f"{state['options']} options, active {active}, categories {sorted(set(cats))}"

    def table_answer():
        box().send_keys(Keys.ESCAPE)
        b = box()
        b.send_keys(Keys.ARROW_DOWN)
        b.send_keys(Keys.ENTER)
        wait_for("the answer to open", lambda: [a for a in find("section.answer") if a.is_displayed()])
        title = find("section.answer h3")[0].text
        if "plans" not in title.lower():
            raise CheckFailed(f"first result opened {title!r}, not the plans question")
        cells = js("""var t = root.querySelector('section.answer table');
            return t ? {th: [].map.call(t.querySelectorAll('thead th'), function (c) { return c.textContent; }),
                        rows: t.querySelectorAll('tbody tr').length,
                        wrap: t.parentElement.className, right: getComputedStyle(t.querySelector('tbody td:nth-child(2)')).textAlign} : null;""")
        if not cells or cells["th"][:2] != ["Plan", "Monthly price"] or cells["rows"] != 3:
            raise CheckFailed(f"the table is not a <table> with its header and 3 rows: {cells}")
        if cells["wrap"] != "table-wrap" or cells["right"] != "right":
            raise CheckFailed(f"table not in its scroll wrapper or alignment lost: {cells}")
        no_raw_markdown(answer_text(), "the plans answer")
        bold = js("return [].map.call(root.querySelectorAll('section.answer strong, section.answer b'), function (n) { return n.textContent; })")
        if "every month" not in bold:
            raise CheckFailed(f"**every month** is not bold: {bold}")
        shot("widget-desktop-answer.png")
        return f"header {cells['th']}, {cells['rows']} rows"

    def code_answer():
        open_answer(Q_CODE)
        code = js("var c = root.querySelector('section.answer pre > code'); return c && c.textContent;")
        if not code or not code.startswith("curl -H"):
            raise CheckFailed(f"no <pre><code> holding the curl command: {code!r}")
        inline = js("return [].map.call(root.querySelectorAll('section.answer p code'), function (n) { return n.textContent; })")
        if "max_results" not in inline:
            raise CheckFailed(f"`max_results` is not inline code (or lost its underscore): {inline}")
        overflow = js("var p = root.querySelector('section.answer pre'); return getComputedStyle(p).overflowX + ' ' + getComputedStyle(p).fontFamily;")
        if not overflow.startswith("auto") or "mono" not in overflow.lower():
            raise CheckFailed(f"code block is not monospace and scrollable: {overflow}")
        no_raw_markdown(answer_text(), "the curl answer")
        return f"{len(code.splitlines())} code lines, inline {inline}"

    def bold_list_answer():
        open_answer(Q_BOLD)
        items = js("""return [].map.call(root.querySelectorAll('section.answer .md ul > li'), function (li) {
            var s = li.querySelector('strong'); return s ? s.textContent : null; });""")
        if items != ["Owner", "Members", "Guests"]:
            raise CheckFailed(f"bold list items wrong: {items}")
        no_raw_markdown(answer_text(), "the owner answer")
        return f"bold list {items}"

    def nested_list_answer():
        open_answer(Q_NESTED)
        shape = js("""var ol = root.querySelector('section.answer ol');
            if (!ol) return null;
            return {items: ol.querySelectorAll(':scope > li').length,
                    nested: ol.querySelectorAll(':scope > li > ul > li').length,
                    em: [].map.call(ol.querySelectorAll('em'), function (n) { return n.textContent; })};""")
        if not shape or shape["items"] != 3 or shape["nested"] != 2 or "pending" not in shape["em"]:
            raise CheckFailed(f"ordered list with a nested list and italics expected: {shape}")
        return f"{shape}"

    def excerpt_answer():
        open_answer(Q_EXCERPT)
        metas = js("return [].map.call(root.querySelectorAll('section.answer p.meta'), function (p) { return p.textContent; })")
        if "Part of a longer answer: Food and drink" not in metas:
            raise CheckFailed(f"a passage of a long answer is not labelled with its section: {metas}")
        text = answer_text()
        if "coffee" not in text or "nine in the morning" in text:
            raise CheckFailed(f"the passage is not the section that answers: {text[:200]!r}")
        heading = js("var h = root.querySelector('section.answer .md h3, section.answer .md h4'); return h && h.textContent;")
        no_raw_markdown(text, "the house rules passage")
        shot("widget-desktop-excerpt.png")
        return f"labelled {metas[-1]!r}, section heading {heading!r}"

    def hostile_answer():
        open_answer(Q_HOSTILE)
        facts = js("""
            var a = root.querySelector('section.answer');
            return {
              pwned: typeof window.faqPwned === 'undefined' ? null : String(window.faqPwned),
              dangerous: a.querySelectorAll('script, iframe, object, embed, style, [onerror], [onload], [onclick], [style*=url]').length,
              pageScripts: document.scripts.length,
              links: [].map.call(a.querySelectorAll('a'), function (l) {
                return {href: l.getAttribute('href'), target: l.target, rel: l.rel, text: l.textContent}; }),
              images: [].map.call(a.querySelectorAll('img'), function (i) {
                return {src: i.getAttribute('src'), loading: i.getAttribute('loading')}; }),
              text: a.querySelector('.md').textContent};""")
        if facts["pwned"] is not None:
            raise CheckFailed(f"a script from the corpus ran: window.faqPwned = {facts['pwned']!r}")
        if facts["dangerous"] or facts["pageScripts"] != 1:
            raise CheckFailed(f"markup from the corpus became elements: {facts['dangerous']} dangerous, {facts['pageScripts']} scripts")
        for link in facts["links"]:
            if not re.match(r"^(https?:|mailto:)", link["href"] or ""):
                raise CheckFailed(f"unsafe link scheme: {link}")
            if link["target"] != "_blank" or "noopener" not in link["rel"] or "noreferrer" not in link["rel"]:
                raise CheckFailed(f"link without target=_blank rel=noopener noreferrer: {link}")
        hrefs = sorted(link["href"] for link in facts["links"] if "source" not in link["text"].lower())
        want = ["http://127.0.0.1:18025/pixel.png", "https://help.harborlane.example/export", "mailto:librarians@harborlane.example"]
        if [h for h in hrefs if not h.startswith("http://127")] != want[1:]:
            raise CheckFailed(f"expected exactly the export guide and mail links, got {hrefs}")
        if len(facts["images"]) != 1 or not facts["images"][0]["src"].startswith("http") or facts["images"][0]["loading"] != "lazy":
            raise CheckFailed(f"expected one lazy http(s) image: {facts['images']}")
        for literal in ("<script>", "<a href=", "open the export tool", "a data page"):
            if literal not in facts["text"]:
                raise CheckFailed(f"{literal!r} should be shown as text")
        return f"{len(facts['links'])} safe links, image {facts['images'][0]['src']}, markup shown as text"

    def input_method_composition():
        """An input method (pinyin, kana, a predictive keyboard) shows letters the user has not
        chosen yet: nothing may be searched or asked for them, only for the committed text."""
        load("/")
        js("window.__faqURLs = []; var f = window.fetch;"
           "window.fetch = function (u) { window.__faqURLs.push(String(u)); return f.apply(this, arguments); };")
        box().click()
        for text in ["p", "pl", "pla", "plan"]:
            driver.execute_cdp_cmd("Input.imeSetComposition", {"text": text, "selectionStart": len(text), "selectionEnd": len(text)})
            time.sleep(0.1)
        time.sleep(0.5)   # well past the widget's 200 ms debounce
        during = js("return window.__faqURLs.slice()")
        if during:
            raise CheckFailed(f"requests while composing: {during}")
        driver.execute_cdp_cmd("Input.insertText", {"text": "plans"})   # the user picks the candidate
        wait_for("results for the committed text", lambda: host().get_attribute("data-query") == "plans")
        urls = [urllib.parse.unquote(u.split("/v1/", 1)[-1]) for u in js("return window.__faqURLs.slice()")]
        if any(re.search(r"[?&]q=(p|pl|pla|plan)(&|$)", u) for u in urls) or not any("q=plans" in u for u in urls):
            raise CheckFailed(f"requests after the composition: {urls}")
        return f"none while composing; after it: {urls}"

    def typing_is_not_recorded():
        """Search-as-you-type requests say analytics=false (so `faq report` does not list every
        prefix of a question); the question asked with Enter does not."""
        load("/")
        js("window.__faqURLs = []; var f = window.fetch;"
           "window.fetch = function (u) { window.__faqURLs.push(String(u)); return f.apply(this, arguments); };")
        ask(Q_OUT)
        urls = [urllib.parse.unquote(u.split("/v1/", 1)[-1]) for u in js("return window.__faqURLs.slice()")]
        typed = [u for u in urls if not (u.startswith("ask?") and f"q={Q_OUT}" in u and "analytics" not in u)]
        asked = [u for u in urls if u not in typed]
        if len(asked) != 1 or not typed or any("analytics=false" not in u for u in typed):
            raise CheckFailed(f"expected keystroke requests with analytics=false and one ask without it: {urls}")
        return f"{len(typed)} while typing (analytics=false), then {asked[0]!r}"

    def feedback_keeps_focus():
        """A keyboard user who votes keeps a focus: the pressed button goes away, the thanks takes it."""
        load("/")
        open_answer(Q_NESTED)
        js("root.querySelector('section.answer button[data-helpful=true]').focus()")
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        wait_for("the vote to be recorded", lambda: host().get_attribute("data-feedback-status"))
        if host().get_attribute("data-feedback-status") != "ok":
            raise CheckFailed("the vote was not recorded")
        focused = js("var a = root.activeElement; return a ? a.className + ': ' + a.textContent : null")
        if not focused or not focused.startswith("thanks"):
            raise CheckFailed(f"focus after voting: {focused!r} (expected the thanks message)")
        return focused

    def snippets_plain():
        for s in snippets_seen:
            no_raw_markdown(s, "a result snippet")
            if "<" in s and "script" not in s:
                raise CheckFailed(f"tag syntax in a snippet: {s!r}")
        marks = js("return [].map.call(root.querySelectorAll('.snippet *'), function (n) { return n.tagName; })")
        if any(tag != "EM" for tag in marks):
            raise CheckFailed(f"snippets hold elements other than <em>: {set(marks)}")
        return f"{len(snippets_seen)} snippets, no markdown syntax"

    def titles_marked():
        # Each result's title marks its own matches (the server's highlightedTitle), not only the
        # words its snippet happened to show: every title naming a query word has it marked.
        type_query(Q_TABLE)
        titles = js("""
            return [].map.call(root.querySelectorAll('[role=option] .title'), function (t) {
              var meta = t.querySelector('.meta');
              return {text: t.textContent.slice(0, t.textContent.length - (meta ? meta.textContent.length : 0)),
                      em: [].map.call(t.querySelectorAll('em'), function (n) { return n.textContent.toLowerCase(); }),
                      other: [].filter.call(t.querySelectorAll('*'), function (n) {
                        return n.tagName !== 'EM' && !n.classList.contains('meta'); }).length};
            });""")
        words = Q_TABLE.lower().split()
        missed = [(t["text"], w) for t in titles for w in words if w in t["text"].lower().split() and w not in t["em"]]
        if not titles or missed:
            raise CheckFailed(f"query words in titles left unmarked: {missed or 'no titles'}")
        if any(t["other"] for t in titles):
            raise CheckFailed("titles hold elements other than <em> and the category")
        return "; ".join(f"{t['text']!r} marks {t['em']}" for t in titles)

    def handoff():
        outcome = ask(Q_OUT)
        if outcome != "handoff":
            raise CheckFailed(f"{Q_OUT!r} should abstain, got {outcome!r}")
        link = wait_for("the contact link", lambda: [a for a in find(".handoff a.contact") if a.is_displayed()])[0]
        href = link.get_attribute("href")
        # The server's own link (corpus <Note> or --contact-url) wins; else the page's data-contact-url.
        with urllib.request.urlopen(f"{args.base}/v1/ask?q={urllib.parse.quote(Q_OUT)}", timeout=WAIT) as res:
            expected = (json.load(res).get("fallback") or {}).get("url") or CONTACT_URL
        if href.rstrip("/") != expected.rstrip("/"):
            raise CheckFailed(f"contact link {href!r}, expected {expected!r}")
        if link.get_attribute("target") != "_blank":
            raise CheckFailed("the contact link does not open a new tab")
        text = find(".handoff")[0].text
        if CJK.search(text) or "Contact us" not in text:
            raise CheckFailed(f"handoff text not English: {text!r}")
        live = find(".status")[0]
        status = live.get_attribute("textContent")
        if "confident answer" not in status:
            raise CheckFailed(f"the handoff is not announced in the live region: {status!r}")
        if live.is_displayed() and live.size["width"] > 1:
            raise CheckFailed(f"the handoff sentence is shown twice (status line and band): {status!r}")
        shot("widget-desktop-handoff.png")
        return f"{text!r} -> {href}"

    def suggest_band():
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                               {"source": SUGGEST_SHIM % {"query": json.dumps(Q_SUGGEST)}})
        load("/")
        outcome = ask(Q_SUGGEST)
        if outcome != "suggest":
            raise CheckFailed(f"outcome {outcome!r}, not suggest")
        band = find(".band")[0]
        buttons = find(".band button")
        if "Did you mean" not in band.text or len(buttons) < 2:
            raise CheckFailed(f"no 'Did you mean' band with candidates: {band.text!r}")
        if "suggested" not in find(".status")[0].text:
            raise CheckFailed(f"the suggestions are not announced: {find('.status')[0].text!r}")
        def title_of(text):   # "Title · Category": the title alone
            return text.split("\n")[0].rsplit("·", 1)[0].strip()
        offered = {title_of(b.text) for b in buttons}
        listed = [title_of(o.text) for o in find("[role=option]") if o.is_displayed()]
        repeated = [t for t in listed if t in offered]
        if repeated:
            raise CheckFailed(f"the results list repeats the band's candidates: {repeated}")
        shot("widget-desktop-suggest.png")
        # Keyboard only: Tab from the search box to the first candidate, Enter opens it.
        box().send_keys(Keys.TAB)
        focused = js("return root.activeElement && root.activeElement.textContent")
        first = buttons[0].text
        if focused != first:
            raise CheckFailed(f"Tab from the search box went to {focused!r}, not the first candidate {first!r}")
        outline = js("var s = getComputedStyle(root.activeElement); return s.outlineStyle + ' ' + s.outlineWidth;")
        if outline.startswith("none") or outline.endswith(" 0px"):
            raise CheckFailed(f"no visible focus on the candidate: {outline}")
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        wait_for("the candidate's answer", lambda: [a for a in find("section.answer h3") if a.is_displayed()])
        opened = find("section.answer h3")[0].text
        if opened.split(" · ")[0] not in first:
            raise CheckFailed(f"clicked {first!r} but opened {opened!r}")
        meta = find("section.answer > .meta")[0].text
        if not any(name in meta for name in ("Plans & invoices", "Developer API", "Safety notes")):
            raise CheckFailed(f"the opened entry shows its category slug, not its name: {meta!r}")
        return f"{len(buttons)} candidates, Tab+Enter opened {opened!r}, focus outline {outline}"

    def run_axe(label):
        driver.execute_script(axe_script())
        result = driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(JSON.stringify(r.violations)); },"
            " function (e) { done(JSON.stringify({error: String(e)})); });")
        data = json.loads(result)
        if isinstance(data, dict):
            raise CheckFailed(f"axe-core failed: {data['error']}")
        bad = [v for v in data if v.get("impact") in ("serious", "critical")]
        if bad:
            raise CheckFailed(f"{label}: " + "; ".join(
                f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes: {v['nodes'][0].get('target')})" for v in bad))
        return [f"{v['id']}({v['impact']})" for v in data]

    def accessibility_light():
        load("/")
        open_answer(Q_TABLE)
        minor = run_axe("open answer, light")
        ask(Q_OUT)
        minor += run_axe("handoff, light")
        return "no serious/critical violations" + (f"; minor: {sorted(set(minor))}" if minor else "")

    def accessibility_dark():
        media(prefers_color_scheme="dark")
        try:
            load("/")
            bg = js("return getComputedStyle(root.querySelector('.panel')).backgroundColor")
            if bg in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"):
                raise CheckFailed(f"dark mode not applied: panel background {bg}")
            open_answer(Q_TABLE)
            minor = run_axe("open answer, dark")
            ask(Q_OUT)
            minor += run_axe("handoff, dark")
        finally:
            media(prefers_color_scheme="light")
        return f"panel background {bg}; no serious/critical violations"

    def theming():
        load("/")
        accent = js("return getComputedStyle(root.querySelector('header')).backgroundColor")
        heading = js("return root.querySelector('header h2').textContent")
        if accent != ACCENT_RGB:
            raise CheckFailed(f"--faq-accent not applied: header background {accent}")
        if heading != "Harbor Lane help":
            raise CheckFailed(f"data-title not shown: {heading!r}")
        return f"header {accent}, title {heading!r}"

    def phone_layout():
        viewport(390, 844)
        try:
            load("/")
            open_answer(Q_TABLE)
            m = js("""var r = host.getBoundingClientRect(), w = root.querySelector('.table-wrap');
                return {host: r.right, width: r.width, page: document.documentElement.scrollWidth,
                        wrap: w.getBoundingClientRect().right, scroll: w.scrollWidth, client: w.clientWidth};""")
            if m["host"] > 390 or m["page"] > 390 or m["wrap"] > 390:
                raise CheckFailed(f"wider than a 390 px phone: {m}")
            if m["scroll"] <= m["client"]:
                raise CheckFailed(f"the wide table should scroll inside its wrapper on a phone: {m}")
            shot("widget-phone-answer.png")
            ask(Q_OUT)
            shot("widget-phone-handoff.png")
            if find(".handoff") and find(".handoff")[0].rect["x"] + find(".handoff")[0].rect["width"] > 390:
                raise CheckFailed("the handoff band overflows the phone")
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                   {"source": SUGGEST_SHIM % {"query": json.dumps(Q_SUGGEST)}})
            load("/")
            ask(Q_SUGGEST)
            shot("widget-phone-suggest.png")
            load("/floating.html")
            launcher = find("button.launcher")[0]
            launcher.send_keys(Keys.ENTER) if launcher == driver.switch_to.active_element else launcher.click()
            wait_for("the floating panel", lambda: [p for p in find(".panel") if p.is_displayed()])
            type_query(Q_TABLE)
            p = js("var r = root.querySelector('.panel').getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom];")
            if p[0] < 0 or p[1] > 390 or p[2] < 0 or p[3] > 844:
                raise CheckFailed(f"floating panel outside the 390x844 viewport: {p}")
            lang = js("return root.querySelector('button.launcher').textContent")
            if lang != "Help":
                raise CheckFailed(f"page lang=en should give English words, launcher says {lang!r}")
        finally:
            viewport(1280, 800)
        return f"inline widget right edge {m['host']:.0f}px, table scrolls {m['scroll']}>{m['client']}px; floating panel {p}"

    def reduced_motion_and_escape():
        media(prefers_reduced_motion="reduce")
        try:
            load("/floating.html")
            find("button.launcher")[0].click()
            wait_for("the floating panel", lambda: [p for p in find(".panel") if p.is_displayed()])
            anim = js("return getComputedStyle(root.querySelector('.panel')).animationName")
            if anim != "none":
                raise CheckFailed(f"panel animates under prefers-reduced-motion: {anim}")
            focused = js("return root.activeElement && root.activeElement.getAttribute('role')")
            if focused != "combobox":
                raise CheckFailed(f"opening the panel did not focus the search box ({focused})")
            box().send_keys(Keys.ESCAPE)
            closed = js("return root.querySelector('.panel').hidden && root.activeElement === root.querySelector('.launcher')")
            if not closed:
                raise CheckFailed("Escape did not close the panel and return focus to the launcher")
        finally:
            media(prefers_reduced_motion="no-preference")
        return "no animation, focus to the search box and back to the launcher"

    def no_js_errors():
        logs = driver.get_log("browser")
        bad = [e["message"] for e in logs if e.get("level") == "SEVERE"
               and ("Uncaught" in e["message"] or "widget.js" in e["message"])]
        if bad:
            raise CheckFailed("JavaScript errors: " + " | ".join(bad[:3]))

    checks = [
        ("widget embedded from another origin, host CSS kept out", embeds_from_another_origin),
        ("widget.js builds DOM nodes only (no innerHTML & co.)", builds_nodes_only),
        ("data-lang=en: every widget word English, custom placeholder", english_chrome),
        ("combobox/listbox pattern, keyboard, category names", combobox_pattern),
        ("answer with a table, alignment and bold", table_answer),
        ("fenced code block in <pre><code>, inline code", code_answer),
        ("bold list", bold_list_answer),
        ("ordered list with a nested list", nested_list_answer),
        ("a long answer shows the section that answers, labelled", excerpt_answer),
        ("hostile corpus HTML and javascript: links stay inert", hostile_answer),
        ("snippets are plain text with <em> only", snippets_plain),
        ("each title marks its own matches", titles_marked),
        ("an input method's uncommitted letters are not searched", input_method_composition),
        ("voting by keyboard leaves the focus on the thanks", feedback_keeps_focus),
        ("typing is not recorded as unanswered questions, Enter is", typing_is_not_recorded),
        ("abstention shows the contact link", handoff),
        ("'did you mean' band, keyboard only", suggest_band),
        ("--faq-accent and data-title", theming),
        ("axe-core: no serious/critical violations (light)", accessibility_light),
        ("axe-core: no serious/critical violations (dark)", accessibility_dark),
        ("390x844 phone: nothing wider than the viewport", phone_layout),
        ("prefers-reduced-motion, Escape closes the floating panel", reduced_motion_and_escape),
        ("no JavaScript errors in the console", no_js_errors),
    ]

    try:
        try:
            driver = make_driver()
        except (CheckFailed, WebDriverException) as e:
            msg = getattr(e, "msg", None) or str(e)
            results.append(("start headless Chromium", "fail", msg.strip().splitlines()[0]))
            checks = []
        page_ok = True
        for name, fn in checks:
            if not page_ok or out_of_time:
                results.append((name, "skip", "the page did not load" if not page_ok else f"past the {HARD_LIMIT} s limit"))
                continue
            try:
                results.append((name, "pass", fn() or ""))
            except (CheckFailed, WebDriverException) as e:
                msg = getattr(e, "msg", None) or str(e)
                results.append((name, "fail", (msg or type(e).__name__).strip().splitlines()[0]))
                if fn is embeds_from_another_origin:
                    page_ok = False
    except CheckFailed as e:          # the hard time limit fired
        results.append(("time limit", "fail", str(e)))
    finally:
        signal.alarm(0)
        if driver:
            try:
                driver.quit()
            except Exception:
                pass
        page_server.shutdown()

    for name, outcome, detail in results:
        print(f"{outcome.upper():4}  {name}" + (f": {detail}" if detail else ""))
    if args.screenshots:
        print(f"screenshots saved to {args.screenshots}/widget-*.png")
    passed = sum(r[1] == "pass" for r in results)
    failed = sum(r[1] == "fail" for r in results)
    skipped = sum(r[1] == "skip" for r in results)
    print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
