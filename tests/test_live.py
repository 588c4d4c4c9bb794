import io

import matplotlib.pyplot as plt
import numpy as np
from PIL import Image

from helpers import plots
from helpers.live import LiveFigure


def figure_with_a_moving_line():
    fig, (ax,) = plots.new_figure(4, 3)
    ax.set(xlim=(0, 1), ylim=(0, 1))
    ax.plot([0, 1], [0, 1], color="black")  # still
    (moving,) = ax.plot([0, 1], [1, 0], color="red")
    return fig, moving


def test_render_gives_a_png_of_the_figure_size():
    fig, moving = figure_with_a_moving_line()
    live = LiveFigure(fig, [moving])
    picture = Image.open(io.BytesIO(live.render()))
    assert picture.format == "PNG"
    assert picture.size == live.size == (400, 300)
    assert moving.get_animated()


def test_moving_an_artist_changes_only_the_picture_not_the_figure_count():
    fig, moving = figure_with_a_moving_line()
    live = LiveFigure(fig, [moving])
    before = plt.get_fignums()
    first = live.render()
    moving.set_ydata([0.5, 0.5])
    second = live.render()
    assert first != second
    moving.set_ydata([1, 0])
    assert live.render() == first, "blitting restores the background exactly"
    assert plt.get_fignums() == before


def test_the_background_holds_the_still_parts_until_refreshed():
    fig, moving = figure_with_a_moving_line()
    live = LiveFigure(fig, [moving])
    first = np.asarray(Image.open(io.BytesIO(live.render())))
    fig.axes[0].set_facecolor("yellow")  # a still part changes...
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(live.render()))), first)
    live.refresh_background()  # ...and shows once the background is redrawn
    assert not np.array_equal(np.asarray(Image.open(io.BytesIO(live.render()))), first)
