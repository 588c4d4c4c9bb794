"""The course's figures, one module per notebook, each holding that notebook's static figures
and live explorers side by side:

- ``perceptron`` (01), ``layers`` (02), ``loss`` (03), ``gradient_descent`` (04),
  ``learning_rate`` (05): what the notebooks call, as ``figures.decision_line_explorer(...)``;
- ``style``: the colour-blind-safe palette, the style and the drawing primitives;
- ``live``: the explorer machinery and the fast renderer behind every slider;
- ``catalogue``: every explorer as its notebook builds it, for the tests and the benchmark.

Each figure asks the maths modules for its numbers; nothing here re-derives them.
"""
