"""Figures of notebook 05 on an elongated bowl, a loss of two weights with two curvatures:
descent across it at a few learning rates, and with momentum (η and β dragged together).
Notebook 05 reaches them through `learning_rate`."""

from __future__ import annotations

import numpy as np

from .. import _validate, descent, learning_rate
from . import style
from .controls import LR_LABEL, MAX_EXPLORER_STEPS, _log_slider, _range, _slider, _within
from .live import Explorer, Picture
from .style import _edge_texts, _png, _positive, _show_edges

# The momentum slider's top: at β = 1 the velocity never forgets, and the walk never settles.
MAX_MOMENTUM = 0.95


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


def _settings(lrs, settings) -> list[tuple[float, float]]:
    """The (η, β) of each panel of a strip: one per learning rate in `lrs` (β = 0), or the
    pairs in `settings`; one to four of them."""
    if settings is None:
        values = _validate.array(lrs, "lrs", ndim=1)
        if values.size == 0 or values.size > 4 or np.any(values <= 0):
            raise ValueError(f"lrs should be one to four positive learning rates, got {lrs!r}")
        return [(float(v), 0.0) for v in values]
    pairs = _validate.array(settings, "settings", ndim=2)
    if not 1 <= len(pairs) <= 4 or pairs.shape[1] != 2 or np.any(pairs[:, 0] <= 0) \
            or np.any((pairs[:, 1] < 0) | (pairs[:, 1] >= 1)):
        raise ValueError("settings should be one to four pairs (η, β): η positive, β from 0 up "
                         f"to (not including) 1, got {settings!r}")
    return [(float(lr), float(beta)) for lr, beta in pairs]


def _factors(lr: float, momentum: float, curvatures) -> tuple[float, float]:
    """Momentum's factor per step along the gentle and the steep direction."""
    return tuple(learning_rate.momentum_factor(lr, momentum, c) for c in curvatures)


def bowl_strip(curvatures: tuple[float, float] = (1.0, 10.0), start=(-2.0, 1.0),
               steps: int = 40, lrs=(0.05, 0.19, 0.21), settings=None) -> Picture:
    """A strip of walks on the elongated bowl side by side, the states a slider passes through:
    one panel per learning rate in `lrs`, or, given `settings`, one per pair (η, momentum β),
    titled with the factor per step along each direction (learning_rate.momentum_factor).
    Notebook 05."""
    curvatures, bowl, start, span, grid = _bowl_problem(curvatures, start)
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    pairs = _settings(lrs, settings)
    fig, axes = style.new_figure(3.3 * len(pairs), 2.8, ncols=len(pairs))
    words = []
    for ax, (rate, beta) in zip(axes, pairs, strict=True):
        walk = descent.gradient_descent(*bowl, start, rate, steps, momentum=beta)
        rings = _bowl_map(ax, curvatures, bowl, span, grid, labels=ax is axes[0])
        # The whole walk, clipped by the map; if it ends off the map, where it left for good.
        inside = np.all(np.abs(walk.path) <= [span, span / 2], axis=1)
        ax.plot(walk.path[:, 0], walk.path[:, 1], "o-", ms=3, lw=1.2,
                color=style.PALETTE["vermillion"], mec="white", mew=0.5)
        name = f"η = {rate:g}" if settings is None else f"η = {rate:g}, β = {beta:g}"
        if not inside[-1]:
            left = int(np.flatnonzero(inside)[-1]) + 1
            ax.text(0.5, 0.97, f"↑ leaves the map at step {left}", transform=ax.transAxes,
                    ha="center", va="top", fontsize=8, color=style.PALETTE["vermillion"],
                    bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
        if settings is None:
            ax.set_title(name, fontsize=10)
            words.append(f"{name} {_bowl_words(walk, steps)}")
        else:
            gentle, steep = _factors(rate, beta, curvatures)
            ax.set_title(f"{name}\nper step: gentle ×{gentle:.2f}, steep ×{steep:.2f}",
                         fontsize=9)
            words.append(f"{name} (per step ×{gentle:.2f} along the gentle direction, "
                         f"×{steep:.2f} along the steep one) {_bowl_words(walk, steps)}")
    _loss_bar(fig, rings, list(axes))
    caption = (f"The elongated bowl (L₁ = {curvatures[0]:g}, L₂ = {curvatures[1]:g}), {steps} "
               f"steps from ({start[0]:g}, {start[1]:g}): " + "; ".join(words) + ".")
    return Picture(_png(fig), caption)


def _walk_panels(steps: int, low: float, high: float, width: float = 9.0):
    """The two panels of a bowl explorer: the contour map with the walk, the loss per step."""
    fig, (ax, loss_ax) = style.new_figure(width, 3.6, ncols=2, width_ratios=(1.6, 1))
    loss_ax.set(yscale="log", xlim=(-0.5, steps + 0.5), ylim=(low, high), xlabel="step",
                ylabel="loss (log scale)", title="the loss at each step")
    (loss_line,) = loss_ax.plot([], [], "o-", ms=2.5, lw=1.5, color=style.PALETTE["blue"])
    return fig, ax, loss_ax, loss_line


def bowl_explorer(curvatures: tuple[float, float] = (1.0, 10.0), start=(-2.0, 1.0),
                  steps: int = 40, lr: float = 0.05,
                  lr_range: tuple[float, float] = (1e-2, 1.0)) -> Explorer:
    """Gradient descent on an elongated bowl, drawn on its contour map, with a logarithmic
    learning-rate slider; the largest stable η is 2 / (the larger curvature). Notebook 05."""
    curvatures, bowl, start, span, grid = _bowl_problem(curvatures, start)
    loss, grad = bowl
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    lr_range = _range(lr_range, "lr_range", log=True, step=1 / 20)
    lr = _within(lr, "lr", *lr_range)
    low, high = 1e-6, 1e5

    def scene():
        fig, ax, loss_ax, loss_line = _walk_panels(steps, low, high)
        _loss_bar(fig, _bowl_map(ax, curvatures, bowl, span, grid), ax)
        (trail,) = ax.plot([], [], "o-", ms=3, lw=1.2, color=style.PALETTE["vermillion"],
                           mec="white", mew=0.5)
        title = ax.set_title(" ", fontsize=10)
        edges = _edge_texts(loss_ax)
        moving = [trail, title, loss_line, *edges]

        def update(lr: float) -> str:
            walk = descent.gradient_descent(loss, grad, start, lr, steps)
            trail.set_data(walk.path[:, 0], walk.path[:, 1])
            loss_line.set_data(np.arange(len(walk.losses)), _positive(walk.losses))
            beyond = _show_edges(edges, walk.losses, low, high)
            what = _bowl_words(walk, steps)
            steep, gentle = (learning_rate.regime(lr, c) for c in curvatures[::-1])
            title.set_text(f"η = {lr:.3g}: steep {steep}, gentle {gentle} (edge: 2/L₂ = "
                           f"{bowl.threshold:.3g})\n{what}")
            return (f"η = {lr:.3g}: the steep direction is {steep}, the gentle one {gentle}; "
                    f"{what}" + (f"; {beyond}" if beyond else "") + ".")

        return fig, moving, update

    controls = {"lr": _log_slider(LR_LABEL, lr, *lr_range)}
    return Explorer(scene, controls, "descent on an elongated bowl")


def momentum_explorer(curvatures: tuple[float, float] = (1.0, 10.0), start=(-2.0, 1.0),
                      steps: int = 40, lr: float = 0.18, momentum: float = 0.0,
                      lr_range: tuple[float, float] = (1e-2, 1.0)) -> Explorer:
    """Descent with momentum on an elongated bowl, with two sliders: the learning rate η
    (logarithmic) and the momentum β, dragged together. The title gives the factor per step
    along each direction (learning_rate.momentum_factor). Notebook 05."""
    curvatures, bowl, start, span, grid = _bowl_problem(curvatures, start)
    loss, grad = bowl
    steps = _validate.count(steps, "steps", maximum=MAX_EXPLORER_STEPS)
    lr_range = _range(lr_range, "lr_range", log=True, step=1 / 20)
    lr = _within(lr, "lr", *lr_range)
    momentum = _within(momentum, "momentum", 0.0, MAX_MOMENTUM)
    low, high = 1e-24, 1e4

    def scene():
        fig, ax, loss_ax, loss_line = _walk_panels(steps, low, high)
        _loss_bar(fig, _bowl_map(ax, curvatures, bowl, span, grid), ax)
        (trail,) = ax.plot([], [], "o-", ms=3, lw=1.2, color=style.PALETTE["vermillion"],
                           mec="white", mew=0.5)
        title = ax.set_title(" ", fontsize=10)
        edges = _edge_texts(loss_ax)
        moving = [trail, title, loss_line, *edges]

        def update(lr: float, momentum: float) -> str:
            walk = descent.gradient_descent(loss, grad, start, lr, steps, momentum=momentum)
            trail.set_data(walk.path[:, 0], walk.path[:, 1])
            loss_line.set_data(np.arange(len(walk.losses)), _positive(walk.losses))
            beyond = _show_edges(edges, walk.losses, low, high)
            gentle, steep = _factors(lr, momentum, curvatures)
            what = _bowl_words(walk, steps)
            title.set_text(f"η = {lr:.3g}, β = {momentum:.2f}: per step gentle ×{gentle:.2f}, "
                           f"steep ×{steep:.2f}\n{what}")
            return (f"η = {lr:.3g} and momentum β = {momentum:.2f}: in the long run each step "
                    f"multiplies the distance to the bottom by {gentle:.3g} along the gentle "
                    f"direction and by {steep:.3g} along the steep one; {what}"
                    + (f"; {beyond}" if beyond else "") + ".")

        return fig, moving, update

    controls = {"lr": _log_slider(LR_LABEL, lr, *lr_range),
                "momentum": _slider("momentum β", momentum, 0.0, MAX_MOMENTUM, 0.01)}
    return Explorer(scene, controls, "descent with momentum on an elongated bowl")
