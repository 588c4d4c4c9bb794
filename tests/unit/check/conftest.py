"""The check tests' one fixture: a watchdog for the tests of learner functions that never return.

A time limit that failed to stop one would hang the suite; the watchdog ends it instead (exit
code 1; run pytest with -s to see the traceback of where it hung).
"""

import faulthandler

import pytest


@pytest.fixture
def watchdog():
    faulthandler.dump_traceback_later(30, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()
