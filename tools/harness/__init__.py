"""What the tests and the benchmarks both need, so that neither imports the other.

- ``chromium``: Debian's Chromium, its flags and Playwright's launch options for it.
- ``server``: the built site served on 127.0.0.1 as GitHub Pages serves it.
"""
