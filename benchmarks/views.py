"""Time to build each HTML view, the page's size, and how the page behaves in headless Chromium.

    python benchmarks/views.py                      # synthetic corpora of about 3,000 and 10,000 nodes
    python benchmarks/views.py --nodes 1000 3000    # other sizes
    python benchmarks/views.py PATH ...             # plans, folders or a graph file
    python benchmarks/views.py --no-browser         # Python figures only

For each graph and view: the nodes and edges the view holds, seconds to build the view data
(layout included) and to render the page, page bytes per node; then `graphmodel view` run as a
command on the graph saved as a file (reading it included). In Chromium (Debian's, through
Playwright; the page cut off from the network): first draw (navigation start to the first
full paint), a filter (untick the first year, recompute and repaint), a search (a short form,
repaint), and pan/zoom frames while the camera moves (120 frames: what each costs the page's
script, p50/p95, and the time between frames as the browser shows them, p95).
Synthetic plans pair two of ten regions, 60 tasks each, 1–4 units of each side per task.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from graphmodel.graph import build_graph
from graphmodel.views import build_view, render_page

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_graph import synthetic_plan  # noqa: E402  (beside this script)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]

# Measured in the page: the cost of one filter, one search and camera frames, each with the
# full repaint it causes (painting synchronously, so the figure is what a user waits for).
_IN_PAGE = """async () => {
  const v = window.graphmodelView, s = v.surface;
  const box = document.querySelector('input[data-filter=year]');
  let t = performance.now();
  box.click(); s.full();
  const filter = performance.now() - t;
  box.click(); s.full();
  t = performance.now();
  v.search(v.query); s.full();
  const search = performance.now() - t;
  v.clearSelection(); v.fit(); s.full();
  s.frames.length = 0;
  const gaps = [];
  let last = null;
  await new Promise(done => {
    let i = 0;
    function step(now) {
      if (last !== null) { gaps.push(now - last); }
      last = now;
      if (i < 60) { s.panBy(7, 3); } else { s.zoomAt(s.width / 2, s.height / 2, i % 2 ? 1.04 : 0.97); }
      i += 1;
      if (i < 120) { requestAnimationFrame(step); } else { setTimeout(done, 400); }
    }
    requestAnimationFrame(step);
  });
  const frames = s.frames.slice(0, 120).sort((a, b) => a - b);
  gaps.sort((a, b) => a - b);
  return {filter, search, p50: frames[Math.floor(frames.length / 2)],
          p95: frames[Math.floor(frames.length * 0.95)], gap95: gaps[Math.floor(gaps.length * 0.95)],
          rest: s.lastPaintMs, frames: frames.length};
}"""


def synthetic(nodes: int) -> nx.MultiDiGraph:
    """A corpus of about ``nodes`` nodes: 60 % tasks, the rest mostly units."""
    plans = max(1, round(nodes * 0.6 / 61))
    units = max(4, round(nodes * 0.4 / 10))
    rng = random.Random(7)
    return build_graph(synthetic_plan(i, 60, units, rng) for i in range(plans))


def python_figures(label: str, graph: nx.MultiDiGraph, folder: Path) -> dict[str, Path]:
    print(f"{label}: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges")
    pages = {}
    for view in ("network", "counterparts", "matrix"):
        start = time.perf_counter()
        data = build_view(graph, view)
        built = time.perf_counter()
        page = render_page(data)
        done = time.perf_counter()
        size = len(page.encode())
        print(f"  {view:<12} {data.node_count:>6} nodes {data.edge_count:>6} edges  build {built - start:6.2f} s"
              f"  render {done - built:5.2f} s  page {size:>11,} bytes  {size / max(data.node_count, 1):7.0f} B/node")
        pages[view] = folder / f"{view}-{graph.number_of_nodes()}.html"
        pages[view].write_text(page, encoding="utf-8")
    return pages


def command_figures(graph: nx.MultiDiGraph, folder: Path) -> None:
    from loaders.graph_files import write_graph

    saved = folder / f"graph-{graph.number_of_nodes()}.json"
    write_graph(graph, saved)
    for view in ("network", "counterparts"):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "from graphmodel_cli.main import cli; cli()", "view", str(saved),
                        "--view", view,
                        "-o", str(folder / "cli.html")], check=True, capture_output=True)
        print(f"  graphmodel view --view {view:<12} {time.perf_counter() - start:6.2f} s (graph file read included)")


def browser_figures(pages: dict[str, Path], query: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for view, path in pages.items():
            runs = []
            for _ in range(3):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
                page.goto(path.as_uri(), wait_until="load")
                page.wait_for_function("() => window.graphmodelView !== undefined", timeout=60000)
                page.evaluate("(q) => { window.graphmodelView.query = q; }", query)
                figures = page.evaluate(_IN_PAGE)
                figures["first"] = page.evaluate("() => window.graphmodelView.firstDraw")
                runs.append(figures)
                page.close()

            def median(key: str, runs: list[dict] = runs) -> float:
                return statistics.median(r[key] for r in runs)

            print(f"  {view:<12} first draw {median('first'):7.0f} ms  filter {median('filter'):6.0f} ms"
                  f"  search {median('search'):6.0f} ms  pan/zoom frames p50 {median('p50'):5.1f} ms"
                  f"  p95 {median('p95'):5.1f} ms, between frames p95 {median('gap95'):5.1f} ms"
                  f"  (full repaint at rest {median('rest'):5.0f} ms)")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--nodes", type=int, nargs="+", default=[3000, 10000], help="Synthetic corpus sizes.")
    parser.add_argument("--no-browser", action="store_true", help="Skip the in-page figures.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.paths:
            from loaders.corpus import read_corpus_graph

            graphs = [(" ".join(map(str, args.paths)), read_corpus_graph(args.paths), "发改委")]
        else:
            graphs = [(f"synthetic, about {n:,} nodes", synthetic(n), "上海市发改委") for n in args.nodes]
        for label, graph, query in graphs:
            pages = python_figures(label, graph, folder)
            command_figures(graph, folder)
            if not args.no_browser:
                browser_figures(pages, query)


if __name__ == "__main__":
    main()
