-- Newsletter subscribers give consent (AVG art. 6(1)(a)): when and how it was given. Recorded for every
-- new subscriber; rows from before this migration have none until it is recorded, and the newsletter
-- is sent only to subscribers whose consent is recorded.
ALTER TABLE newsletter_subscribers
  ADD COLUMN consent_given_on date,
  ADD COLUMN consent_source text CHECK (length(consent_source) BETWEEN 1 AND 500),
  ADD CONSTRAINT newsletter_subscribers_consent_complete
    CHECK ((consent_given_on IS NULL) = (consent_source IS NULL));
