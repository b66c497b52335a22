"""The instructor pipeline behind the ``course`` command: nbgrader glue, one step per module.

``coursedir`` finds the course and builds the nbgrader API; ``release``, ``preflight``,
``autograde`` (with ``sandbox``), ``feedback``, ``export`` and ``report`` are the steps; ``cli`` is
the command line. Nothing here re-implements what nbgrader does: it prepares, checks and cleans
around nbgrader's own converters and gradebook.
"""
