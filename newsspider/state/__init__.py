"""Exactly-once export: every article reaches a durable output once, across runs, crashes and kills.

Modules: ``store`` (SeenStore: the SQLite backend), ``runs`` (its run history), ``drops`` (dropped articles to
retry), ``feedstorage`` (AtomicFileFeedStorage: the durable output), ``extension`` (SeenStateExtension: keeps
both in step during a crawl), ``middleware`` (SkipSeenMiddleware: no request for a seen article), ``revisit``
(opt-in re-checks), ``signals`` (what the output announces), ``interface`` (the two Protocols a new backend or
output implements).

The protocol, for every batch of ``NEWSSPIDER_BATCH_SIZE`` items:

1. *Part file.* The output writes the batch to a hidden temporary name (``.<final>.part``).
2. *fsync.* The part file is flushed and fsynced: its bytes are on disk.
3. *Pending keys.* The output announces ``signals.batch_prepared``; the state extension records the batch and
   its article keys as *pending* in the backend, in one durable transaction. If that fails, the batch is not
   renamed (it stays unexported and the run reports a failed store).
4. *Rename.* The part file is renamed to its final name and the folder fsynced: a final name only ever holds
   a whole batch.
5. *Commit.* On ``feed_slot_closed`` the pending keys become *seen* (and no longer dropped). Only now does a
   later run skip them; ``new_articles`` counts committed keys only. The backend is closed only after the last
   batch of the run is committed, even when a SIGTERM lands during a time-bound close.
6. *Repair.* A run starts by settling what a killed run left: pending batches whose final file exists are
   committed, the others discarded, and leftover part files deleted.

A kill between any two steps loses nothing and duplicates nothing once the next run has finished: before 4
the batch does not exist and its articles are not seen (fetched again); after 4 its keys are committed by the
repair. A second backend (PostgreSQL) implements ``interface.SeenBackend``; a second durable output (WARC
files) follows steps 1-4 and sends ``signals.batch_prepared`` (see ``interface.DurableOutput``).
"""
