#!/usr/bin/env python3
"""How long a one-page edit takes to show in `faqbook serve` on a large synthetic site.

Usage: bench/serve_rebuild.py [N] [--faqbook target/release/faqbook] [--runs 5]
                              [--gen ../shared/bench/gen_corpus.py] [--keep DIR]

Generates N pages with the shared corpus generator, maps them to faqbook's schema (lower-case
ids; statuses workaround -> escalated, open -> unresolved, archived -> unknown; services
configured in book.toml), starts `faqbook serve --port 0`, waits for the first build, then
edits one page's body `--runs` times (the first right after the first build) and measures, per
edit, the time from the write until the live-reload event arrives on /__faqbook/events and
until the page is served with the new text (both include the watcher's 80 ms debounce). Prints
the first-build time, the first edit's latencies on their own, the median/min/max of all edits
and serve's own timing of each one-page rebuild. Only loopback traffic; every wait is bounded.
"""
import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

STATUS_MAP = {"workaround": "escalated", "open": "unresolved", "archived": "unknown"}
TIMEOUT = 600.0


def make_site(n, gen, site):
    content = os.path.join(site, "content")
    subprocess.run([sys.executable, gen, str(n), content], check=True, stdout=subprocess.DEVNULL)
    os.remove(os.path.join(content, "_manifest.json"))
    services = []
    for name in sorted(os.listdir(content)):
        path = os.path.join(content, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"^id: (.*)$", lambda m: "id: " + m.group(1).lower(), text, count=1, flags=re.M)
        text = re.sub(r"^status: (\w+)$", lambda m: "status: " + STATUS_MAP.get(m.group(1), m.group(1)),
                      text, count=1, flags=re.M)
        service = re.search(r'^service: "?(.*?)"?$', text, flags=re.M).group(1)
        if service not in services:
            services.append(service)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    with open(os.path.join(site, "book.toml"), "w", encoding="utf-8") as f:
        f.write('[book]\ntitle = "bench"\nlanguage = "ja"\n')
        for i, service in enumerate(services):
            f.write(f'\n[[services]]\nname = {json.dumps(service, ensure_ascii=False)}\nslug = "s{i}"\n')


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def wait_until(predicate, what):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    sys.exit(f"timed out waiting for {what}")


def open_events(host, port):
    stream = socket.create_connection((host, port), timeout=TIMEOUT)
    stream.sendall(f"GET /__faqbook/events HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
    read_until(stream, b"event: hello")
    return stream


def drain(stream, quiet=0.5):
    """Reads whatever the stream has until it stays quiet, so each edit waits for its own event."""
    stream.settimeout(quiet)
    try:
        while stream.recv(4096):
            pass
    except socket.timeout:
        pass
    stream.settimeout(TIMEOUT)


def read_until(stream, needle, seen=b""):
    while needle not in seen:
        chunk = stream.recv(4096)
        if not chunk:
            sys.exit("event stream closed")
        seen += chunk
    return seen[seen.index(needle) + len(needle):]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=10000)
    parser.add_argument("--faqbook", default="target/release/faqbook")
    parser.add_argument("--gen", default="../shared/bench/gen_corpus.py")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", help="build the site in this folder and keep it")
    args = parser.parse_args()

    site = args.keep or tempfile.mkdtemp(prefix="faqbook-bench-")
    if not os.path.exists(os.path.join(site, "book.toml")):
        make_site(args.n, args.gen, site)
    started = time.monotonic()
    server = subprocess.Popen([args.faqbook, "serve", "--root", site, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        match = re.search(r"http://([\d.]+):(\d+)/", line)
        if not match:
            sys.exit(f"no URL in serve's first line: {line!r}")
        host, port = match.group(1), int(match.group(2))
        base = f"http://{host}:{port}/"
        wait_until(lambda: get(base)[0] == 200, "the first build")
        first_build = time.monotonic() - started
        events = open_events(host, port)

        pages = sorted(p for p in os.listdir(os.path.join(site, "content")) if p.endswith(".md"))
        target = os.path.join(site, "content", pages[len(pages) // 2])
        with open(target, encoding="utf-8") as f:
            original = f.read()
        page_id = re.search(r"^id: (.*)$", original, flags=re.M).group(1)
        to_event, to_page = [], []
        for run in range(args.runs):
            marker = f"bench-edit-{run}-{time.time_ns()}"
            drain(events)
            written = time.monotonic()
            with open(target, "w", encoding="utf-8") as f:
                f.write(original + f"\n{marker}\n")
            read_until(events, b"event: reload")
            to_event.append(time.monotonic() - written)
            wait_until(lambda: marker in get(f"{base}faq/{page_id}.html")[1], "the edited page")
            to_page.append(time.monotonic() - written)
        with open(target, "w", encoding="utf-8") as f:
            f.write(original)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    def summary(values):
        ms = [v * 1000 for v in values]
        return f"median {statistics.median(ms):.0f} ms (min {min(ms):.0f}, max {max(ms):.0f})"

    print(f"pages: {len(pages)}; first build (serve start to first page): {first_build:.2f} s")
    # The first edit is the one that used to wait for serve to parse the site a second time.
    print(f"first edit -> reload event: {to_event[0] * 1000:.0f} ms; -> new page served: {to_page[0] * 1000:.0f} ms")
    print(f"one-page edit -> reload event: {summary(to_event)}")
    print(f"one-page edit -> new page served: {summary(to_page)}")
    builds = re.findall(r"built 1 page in (\d+) ms", server.stdout.read())
    if builds:
        inside = [int(b) / 1000 for b in builds]
        print(f"one-page rebuild inside serve (its own timing): {summary(inside)}")
    print(f"serve exit code after Ctrl-C: {server.returncode}")


if __name__ == "__main__":
    main()
