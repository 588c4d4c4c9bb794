"""The course's figures, one module per notebook, each holding that notebook's static figures
and live explorers side by side:

- ``perceptron`` (01), ``layers`` (02), ``loss`` (03), ``gradient_descent`` (04),
  ``learning_rate`` (05), ``digits`` (06): what the notebooks call, as
  ``figures.decision_line_explorer(...)``;
  each lists in ``__all__`` every figure its notebook calls, some of them kept in a module of
  their own and re-exported:
- ``relu_sums`` (02, through ``layers``): sums of ReLU units, a few bends making a curve;
- ``training`` and ``minibatch`` (04, through ``gradient_descent``): training a network, full
  batch and mini-batch;
- ``bowl`` and ``learning_rate_network`` (05, through ``learning_rate``): the elongated bowl and
  momentum; the figures that train a network at several learning rates;
- ``style``: the colour-blind-safe palette, the style and the drawing primitives;
- ``live``: the explorer (sliders over a picture and its caption) and the fast renderer behind
  every slider; ``controls``: the sliders and the checks on their ranges; ``frames``: the
  frames of one slider made when its cell runs (the page picks them, no kernel), and the frames
  of several sliders kept once seen. Nothing runs in the background;
- ``catalogue``: every explorer as its notebook builds it, for the tests and the benchmark.

Each figure asks the maths modules for its numbers; nothing here re-derives them.
"""
