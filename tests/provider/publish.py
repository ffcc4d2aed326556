"""Replies through the Message Registry 2.1 publishMessage operation: the
record of what the provider received, for GET /_test/published."""

import threading


class Publications:
    """Publications received, in order, behind their own lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.items = []

    def records(self):
        """JSON-ready copies, oldest first."""
        with self.lock:
            return [dict(item) for item in self.items]
