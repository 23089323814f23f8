"""Page weight benchmark: bytes transferred and load time of each page type in a
real browser (Debian's chromium through Playwright), on first and repeat load.

    .venv/bin/python bench/page_weight.py --url http://127.0.0.1:8000 [--pages home,search,...]

Start the server first (`make serve`, after `make data`: production settings,
static files collected). For each page, a fresh browser context (empty cache)
loads it once ("first"), then loads it again in the same context ("repeat",
the browser's cache as a visitor's would be). Bytes are the encoded (on the
wire) sizes of every response body plus headers, from the DevTools protocol's
Network.loadingFinished; load time is the `load` event. Prints a table, the
limits of issue 10 (first load <= 300 KB, repeat <= 50 KB) and the HTML size.
"""

import argparse
import sys
import time

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {
    "home": "/",
    "search": "/recherche?q=rupture+conventionnelle",
    "fiche": "/document/vdd:F2301",
    "article": "/code-du-travail/l1237-11",
    "agreement": "/convention-collective/1486",
    "theme": "/themes/rupture-du-contrat",
    "toc": "/code-du-travail/",
}
FIRST_LIMIT, REPEAT_LIMIT, HTML_LIMIT = 300_000, 50_000, 200_000


def measure(context, url: str) -> dict:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes = {}
    html = {"bytes": 0}

    def finished(event):
        sizes[event["requestId"]] = event["encodedDataLength"]

    cdp.on("Network.loadingFinished", finished)
    start = time.perf_counter()
    answer = page.goto(url, wait_until="load")
    elapsed = time.perf_counter() - start
    page.wait_for_timeout(300)  # late finished events
    html["bytes"] = len(answer.body()) if answer is not None else 0
    # the DSFR styles applied (a stylesheet refused, by an integrity mismatch say,
    # would still be counted as transferred)
    styled = "Marianne" in page.evaluate("getComputedStyle(document.body).fontFamily")
    requests = len(sizes)
    total = sum(sizes.values())
    page.close()
    return {
        "bytes": total,
        "requests": requests,
        "ms": elapsed * 1000,
        "html": html["bytes"],
        "styled": styled,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    options = parser.parse_args()
    names = [name for name in options.pages.split(",") if name]
    rows, over, unstyled = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for name in names:
            context = browser.new_context(locale="fr-FR")
            url = options.url.rstrip("/") + PAGES[name]
            first = measure(context, url)
            repeat = measure(context, url)
            context.close()
            rows.append((name, first, repeat))
            if first["bytes"] > FIRST_LIMIT or repeat["bytes"] > REPEAT_LIMIT:
                over.append(name)
            if not (first["styled"] and repeat["styled"]):
                unstyled.append(name)
        browser.close()
    print(
        f"{'page':<10} {'first KB':>9} {'req':>4} {'ms':>6} {'repeat KB':>10} {'req':>4} "
        f"{'ms':>6} {'HTML KB':>8}"
    )
    for name, first, repeat in rows:
        print(
            f"{name:<10} {first['bytes'] / 1000:>9.1f} {first['requests']:>4} "
            f"{first['ms']:>6.0f} {repeat['bytes'] / 1000:>10.1f} {repeat['requests']:>4} "
            f"{repeat['ms']:>6.0f} {first['html'] / 1000:>8.1f}"
        )
    print(
        f"limits: first load <= {FIRST_LIMIT // 1000} KB, repeat <= {REPEAT_LIMIT // 1000} KB, "
        f"HTML <= {HTML_LIMIT // 1000} KB; over: {', '.join(over) or 'none'}"
    )
    print(f"pages without the DSFR styles applied: {', '.join(unstyled) or 'none'}")
    return 1 if unstyled else 0


if __name__ == "__main__":
    sys.exit(main())
