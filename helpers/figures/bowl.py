"""Figures of notebook 05 on an elongated bowl, a loss of two weights with two curvatures:
descent across it at a few learning rates, and with momentum. Notebook 05 reaches them
through `learning_rate`."""

from __future__ import annotations

import numpy as np

from .. import _validate, descent, learning_rate
from . import style
from .live import (
    LR_LABEL,
    MAX_EXPLORER_STEPS,
    Explorer,
    Picture,
    _range,
    _within,
    log_slider,
    slider,
)
from .style import _edge_texts, _png, _positive, _show_edges


def _bowl_problem(curvatures, start):
    pair = _validate.array(curvatures, "curvatures", ndim=1)
    if pair.shape != (2,) or np.any(pair <= 0):
        raise ValueError(f"curvatures should be two positive numbers (L1, L2), got {curvatures!r}")
    curvatures = (float(pair[0]), float(pair[1]))
    bowl = learning_rate.quadratic(curvatures)
    start = _validate.array(start, "start", ndim=1, values="bounded")
    if start.shape != (2,):
        raise ValueError(f"start should be a point (w1, w2), got shape {start.shape}")
    span = 1.25 * np.max(np.abs(start))
    with np.errstate(all="ignore"):
        grid_w1 = np.linspace(-span, span, 150)
        grid_w2 = np.linspace(-span / 2, span / 2, 100)
        surface = bowl.loss_at_each(np.stack(np.meshgrid(grid_w1, grid_w2), axis=-1))
    if not 0.01 < surface.max() < 1e300:
        raise ValueError(f"start and curvatures give a bowl that cannot be drawn (start = "
                         f"{start.tolist()}, curvatures = {curvatures}): its highest loss "
                         f"{surface.max():g} should be above 0.01 and finite")
    return curvatures, bowl, start, span, (grid_w1, grid_w2, surface)


def _bowl_map(ax, curvatures, bowl, span, grid, labels: bool = True):
    """The bowl's contour map, lower is better: darker rings are lower, the star the bottom."""
    grid_w1, grid_w2, surface = grid
    rings = ax.contour(grid_w1, grid_w2, surface, levels=np.geomspace(0.01, surface.max(), 12),
                       cmap=style.LOSS_CMAP, linewidths=1)
    ax.plot(*bowl.centre, "*", ms=13, color=style.PALETTE["yellow"], mec="black")
    ax.set(xlim=(-span, span), ylim=(-span / 2, span / 2), aspect="equal",
           xlabel=f"w₁ (gentle, L₁ = {curvatures[0]:g})" if labels else "w₁",
           ylabel=f"w₂ (steep, L₂ = {curvatures[1]:g})" if labels else "w₂")
    ax.grid(False)
    return rings


def _loss_bar(fig, rings, axes) -> None:
    """The contours' colour bar, saying which way is better so no key is needed."""
    bar = fig.colorbar(rings, ax=axes, shrink=0.9, format="%.2g")
    bar.set_label("loss J (lower is better)", fontsize=8)
    bar.ax.tick_params(labelsize=7)


def _bowl_words(walk, steps: int) -> str:
    if walk.diverged:
        return f"diverged at step {walk.diverged_at}, ending at {walk.losses[-1]:.3g}"
    return f"after {steps} steps the loss fell from {walk.losses[0]:.3g} to {walk.losses[-1]:.2g}"


def bowl_strip(curvatures: tuple[float, float] = (1.0, 10.0), start=(-2.0, 1.0),
               steps: int = 40, lrs=(0.05, 0.19, 0.21), momenta=None, lr: float = 0.05
               ) -> Picture:
    """A strip of walks on the elongated bowl side by side, the states a slider passes through:
    one panel per learning rate in `lrs`, or, given `momenta`, one per momentum β at the fixed
    learning rate `lr`. Notebook 05."""
    curvatures, bowl, start, span, grid = _bowl_problem(curvatures, start)
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    if momenta is None:
        values = _validate.array(lrs, "lrs", ndim=1)
        if values.size == 0 or values.size > 4 or np.any(values <= 0):
            raise ValueError(f"lrs should be one to four positive learning rates, got {lrs!r}")
        settings = [(float(v), 0.0) for v in values]
    else:
        lr = _validate.positive(lr, "lr")
        values = _validate.array(momenta, "momenta", ndim=1)
        if values.size == 0 or values.size > 4 or np.any((values < 0) | (values >= 1)):
            raise ValueError("momenta should be one to four numbers from 0 up to (not "
                             f"including) 1, got {momenta!r}")
        settings = [(lr, float(v)) for v in values]
    fig, axes = style.new_figure(3.3 * len(settings), 2.6, ncols=len(settings))
    words = []
    for ax, (rate, beta) in zip(axes, settings, strict=True):
        walk = descent.gradient_descent(*bowl, start, rate, steps, momentum=beta)
        rings = _bowl_map(ax, curvatures, bowl, span, grid, labels=ax is axes[0])
        inside = np.all(np.abs(walk.path) <= [span, span / 2], axis=1)
        shown = walk.path[: (np.argmin(inside) if not inside.all() else len(inside))]
        ax.plot(shown[:, 0], shown[:, 1], "o-", ms=3, lw=1.2, color=style.PALETTE["vermillion"],
                mec="white", mew=0.5)
        name = f"η = {rate:g}" if momenta is None else f"β = {beta:g}"
        if len(shown) < len(walk.path):
            ax.text(0.5, 0.97, f"↑ leaves the map at step {len(shown)}", transform=ax.transAxes,
                    ha="center", va="top", fontsize=8, color=style.PALETTE["vermillion"],
                    bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
        ax.set_title(name, fontsize=10)
        words.append(f"{name} {_bowl_words(walk, steps)}")
    _loss_bar(fig, rings, list(axes))
    fixed = "" if momenta is None else f" at η = {lr:g}"
    caption = (f"The elongated bowl (L₁ = {curvatures[0]:g}, L₂ = {curvatures[1]:g}), {steps} "
               f"steps{fixed} from ({start[0]:g}, {start[1]:g}): " + "; ".join(words) + ".")
    return Picture(_png(fig), caption)


def bowl_explorer(curvatures: tuple[float, float] = (1.0, 10.0), start=(-2.0, 1.0),
                  steps: int = 40, lr: float = 0.05, vary: str = "lr",
                  lr_range: tuple[float, float] = (1e-3, 1.0)) -> Explorer:
    """Gradient descent on an elongated bowl, drawn on its contour map. Notebook 05.

    vary="lr": a logarithmic learning-rate slider; the largest stable η is 2 / (the larger
    curvature). vary="momentum": a slider for momentum β at the fixed learning rate `lr`.
    """
    vary = _validate.choice(vary, "vary", ("lr", "momentum"))
    curvatures, bowl, start, span, grid = _bowl_problem(curvatures, start)
    loss, grad = bowl
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    lr_range = _range(lr_range, "lr_range", log=True)
    lr = _within(lr, "lr", *lr_range) if vary == "lr" else _validate.positive(lr, "lr")
    low, high = 1e-6, 1e5

    def scene():
        fig, (ax, loss_ax) = style.new_figure(9.0, 3.6, ncols=2, width_ratios=(1.6, 1))
        _loss_bar(fig, _bowl_map(ax, curvatures, bowl, span, grid), ax)
        (trail,) = ax.plot([], [], "o-", ms=3, lw=1.2, color=style.PALETTE["vermillion"],
                           mec="white", mew=0.5)
        title = ax.set_title(" ", fontsize=10)
        loss_ax.set(yscale="log", xlim=(-0.5, steps + 0.5), ylim=(low, high), xlabel="step",
                    ylabel="loss (log scale)", title="the loss at each step")
        (loss_line,) = loss_ax.plot([], [], "o-", ms=2.5, lw=1.5, color=style.PALETTE["blue"])
        edges = _edge_texts(loss_ax)
        moving = [trail, title, loss_line, *edges]

        def update(lr: float = lr, momentum: float = 0.0) -> str:
            walk = descent.gradient_descent(loss, grad, start, lr, steps, momentum=momentum)
            trail.set_data(walk.path[:, 0], walk.path[:, 1])
            loss_line.set_data(np.arange(len(walk.losses)), _positive(walk.losses))
            beyond = _show_edges(edges, walk.losses, low, high)
            what = _bowl_words(walk, steps)
            if vary == "lr":
                steep, gentle = (learning_rate.regime(lr, c) for c in curvatures[::-1])
                title.set_text(f"η = {lr:.3g}: steep {steep}, gentle {gentle} (edge: 2/L₂ = "
                               f"{bowl.threshold:.3g})\n{what}")
                words = (f"η = {lr:.3g}: the steep direction is {steep}, the gentle one "
                         f"{gentle}; {what}")
            else:
                title.set_text(f"momentum β = {momentum:.2f}, η = {lr:g}\n{what}")
                words = f"momentum β = {momentum:.2f} at η = {lr:g}: {what}"
            return words + (f"; {beyond}" if beyond else "") + "."

        return fig, moving, update

    if vary == "lr":
        controls = {"lr": log_slider(LR_LABEL, lr, *lr_range)}
    else:
        controls = {"momentum": slider("momentum β", 0.0, 0.0, 0.95, 0.05)}
    return Explorer(scene, controls, f"descent on an elongated bowl ({vary})")
