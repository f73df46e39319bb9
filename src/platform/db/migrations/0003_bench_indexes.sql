-- Person matching at volume (npm run bench, docs/benchmarks.md): make the trigram index usable under
-- row-level security.
--
-- Every tenant table has FORCE ROW LEVEL SECURITY. PostgreSQL evaluates a query's own conditions
-- before the policy's only when they are LEAKPROOF; pg_trgm's `%` operator (similarity_op) is not
-- marked so, so `persons.search_name % $name` could never use persons_search_name_trgm and every
-- intake search read all persons of all regions (about 1 s at 100,000 persons instead of a few ms).
--
-- similarity_op(text, text) only compares two strings and returns a boolean: it raises no error and
-- no notice for any input, so it reveals nothing about rows the policy hides — it is leakproof.
-- Declaring that needs a superuser. When this migration runs as a non-superuser owner it changes
-- nothing and says so; a superuser can then run the same ALTER FUNCTION once.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION similarity_op(text, text) LEAKPROOF;
  ELSE
    RAISE NOTICE 'Not a superuser: run "ALTER FUNCTION similarity_op(text, text) LEAKPROOF" as one, or person matching scans every person (docs/benchmarks.md).';
  END IF;
END
$$;
