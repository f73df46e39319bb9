-- The priority list at volume (npm run bench, docs/benchmarks.md).
--
-- Its default page walks cases in reference order until it has 50 the user may see. Only cases that
-- are not closed definitively can be on the list, yet the unique (region_id, reference) index holds
-- every case ever handled: at 20,000 cases with 4,000 open it read ~4,400 index entries per page
-- instead of ~280 (9 ms instead of 1 ms of execution). This partial index holds the listable cases only.
CREATE INDEX cases_listed_reference_idx ON cases (region_id, reference) WHERE phase <> 'closed';
