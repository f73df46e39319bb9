-- Indexes the benchmark (npm run bench, docs/benchmarks.md) showed missing at volume.
--
-- A signal's subjects, including undone links (presentSignal, after every create and read of a
-- signal): the only index starting with signal_id is partial (WHERE unlinked_at IS NULL), so this
-- lookup read the whole table — ~75 ms at 200,000 signals on every signal page and every new signal.
CREATE INDEX signal_subjects_signal_idx ON signal_subjects (signal_id);
