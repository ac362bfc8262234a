"""Custom signals of the exactly-once state, sent on ``crawler.signals`` (so senders never import the state)."""

# A page was fetched but gives no article this run: send with key=, url=, reason= (a drop reason).
article_dropped = object()
