"""pytest settings for the documentation folder.

Its Markdown pages are doctested; the Sphinx configuration and the built site are not
test modules (the configuration needs the ``docs`` extra, which the test suite does not).
"""

collect_ignore = ["conf.py", "_build"]
