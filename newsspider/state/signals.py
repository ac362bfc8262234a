"""Custom signals of the exactly-once state, sent on ``crawler.signals`` (so senders never import the state)."""

# A page was fetched but gives no article this run: send with key=, url=, reason= (a drop reason).
article_dropped = object()

# A durable output fsynced a batch under its part name and is about to rename it: send with path= (final
# name), temp= (part file), feed_format=, offset= (bytes of an older file copied ahead, append mode) and
# items= (the batch's JSON-lines items, parsed once by the output; the same list stays on the feed storage as
# ``items`` for the ``feed_slot_closed`` receivers). Receivers record what they need as pending; one that raises
# stops the rename.
batch_prepared = object()
