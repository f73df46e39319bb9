-- Issue 3: the information of a signal carries its legal regime, as a case contribution does (AVG,
-- police data / Wpg, judicial data / Wjsg, professional secrecy). Signals registered before this
-- migration hold general personal data under the AVG.
ALTER TABLE signals ADD COLUMN legal_regime text NOT NULL DEFAULT 'avg'
  CHECK (legal_regime IN ('avg', 'wpg', 'wjsg', 'professional_secrecy'));
