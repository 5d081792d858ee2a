"""Browser tests: Playwright and Debian Chromium against the built site."""
