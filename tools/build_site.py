"""Build the course as a static website that needs no server and no kernel.

    npm ci && python tools/build_site.py            # -> site/index.html + one page per notebook
    python tools/build_site.py --out site-05 --only 05

Each notebook is copied, run in a fresh kernel with a hidden first cell (tools/site_frames.py)
that shows each figure of several sliders as its starting picture, and converted to HTML
(nbconvert, lab template) with its widget state. A figure of one slider needs no kernel as it
is: its frames, made when its cell runs by helpers.figures.frames (as in JupyterLab), are in the
widget state, and the page switches them in the browser. The widget manager, require.js and
MathJax come from node_modules (pinned in package.json / package-lock.json, installed with
`npm ci`) and are copied next to the pages, so a page requests nothing outside its own folder:
it works offline from any static host.
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import re
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NODE_MODULES = ROOT / "node_modules"
TITLE = "Neural Network Basics"
SETUP_TAG = "site-setup"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# A page's own size (HTML with its widget state and frames), shared scripts not counted.
PAGE_BUDGET = 8_000_000

# What the pages load, all from static/ next to them: (package, files or folders to copy).
STATIC = "static"
WIDGETS_JS = f"{STATIC}/widgets/embed-amd.js"
REQUIRE_JS = f"{STATIC}/require/require.js"
MATHJAX_JS = f"{STATIC}/mathjax/tex-chtml.js"

# The page template: nbconvert's lab template with MathJax 3 from the site's own folder instead
# of MathJax 2 from a CDN, no mermaid loader (no diagrams in the course), and a little CSS.
PAGE_TEMPLATE = r"""{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_mathjax -%}
<script>
window.MathJax = {
  tex: {
    inlineMath: [['$', '$'], ['\\(', '\\)']],
    displayMath: [['$$', '$$'], ['\\[', '\\]']],
    processEscapes: true,
    processEnvironments: true
  },
  options: {ignoreHtmlClass: 'tex2jax_ignore', processHtmlClass: 'tex2jax_process'},
  // The widget manager typesets widget labels through MathJax 2's MathJax.Hub.Queue; this
  // forwards those calls to MathJax 3 (and keeps the ones made before it has loaded).
  Hub: {Queue: function (job) {
    (window.siteMathPending = window.siteMathPending || []).push(job);
  }},
  startup: {
    ready: function () {
      MathJax.startup.defaultReady();
      var typeset = function (job) {
        var element = job && job[2];
        MathJax.startup.promise = MathJax.startup.promise.then(function () {
          return MathJax.typesetPromise(element ? [element] : undefined);
        });
      };
      MathJax.Hub = {Queue: typeset};
      (window.siteMathPending || []).forEach(typeset);
    }
  }
};
</script>
<script id="MathJax-script" defer src="__MATHJAX__"></script>
{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<link rel="icon" href="data:,">
<style>
main { max-width: 1000px; margin: 0 auto; }
.site-nav { font-family: var(--jp-ui-font-family); margin: 1em 0; }
.jupyter-widgets { font-family: var(--jp-ui-font-family); }
</style>
{%- endblock html_head_css -%}
{%- block body_header -%}
{{ super() }}
<nav class="site-nav"><a href="index.html">&larr; All notebooks</a></nav>
{%- endblock body_header -%}
"""


def setup_source(notebook: str) -> str:
    """The hidden first cell: make explorers kernel-free in this kernel."""
    return (f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom tools import site_frames\n"
            f"site_frames.install(notebook={notebook!r})\ndel sys.path[0]")


def require_node_modules() -> None:
    missing = [p for p in ("@jupyter-widgets/html-manager/dist/embed-amd.js",
                           "requirejs/require.js", "mathjax/es5/tex-chtml.js")
               if not (NODE_MODULES / p).exists()]
    if missing:
        sys.exit(f"node_modules lacks {', '.join(missing)}: run `npm ci` in {ROOT} first")


# --- Running a notebook --------------------------------------------------------------------


def execute(path: Path, timeout: int):
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    run = copy.deepcopy(notebook)
    setup = nbformat.v4.new_code_cell(setup_source(path.name), metadata={"tags": [SETUP_TAG]})
    run.cells.insert(0, setup)
    NotebookClient(run, timeout=timeout, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for output in run.cells[0].outputs:
        if output.get("output_type") in ("error", "stream") or "traceback" in output:
            raise RuntimeError(f"{path.name}: the site set-up cell failed:\n"
                               + "".join(output.get("text", "")) + "\n".join(
                                   output.get("traceback", [])))
    run.cells = [c for c in run.cells if SETUP_TAG not in c.metadata.get("tags", [])]
    for cell in run.cells:  # number the cells as if the hidden one had not run
        if cell.cell_type == "code" and cell.get("execution_count"):
            cell.execution_count -= 1
            for output in cell.outputs:
                if output.get("execution_count"):
                    output.execution_count -= 1
    prune_widget_state(run)
    return run


def _references(value, found: set) -> None:
    if isinstance(value, str):
        if value.startswith("IPY_MODEL_"):
            found.add(value[len("IPY_MODEL_"):])
    elif isinstance(value, dict):
        for item in value.values():
            _references(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _references(item, found)


def prune_widget_state(notebook) -> None:
    """Keep only the widgets a page shows (and the links between them): the kernel also held
    the live explorers, whose state would only make the page bigger."""
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state")
    if not state:
        return
    todo = {output["data"][WIDGET_VIEW]["model_id"] for cell in notebook.cells
            for output in cell.get("outputs", []) if WIDGET_VIEW in output.get("data", {})}
    keep: set = set()
    while todo:
        model = todo.pop()
        if model in keep or model not in state:
            continue
        keep.add(model)
        found: set = set()
        _references(state[model].get("state", {}), found)
        todo |= found - keep
        if not todo:  # links whose ends are both shown, and what they refer to
            for other, entry in state.items():
                if other not in keep and entry.get("model_name") in (
                        "LinkModel", "DirectionalLinkModel"):
                    ends: set = set()
                    _references(entry.get("state", {}), ends)
                    if ends and ends <= keep:
                        todo.add(other)
    for model in list(state):
        if model not in keep:
            del state[model]


# --- Converting it to a page ---------------------------------------------------------------


def exporter():
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    template = PAGE_TEMPLATE.replace("__MATHJAX__", MATHJAX_JS)
    return HTMLExporter(
        template_name="lab", template_file="site.html.j2",
        extra_loaders=[DictLoader({"site.html.j2": template})],
        require_js_url=REQUIRE_JS, widget_renderer_url=WIDGETS_JS, mathjax_url=MATHJAX_JS,
        jupyter_widgets_base_url=f"{STATIC}/widgets/", exclude_input_prompt=False,
    )


EXTERNAL_IMG = re.compile(r'<img\b[^>]*\bsrc="(https?:)?//[^"]*"[^>]*>', re.IGNORECASE)
ALT = re.compile(r'\balt="([^"]*)"', re.IGNORECASE)
EXTERNAL_LOAD = re.compile(
    r'<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)="(?:https?:)?//[^"]*"',
    re.IGNORECASE)


def localise(page: str) -> str:
    """No request outside the page's folder: an image from elsewhere (the Binder badge) becomes
    its alt text, still inside its link."""
    page = EXTERNAL_IMG.sub(
        lambda m: (f'<span class="site-badge">{ALT.search(m.group(0)).group(1)}</span>'
                   if ALT.search(m.group(0)) else ""), page)
    for tag in re.findall(r"<link\b[^>]*>", page):
        if 'rel="stylesheet"' in tag and re.search(r'href="(https?:)?//', tag):
            page = page.replace(tag, "")
    left = EXTERNAL_LOAD.findall(page)
    if left:
        raise RuntimeError(f"the page would still load from elsewhere: {left[:3]}")
    return page


def notebook_title(notebook, path: Path) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.MULTILINE)
            if match:
                return match.group(1).strip()
    return path.stem


def build_page(path: Path, out: Path, timeout: int) -> dict:
    started = time.monotonic()
    notebook = execute(path, timeout)
    title = notebook_title(notebook, path)
    notebook.metadata["title"] = f"{title} · {TITLE}"
    body, _ = exporter().from_notebook_node(notebook)
    page = localise(body)
    target = out / f"{path.stem}.html"
    target.write_text(page, encoding="utf-8")
    size = target.stat().st_size
    info = {"page": target.name, "title": title, "bytes": size,
            "seconds": round(time.monotonic() - started, 1)}
    print(f"{target.name}: {size / 1e6:.2f} MB in {info['seconds']} s", flush=True)
    if size > PAGE_BUDGET:
        print(f"warning: {target.name} is over the {PAGE_BUDGET / 1e6:.0f} MB budget",
              file=sys.stderr)
    return info


# --- The shared scripts and the index --------------------------------------------------------


def _licences(package_dir: Path, target: Path) -> None:
    """Copy a package's licence files, and note its declared licence (some ship no file)."""
    target.mkdir(parents=True, exist_ok=True)
    for found in package_dir.iterdir():
        if re.match(r"(licen[cs]e|copying|notice)", found.name, re.IGNORECASE):
            shutil.copy2(found, target / found.name)
    meta = json.loads((package_dir / "package.json").read_text())
    (target / "PACKAGE.txt").write_text(
        f"{meta['name']} {meta['version']}\nlicence: {meta.get('license')}\n"
        f"source: {meta.get('homepage') or meta.get('repository')}\n")


def copy_static(out: Path) -> None:
    static = out / STATIC
    if static.exists():
        shutil.rmtree(static)
    manager = NODE_MODULES / "@jupyter-widgets/html-manager"
    widgets = static / "widgets"
    widgets.mkdir(parents=True)
    for found in (manager / "dist").iterdir():
        # embed-amd.js and the icon fonts its CSS refers to (relative to the script).
        if found.name == "embed-amd.js" or found.suffix in (".woff", ".woff2", ".ttf", ".eot",
                                                             ".svg") or found.name.endswith(
                                                                 "LICENSE.txt"):
            shutil.copy2(found, widgets / found.name)
    _licences(manager, widgets / "licences")
    require = static / "require"
    require.mkdir()
    shutil.copy2(NODE_MODULES / "requirejs/require.js", require / "require.js")
    _licences(NODE_MODULES / "requirejs", require / "licences")
    mathjax = NODE_MODULES / "mathjax/es5"
    target = static / "mathjax"
    target.mkdir()
    shutil.copy2(mathjax / "tex-chtml.js", target / "tex-chtml.js")
    # What tex-chtml.js loads on demand: TeX extensions, the CommonHTML fonts, the menu's parts.
    for folder in ("input/tex/extensions", "output/chtml/fonts/woff-v2", "a11y", "ui",
                   "adaptors", "sre/mathmaps"):
        if (mathjax / folder).exists():
            shutil.copytree(mathjax / folder, target / folder)
    for name in ("sre/speech-worker.js", "output/chtml/fonts/tex.js"):
        if (mathjax / name).exists():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(mathjax / name, target / name)
    _licences(NODE_MODULES / "mathjax", target / "licences")


def intro_paragraph() -> str:
    """The README's first paragraph: what the course is."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if block and not block.startswith(("#", "[![", "<", "```")):
            return " ".join(block.split())
    return ""


def write_index(out: Path, pages: list[dict]) -> None:
    intro = html.escape(intro_paragraph())
    intro = re.sub(r"`([^`]+)`", r"<code>\1</code>", intro)
    intro = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", intro)
    items = "\n".join(f'    <li><a href="{p["page"]}">{html.escape(p["title"])}</a></li>'
                      for p in pages)
    (out / "index.html").write_text(f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{TITLE}</title>
<link rel="icon" href="data:,">
<style>
body {{ font-family: system-ui, sans-serif; max-width: 44em; margin: 2em auto; padding: 0 1em;
       line-height: 1.5; color: #222; }}
li {{ margin: 0.4em 0; font-size: 1.1em; }}
</style>
</head>
<body>
<main>
  <h1>{TITLE}</h1>
  <p>{intro}</p>
  <p>Every page below is the notebook after a full run. The sliders of the one-slider figures
  work right here, in your browser; for the others, and to change the code, open the course in
  JupyterLab.</p>
  <ol>
{items}
  </ol>
</main>
</body>
</html>
""", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="where to write the site")
    parser.add_argument("--only", nargs="*", default=None, metavar="PREFIX",
                        help="build only the notebooks whose names start with these (e.g. 05); "
                             "the index still links all five")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    args = parser.parse_args(argv)
    require_node_modules()
    started = time.monotonic()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    copy_static(out)
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    pages = []
    for path in paths:
        if args.only is None or any(path.name.startswith(p) for p in args.only):
            pages.append(build_page(path, out, args.timeout))
        else:
            import nbformat

            pages.append({"page": f"{path.stem}.html",
                          "title": notebook_title(nbformat.read(path, as_version=4), path)})
    write_index(out, pages)
    (out / ".nojekyll").write_text("")
    print(f"site written to {out} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
