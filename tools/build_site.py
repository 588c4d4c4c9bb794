"""Build the course as a static website that needs no server and no kernel.

    npm ci && python tools/build_site.py            # -> site/index.html + one page per notebook
    python tools/build_site.py --out site-05 --only 05

Each notebook is run the normal way (tools/regenerate.py's `execute`: a fresh kernel, the widget
state stored with every frame), or taken already run from whoever calls `build` (the test
suite runs each notebook once for the output comparison and the site alike). Its outputs are
then made into what a page shows (tools/site_frames.py: a one-slider figure keeps every frame,
re-encoded small, and moves in the browser with no kernel; a figure of several sliders shows
its starting picture and where to drag it; every picture carries its sentence as alt text),
and it is converted to HTML (nbconvert, lab template) in the course's page template: readable
at WCAG 2.1 AA, previous and next links between the pages, figures and sliders within a
phone's width, each slider's handle named. The widget manager, require.js, MathJax and
JupyterLab's stylesheets are copied next to the pages (the scripts from node_modules, pinned in
package.json / package-lock.json, installed with `npm ci`), so a page requests nothing outside
its own folder: it works offline from any static host.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import sys
import time
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: `tools` and `helpers` from this checkout
    sys.path.insert(0, str(ROOT))

from tools import site_frames  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
NODE_MODULES = ROOT / "node_modules"
TITLE = "Neural Network Basics"
WIDGET_STATE = site_frames.WIDGET_STATE
WIDGET_VIEW = site_frames.WIDGET_VIEW
# A page's own size (HTML with its widget state and frames; shared scripts and stylesheets,
# which a reader's browser keeps after the first page, not counted): light on a phone.
PAGE_BUDGET = 3_000_000

# What the pages load, all from static/ next to them: (package, files or folders to copy).
STATIC = "static"
WIDGETS_JS = f"{STATIC}/widgets/embed-amd.js"
REQUIRE_JS = f"{STATIC}/require/require.js"
MATHJAX_JS = f"{STATIC}/mathjax/tex-chtml.js"
LAB_CSS = (f"{STATIC}/lab/index.css", f"{STATIC}/lab/theme-light.css")
SITE_CSS = f"{STATIC}/site.css"
SITE_JS = f"{STATIC}/site.js"

# The page template: nbconvert's lab template with JupyterLab's stylesheets and MathJax 3 from
# the site's own folder (instead of inlined in every page, and MathJax 2 from a CDN), no
# mermaid loader (no diagrams in the course), the course's own stylesheet and script, and a
# navigation bar above and below each notebook.
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
  // Each formula also as hidden MathML, which screen readers read (a table header that holds
  // only a formula is then not empty to them either).
  loader: {load: ['a11y/assistive-mml']},
  options: {ignoreHtmlClass: 'tex2jax_ignore', processHtmlClass: 'tex2jax_process',
            enableAssistiveMml: true},
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
{%- block notebook_css -%}
__LAB_CSS__
<link rel="stylesheet" href="__SITE_CSS__">
{%- if resources.site_css %}
<style>
{{ resources.site_css }}
</style>
{%- endif %}
<script src="__SITE_JS__"></script>
{%- endblock notebook_css -%}
{%- block html_head_css -%}
<link rel="icon" href="data:,">
{%- endblock html_head_css -%}
{%- block body_header -%}
{{ super() }}
<nav class="site-nav" aria-label="Notebooks">{{ resources.site_nav }}</nav>
{%- endblock body_header -%}
{%- block body_footer -%}
<nav class="site-nav" aria-label="Next and previous notebooks">{{ resources.site_nav }}</nav>
{{ super() }}
{%- endblock body_footer -%}
"""

# The course's stylesheet for every page (static/site.css).
STYLESHEET = """\
/* What nbconvert's lab template otherwise inlines in every page. */
a.anchor-link { display: none; }
.jp-InputArea { overflow: hidden; }
.jp-InputArea-editor { overflow-x: auto; }  /* a long line of code scrolls on a phone */
.cm-editor.cm-s-jupyter .highlight pre {
  padding: var(--jp-code-padding) 4px; margin: 0;
  font-family: inherit; font-size: inherit; line-height: inherit; color: inherit;
}
.jp-OutputArea-output pre { line-height: inherit; font-family: inherit; }
.jp-RenderedText pre { color: var(--jp-content-font-color1); font-size: var(--jp-code-font-size); }
.jp-Collapser { display: none; }

/* The course's pages. */
main { max-width: 1000px; margin: 0 auto; padding: 0 8px; }
.site-nav { font-family: var(--jp-ui-font-family); font-size: var(--jp-content-font-size1);
            margin: 1em 0; display: flex; flex-wrap: wrap; gap: 0.4em 1.5em; }
.jupyter-widgets { font-family: var(--jp-ui-font-family); }
.site-still-note { font-style: italic; }

/* WCAG 2.1 AA: text at least 4.5:1 against its ground (prompts, code, secondary text), links
   told apart from the text around them by more than colour, focus always visible. */
:root {
  --jp-cell-inprompt-font-color: #2a70aa;
  --jp-cell-outprompt-font-color: #aa5136;
  --jp-cell-prompt-not-active-font-color: #595959;
  --jp-cell-prompt-not-active-opacity: 1;
  --jp-content-link-color: #0b57a8;
  --jp-ui-font-color2: #595959;
  --jp-ui-font-color3: #595959;
  --jp-content-font-color2: #595959;
  --jp-content-font-color3: #595959;
  --jp-mirror-editor-keyword-color: #007e00;
  --jp-mirror-editor-comment-color: #3a7474;
  --jp-mirror-editor-operator-color: #a020f0;
  --jp-mirror-editor-meta-color: #a020f0;
  --jp-mirror-editor-builtin-color: #007e00;
  --jp-mirror-editor-attribute-color: #00539c;
  --jp-mirror-editor-def-color: #00539c;
}
.highlight .k, .highlight .kc, .highlight .kd, .highlight .kn, .highlight .kp, .highlight .kr,
.highlight .nb, .highlight .bp { color: #007e00; }
.highlight .o, .highlight .ow { color: #a020f0; }
.highlight .c, .highlight .c1, .highlight .cm, .highlight .ch, .highlight .cs,
.highlight .cp, .highlight .cpf { color: #3a7474; }
.highlight .mi, .highlight .mf, .highlight .m, .highlight .mh, .highlight .mo,
.highlight .il { color: #007e00; }
.highlight .nd, .highlight .ne { color: #a020f0; }
.highlight .sd, .highlight .si, .highlight .se { color: #9d3b3b; }
a, a:hover, .jp-RenderedHTMLCommon a:link, .jp-RenderedHTMLCommon a:visited,
.jp-RenderedHTMLCommon a:hover { text-decoration: underline; color: #0b57a8; }
:focus-visible { outline: 2px solid #0b57a8; outline-offset: 2px; }

/* Phones: every picture and slider within the screen's width, its shape kept. */
.jp-RenderedHTMLCommon img, .widget-image, .site-still img { max-width: 100%; height: auto; }
.jp-OutputArea-output { overflow-x: auto; }
@media (max-width: 700px) {
  :root { --jp-cell-prompt-width: 0px; }
  .jp-InputPrompt, .jp-OutputPrompt { display: none; }
  main { padding: 0 4px; }
}
"""

# The course's script for every page (static/site.js): what ipywidgets' page code leaves out.
SCRIPT = """\
// ipywidgets 8.1's page code gives a slider's handle no accessible name (its label is not tied
// to it), says the position's index rather than its readout (on a slider through a list of
// values), and can give a widget's picture only a title. This script, kept to that, gives every
// handle the spoken name the site's build stored as the slider's tooltip ("learning rate eta")
// and its readout as its value's text, and every widget picture its sentence as alt text.
(function () {
  function describe() {
    document.querySelectorAll('.widget-slider').forEach(function (slider) {
      var handle = slider.querySelector('.noUi-handle');
      var label = slider.querySelector('.widget-label');
      var readout = slider.querySelector('.widget-readout');
      if (!handle || !label) { return; }
      if (label.title) { label.dataset.spoken = label.title; label.removeAttribute('title'); }
      var name = label.dataset.spoken || label.textContent;
      if (handle.getAttribute('aria-label') !== name) { handle.setAttribute('aria-label', name); }
      var value = readout ? readout.textContent : '';
      if (value && handle.getAttribute('aria-valuetext') !== value) {
        handle.setAttribute('aria-valuetext', value);
      }
    });
    document.querySelectorAll('img.widget-image[title]').forEach(function (image) {
      image.alt = image.title;
      image.removeAttribute('title');
    });
  }
  new MutationObserver(describe).observe(document.documentElement, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['title', 'aria-valuetext']});
})();
"""


def require_node_modules() -> None:
    missing = [p for p in ("@jupyter-widgets/html-manager/dist/embed-amd.js",
                           "requirejs/require.js", "mathjax/es5/tex-chtml.js")
               if not (NODE_MODULES / p).exists()]
    if missing:
        sys.exit(f"node_modules lacks {', '.join(missing)}: run `npm ci` in {ROOT} first")


# --- Converting a notebook to a page --------------------------------------------------------


def exporter():
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    links = "\n".join(f'<link rel="stylesheet" href="{css}">' for css in LAB_CSS)
    template = (PAGE_TEMPLATE.replace("__MATHJAX__", MATHJAX_JS).replace("__LAB_CSS__", links)
                .replace("__SITE_CSS__", SITE_CSS).replace("__SITE_JS__", SITE_JS))
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


def link_pages(page: str, pages: list[str]) -> str:
    """Links to another notebook of the course ("02_layers.ipynb") go to its page."""
    stems = {Path(name).stem for name in pages}
    return re.sub(r'href="(\d\d_\w+)\.ipynb(#[^"]*)?"',
                  lambda m: (f'href="{m.group(1)}.html{m.group(2) or ""}"'
                             if m.group(1) in stems else m.group(0)), page)


def notebook_title(notebook, name: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.MULTILINE)
            if match:
                return match.group(1).strip()
    return Path(name).stem


def navigation(pages: list[dict], index: int) -> str:
    """The bar above and below a page: all notebooks, and the previous and the next one."""
    parts = ['<a href="index.html">All notebooks</a>']
    if index > 0:
        before = pages[index - 1]
        parts.append(f'<a href="{before["page"]}" rel="prev">&larr; Previous: '
                     f'{html.escape(before["title"])}</a>')
    if index + 1 < len(pages):
        after = pages[index + 1]
        parts.append(f'<a href="{after["page"]}" rel="next">Next: '
                     f'{html.escape(after["title"])} &rarr;</a>')
    return " ".join(parts)


def write_page(out: Path, name: str, executed, pages: list[dict], index: int) -> dict:
    """Write the page of the executed notebook `name`; return what the index says of it."""
    started = time.monotonic()
    notebook, css = site_frames.page_notebook(executed, name)
    title = pages[index]["title"]
    notebook.metadata["title"] = f"{title} · {TITLE}"
    resources = {"site_css": css, "site_nav": navigation(pages, index)}
    body, _ = exporter().from_notebook_node(notebook, resources=resources)
    page = link_pages(localise(body), [p["name"] for p in pages])
    target = out / pages[index]["page"]
    target.write_text(page, encoding="utf-8")
    size = target.stat().st_size
    parts = ", ".join(f"{part} {count / 1e6:.2f}" for part, count in
                      site_frames.sizes(page).items())
    info = {**pages[index], "bytes": size, "seconds": round(time.monotonic() - started, 1)}
    print(f"{target.name}: {size / 1e6:.2f} MB ({parts}) in {info['seconds']} s", flush=True)
    if size > PAGE_BUDGET:
        print(f"warning: {target.name} is over the {PAGE_BUDGET / 1e6:.0f} MB budget",
              file=sys.stderr)
    return info


def execute_notebooks(paths: list[Path], timeout: int = 900) -> dict:
    """Each notebook run the normal way (tools/regenerate.py's `execute`), by file name."""
    from tools import regenerate

    executed = {}
    for path in paths:
        started = time.monotonic()
        executed[path.name] = regenerate.execute(path, timeout=timeout)
        print(f"{path.name}: run in {time.monotonic() - started:.1f} s", flush=True)
    return executed


def build(out: Path, executed: Mapping[str, object] | None = None) -> list[dict]:
    """Write the site into `out`: the shared scripts, a page per notebook, the index.

    executed: notebooks already run by tools/regenerate.py's `execute` (their widget state
    holds every frame), by file name ("05_learning_rate.ipynb"); they are not changed. Those
    given get a page; the index lists every notebook of the course. Without it, every notebook
    is run here first. Returns, per page built: its name, title, file, bytes and seconds.
    """
    import nbformat

    require_node_modules()
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    if executed is None:
        executed = execute_notebooks(paths)
    unknown = set(executed) - {path.name for path in paths}
    if unknown:
        raise ValueError(f"executed names notebooks the course does not have: {sorted(unknown)}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    copy_static(out)
    pages = [{"name": path.name, "page": f"{path.stem}.html",
              "title": notebook_title(executed.get(path.name)
                                      or nbformat.read(path, as_version=4), path.name)}
             for path in paths]
    built = [write_page(out, page["name"], executed[page["name"]], pages, index)
             for index, page in enumerate(pages) if page["name"] in executed]
    write_index(out, pages)
    (out / ".nojekyll").write_text("")
    return built


# --- The shared scripts and the index --------------------------------------------------------


def _lab_stylesheets() -> Path:
    """The folder of nbconvert's lab template's stylesheets."""
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("nbconvert", "templates", "lab", "static"):
        if (Path(folder) / "index.css").exists():
            return Path(folder)
    raise RuntimeError("nbconvert's lab template (its static/index.css) was not found")


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
    lab = static / "lab"
    lab.mkdir()
    for css in LAB_CSS:  # JupyterLab's look (BSD-3-Clause, as nbconvert ships it)
        shutil.copy2(_lab_stylesheets() / Path(css).name, lab / Path(css).name)
    (static / "site.css").write_text(STYLESHEET, encoding="utf-8")
    (static / "site.js").write_text(SCRIPT, encoding="utf-8")


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
                             "the index still links all of them")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    args = parser.parse_args(argv)
    require_node_modules()
    started = time.monotonic()
    paths = [path for path in sorted(NOTEBOOKS.glob("*.ipynb"))
             if args.only is None or any(path.name.startswith(p) for p in args.only)]
    built = build(args.out.resolve(), execute_notebooks(paths, args.timeout))
    total = sum(page["bytes"] for page in built)
    print(f"site written to {args.out.resolve()} in {time.monotonic() - started:.0f} s "
          f"({len(built)} pages, {total / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
