#!/usr/bin/env python3
"""End-to-end test of the FAQKit help widget (demo page) in headless Chromium.

Runs against an already RUNNING FAQKit server:

    apt-get install -y chromium chromium-driver fonts-noto-cjk   # fonts only matter for the screenshot
    pip install -r tools/requirements-widget.txt
    python3 tools/widget_test.py --base http://127.0.0.1:8080 [--screenshot docs/widget.png]

--base defaults to $FAQ_BASE. Uses the system chromedriver with an explicit path, so
Selenium Manager never downloads anything. Exits 0 when every check passes, 1 otherwise;
the last line printed is "N passed, M failed[, K skipped]".
"""
import argparse
import os
import signal
import sys
import time

WAIT = 10            # seconds for any single wait
HARD_LIMIT = 55      # seconds for the whole run
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

IN_SCOPE = "发票多久能开出来"
OUT_OF_SCOPE = "今天北京天气怎么样"


class CheckFailed(Exception):
    pass


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default=os.environ.get("FAQ_BASE"),
                    help="server base URL, e.g. http://127.0.0.1:8080 (default: $FAQ_BASE)")
    ap.add_argument("--screenshot", default="docs/widget.png", help="where to save a PNG screenshot")
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
                "--window-size=1100,900", "--lang=zh-CN"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(WAIT)
    driver.set_script_timeout(WAIT)
    return driver


def main():
    args = parse_args()
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    def on_alarm(signum, frame):
        raise CheckFailed(f"whole run exceeded {HARD_LIMIT} s")
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(HARD_LIMIT)

    results = []          # (name, "pass" | "fail" | "skip", detail)
    driver = None
    shot_taken = False

    def wait_for(desc, fn):
        """Poll fn() until it returns something truthy; fail with desc after WAIT seconds."""
        try:
            return WebDriverWait(driver, WAIT, poll_frequency=0.1).until(lambda d: fn())
        except TimeoutException:
            raise CheckFailed(f"timed out after {WAIT} s waiting for {desc}")

    def shadow():
        host = driver.find_element(By.CSS_SELECTOR, "#faq [data-faqkit]")
        return host, host.shadow_root

    def find(sel):
        return shadow()[1].find_elements(By.CSS_SELECTOR, sel)

    def visible_text(sel):
        els = [e for e in find(sel) if e.is_displayed() and e.text.strip()]
        return els[0] if els else None

    def screenshot():
        nonlocal shot_taken
        d = os.path.dirname(args.screenshot)
        if d:
            os.makedirs(d, exist_ok=True)
        driver.save_screenshot(args.screenshot)
        shot_taken = True

    def search(query):
        box = find("input[role=combobox]")[0]
        box.clear()
        box.send_keys(query)
        wait_for(f"the search box to contain {query!r}", lambda: box.get_attribute("value") == query)
        host = shadow()[0]   # the widget marks its host with the query whose results are shown
        wait_for(f"results for {query!r}", lambda: host.get_attribute("data-query") == query)
        return box

    # ---- the checks, in order; each group stops at its first failure ----
    def load_page():
        try:
            driver.get(args.base + "/")
        except WebDriverException as e:
            reason = (e.msg or type(e).__name__).strip().splitlines()[0]
            raise CheckFailed(f"could not open {args.base}/ (is the server running?): {reason}")
        wait_for("the widget's search box inside its shadow root", lambda: find("input[role=combobox]"))

    def search_results():
        search(IN_SCOPE)
        first = wait_for("search results (role=option)",
                         lambda: (find("[role=option]") or [None])[0])
        text = first.text
        if "发票" not in text and "开票" not in text:
            raise CheckFailed(f"first result does not mention 发票/开票: {text!r}")
        return f"first result: {text.splitlines()[0]!r}"

    def expand_answer():
        box = find("input[role=combobox]")[0]
        box.send_keys(Keys.ARROW_DOWN)
        wait_for("aria-activedescendant on the search box",
                 lambda: box.get_attribute("aria-activedescendant"))
        box.send_keys(Keys.ENTER)
        ans = wait_for("the expanded answer text", lambda: visible_text(".answer"))
        src = [a for a in find(".answer a") if a.text.strip() == "查看原文"]
        if not src:
            raise CheckFailed("expanded answer has no 查看原文 source link")
        href = src[0].get_attribute("href") or ""
        if not href.startswith(("http://", "https://")):
            raise CheckFailed(f"source link is not http(s): {href!r}")
        return f"{len(ans.text)} chars, source {href}"

    def feedback():
        host, _ = shadow()
        btn = wait_for("the 有帮助 button", lambda: [b for b in find(".answer button") if "有帮助" in b.text])[0]
        btn.click()
        wait_for("a feedback response", lambda: host.get_attribute("data-feedback-status"))
        status = host.get_attribute("data-feedback-status")
        if status != "ok":
            raise CheckFailed(f"POST /v1/feedback did not return 2xx (data-feedback-status={status!r})")
        wait_for("the text 感谢反馈", lambda: visible_text(".thanks") and "感谢反馈" in visible_text(".thanks").text)
        screenshot()
        return "POST /v1/feedback returned 2xx, 感谢反馈 shown"

    def fallback():
        search(OUT_OF_SCOPE)
        link = wait_for("the fallback link",
                        lambda: [a for a in find(".fallback a") if a.is_displayed()])[0]
        href = link.get_attribute("href") or ""
        if not href.startswith(("http://", "https://")):
            raise CheckFailed(f"fallback link is not http(s): {href!r}")
        return f"{visible_text('.fallback').text.splitlines()[0]!r} -> {href}"

    def no_js_errors():
        logs = driver.get_log("browser")
        bad = [e["message"] for e in logs if e.get("level") == "SEVERE"
               and ("Uncaught" in e["message"] or "widget.js" in e["message"])]
        if bad:
            raise CheckFailed("JavaScript errors: " + " | ".join(bad[:3]))

    groups = [
        [("demo page loads the widget", load_page),
         ("search-as-you-type shows invoice results", search_results),
         ("Enter expands the answer with a source link", expand_answer),
         ("有帮助 posts feedback", feedback)],
        [("out-of-scope query shows the fallback link", fallback),
         ("no JavaScript errors in the console", no_js_errors)],
    ]

    try:
        try:
            driver = make_driver()
        except (CheckFailed, WebDriverException) as e:
            msg = getattr(e, "msg", None) or str(e)
            results.append(("start headless Chromium", "fail", msg.strip().splitlines()[0]))
            groups = []
        page_ok = True
        for group in groups:
            broken = not page_ok
            for name, fn in group:
                if broken:
                    results.append((name, "skip", "earlier step failed"))
                    continue
                try:
                    results.append((name, "pass", fn() or ""))
                except (CheckFailed, WebDriverException) as e:
                    msg = getattr(e, "msg", None) or str(e)
                    results.append((name, "fail", (msg or type(e).__name__).strip().splitlines()[0]))
                    broken = True
                    if fn is load_page:
                        page_ok = False
        if driver and not shot_taken:
            try:
                screenshot()
            except Exception:
                pass
    except CheckFailed as e:          # the hard time limit fired
        results.append(("time limit", "fail", str(e)))
    finally:
        signal.alarm(0)
        if driver:
            try:
                driver.quit()
            except Exception:
                pass

    for name, outcome, detail in results:
        print(f"{outcome.upper():4}  {name}" + (f": {detail}" if detail else ""))
    if shot_taken:
        print(f"screenshot saved to {args.screenshot}")
    passed = sum(r[1] == "pass" for r in results)
    failed = sum(r[1] == "fail" for r in results)
    skipped = sum(r[1] == "skip" for r in results)
    print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
