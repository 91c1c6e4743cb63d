#!/usr/bin/env python3
"""The browser check of report.html: render the page in headless Chromium
as a director's laptop would, and fail when

- a section heading is missing from the rendered DOM,
- the page's script did not run (sortable tables get aria-sort attributes),
- the console shows any message (the page logs nothing, so any line is an
  error: an exception, a CSP violation, a failed load),
- the page requests anything over the network (Chromium's net log, and the
  markup itself: no http(s) or protocol-relative URL in src, href or url()),
- the screenshot is (nearly) blank.

Usage:
  check_report.py REPORT_HTML [--screenshot PNG] [--expect HEADING ...]
  check_report.py --self-test      # shows that broken pages do fail

Standard library only; Chromium from Debian (`chromium`).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import png  # noqa: E402

# The sections of the page `kamp demo` writes (ReportHeadings in Report.swift).
DEMO_HEADINGS = [
    "Headline figures",
    "Turnover concentration",
    "Tiers",
    "Where the clients are",
    "Client clusters",
    "Needs by tier (Kano)",
    "Manager utilisation",
    "Assignments",
    "Borderline accounts",
    "Rejected rows",
]

WINDOW = (1280, 6000)
# A rendered page with charts and tables darkens far more than this share of
# its pixels; a blank or unstyled-empty page darkens almost none.
MIN_INK_SHARE = 0.02

CHROMIUM_FLAGS = [
    "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
    "--disable-extensions", "--disable-domain-reliability", "--no-pings", "--disable-breakpad",
    "--disable-client-side-phishing-detection", "--disable-features=Translate,OptimizationHints,MediaRouter,SpellCheck",
    # Whatever the browser itself still tries to fetch goes to a closed port
    # on this machine, never out; the page's own requests are found in the net log.
    "--proxy-server=127.0.0.1:9",
    "--enable-logging=stderr", "--v=0",
]


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("check_report: chromium is not installed (apt-get install chromium)")


def run_chromium(page, extra, scratch):
    profile = tempfile.mkdtemp(prefix="profile-", dir=scratch)
    command = [chromium_binary(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, "file://" + os.path.abspath(page)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    if result.returncode != 0:
        raise RuntimeError(f"chromium exited {result.returncode}: {result.stderr[-2000:]}")
    return result


def console_lines(stderr):
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def page_requests(net_log_path):
    """URLs the page asked for: requests with a page initiator (Chromium's own
    background requests carry the initiator 'not an origin') that are not the
    page's own file or inline data."""
    with open(net_log_path, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    try:
        log = json.loads(text)
    except json.JSONDecodeError:
        # A net log cut off when the browser exits lacks its closing brackets.
        log = json.loads(text.rstrip().rstrip(",") + "]}")
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log.get("events", []):
        params = event.get("params") or {}
        if event.get("type") != start_job or "url" not in params:
            continue
        if params.get("initiator") == "not an origin":
            continue
        if re.match(r"^(file|data|about|blob|chrome):", params["url"]):
            continue
        urls.append(params["url"])
    return urls


EXTERNAL = [
    re.compile(r"""\b(?:src|href|action|poster|srcset|data|xlink:href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//""", re.I),
    re.compile(r"""url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//""", re.I),
    re.compile(r"""@import""", re.I),
]


def external_references(html):
    found = []
    for pattern in EXTERNAL:
        found += [match.group(0) for match in pattern.finditer(html)]
    return found


def headings_in(dom):
    return [re.sub(r"<[^>]+>", "", text).strip() for text in re.findall(r"<h2[^>]*>(.*?)</h2>", dom, re.S)]


def unescape(text):
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'").replace("&amp;", "&")


def check(page, screenshot, expected, scratch, require_script=True, window=WINDOW):
    """Returns the list of problems with the page (empty when it passes)."""
    problems = []
    with open(page, encoding="utf-8") as handle:
        html = handle.read()
    for reference in external_references(html):
        problems.append(f"markup refers to an external resource: {reference}")

    net_log = os.path.join(scratch, "net-log.json")
    shot = run_chromium(page, [f"--window-size={window[0]},{window[1]}", f"--screenshot={screenshot}",
                               f"--log-net-log={net_log}"], scratch)
    dump = run_chromium(page, ["--dump-dom", "--virtual-time-budget=3000"], scratch)
    for line in console_lines(shot.stderr) + console_lines(dump.stderr):
        problems.append(f"console: {line.split('] ', 1)[-1]}")
    for url in page_requests(net_log):
        problems.append(f"network request: {url}")

    dom = dump.stdout
    found = [unescape(heading) for heading in headings_in(dom)]
    for heading in expected:
        if heading not in found:
            problems.append(f"section heading missing from the DOM: {heading!r} (found {found})")
    if require_script and "table" in dom and 'aria-sort="' not in dom:
        problems.append("the page's script did not run: no table header got aria-sort")

    if not os.path.exists(screenshot):
        problems.append("chromium wrote no screenshot")
    else:
        width, height, channels, rows = png.read(screenshot)
        ink = png.count_non_white(width, channels, rows)
        share = ink / float(width * height)
        print(f"check_report: {os.path.basename(page)}: {ink} non-white pixels of {width}x{height} ({share:.1%}), "
              f"{len(found)} section headings")
        if share < MIN_INK_SHARE:
            problems.append(f"the page renders (nearly) blank: {share:.2%} non-white pixels, expected at least {MIN_INK_SHARE:.0%}")
    return problems


BROKEN_PAGES = {
    "network": ('<h2>Headline figures</h2><img src="http://127.0.0.1:9/pixel.png" alt="">'
                + "<table><tr><th aria-sort=\"none\">x</th></tr></table>" + "<p>text</p>" * 40),
    "script error": ("<h2>Headline figures</h2><script>notAFunction();</script>"
                     + "<table><tr><th aria-sort=\"none\">x</th></tr></table>" + "<p>text</p>" * 40),
    "blank": '<h2 style="color:#fff">Headline figures</h2>',
    "missing section": "<h2>Tiers</h2>" + "<p>text</p>" * 40,
}


def self_test(scratch):
    """Each broken page must fail, for the reason it is broken."""
    expectations = {"network": "network request", "script error": "console", "blank": "blank",
                    "missing section": "section heading missing"}
    failures = 0
    for name, body in BROKEN_PAGES.items():
        page = os.path.join(scratch, name.replace(" ", "-") + ".html")
        with open(page, "w", encoding="utf-8") as handle:
            handle.write(f"<!DOCTYPE html><html><head><meta charset=utf-8><link rel=icon href='data:,'>"
                         f"<title>{name}</title></head><body>{body}</body></html>")
        problems = check(page, page + ".png", ["Headline figures"], scratch, require_script=False, window=(800, 600))
        caught = [problem for problem in problems if expectations[name] in problem]
        print(f"check_report: self-test {name!r}: {'caught' if caught else 'NOT CAUGHT'}: {caught[:1]}")
        failures += 0 if caught else 1
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", nargs="?")
    parser.add_argument("--screenshot", help="where to keep the PNG (default: next to the page)")
    parser.add_argument("--expect", nargs="*", default=None, help="section headings that must be present "
                        "(default: those of the demo)")
    parser.add_argument("--self-test", action="store_true", help="check that broken pages fail")
    arguments = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="kamp-report-check-")
    try:
        if arguments.self_test:
            failures = self_test(scratch)
            print(f"check_report: self-test: {len(BROKEN_PAGES) - failures} of {len(BROKEN_PAGES)} broken pages caught")
            return 1 if failures else 0
        if not arguments.page:
            parser.error("give REPORT_HTML or --self-test")
        screenshot = arguments.screenshot or os.path.splitext(arguments.page)[0] + ".png"
        expected = DEMO_HEADINGS if arguments.expect is None else arguments.expect
        problems = check(arguments.page, screenshot, expected, scratch)
        for problem in problems:
            print(f"check_report: FAIL: {problem}")
        print(f"check_report: {arguments.page}: {'FAILED' if problems else 'passed'}; screenshot {screenshot}")
        return 1 if problems else 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
