-- The programme around the case approach (issue 5, parts 1, 2, 3 and 6): the action lines and the
-- intervention catalogue of seed 001, implementation plans per municipality per year, plan / process /
-- effect evaluations of interventions, and quick scans. None of these tables holds personal data about
-- subjects: they describe activities and phenomena. Child rows carry their region and reference their
-- parent by (region_id, id), so that even a bug in the application cannot link rows of two regions.

-- Action lines (actielijnen) -----------------------------------------------------------------------

CREATE TABLE action_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  number smallint NOT NULL CHECK (number BETWEEN 1 AND 99),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text CHECK (length(description) <= 10000),
  aspects text[] NOT NULL DEFAULT '{}' CHECK (aspects <@ ARRAY['signalling', 'preventing', 'intervening']),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_id, id),
  UNIQUE (region_id, number)
);
ALTER TABLE action_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE action_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON action_lines USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT ON action_lines TO schakel_app;

-- Interventions (the programme catalogue; not the case toolbox of plans of approach) -----------------
-- protective_factors are the NJI top ten (1–10, src/modules/programme/catalogue-data.ts).

CREATE TABLE interventions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  action_line_id uuid NOT NULL,
  code text CHECK (code ~ '^[a-z0-9-]{2,60}$'),
  theme text CHECK (length(theme) BETWEEN 1 AND 200),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  goal text NOT NULL CHECK (length(goal) BETWEEN 1 AND 10000),
  target_group_direct text NOT NULL CHECK (length(target_group_direct) BETWEEN 1 AND 5000),
  target_group_indirect text CHECK (length(target_group_indirect) BETWEEN 1 AND 5000),
  execution text NOT NULL CHECK (length(execution) BETWEEN 1 AND 10000),
  provider text NOT NULL CHECK (length(provider) BETWEEN 1 AND 500),
  protective_factors smallint[] NOT NULL DEFAULT '{}'
    CHECK (protective_factors <@ ARRAY[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]::smallint[]),
  aspects text[] NOT NULL DEFAULT '{}' CHECK (aspects <@ ARRAY['signalling', 'preventing', 'intervening']),
  evaluation_types text[] NOT NULL DEFAULT '{}' CHECK (evaluation_types <@ ARRAY['plan', 'process', 'effect']),
  evaluation_note text CHECK (length(evaluation_note) <= 2000),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, id),
  FOREIGN KEY (region_id, action_line_id) REFERENCES action_lines (region_id, id)
);
CREATE UNIQUE INDEX interventions_code_key ON interventions (region_id, code) WHERE code IS NOT NULL;
CREATE INDEX interventions_line_idx ON interventions (region_id, action_line_id, name, id);
ALTER TABLE interventions ENABLE ROW LEVEL SECURITY;
ALTER TABLE interventions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON interventions USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON interventions TO schakel_app;

-- Implementation plans (uitvoeringsplannen): one per municipality per year ---------------------------
-- Amounts are in euro cents.

CREATE TABLE implementation_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'adopted', 'reported')),
  budget_total_cents bigint CHECK (budget_total_cents BETWEEN 0 AND 100000000000),
  note text CHECK (length(note) <= 10000),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, id),
  CONSTRAINT implementation_plans_municipality_year_key UNIQUE (region_id, municipality_id, year)
);
CREATE INDEX implementation_plans_year_idx ON implementation_plans (region_id, year, municipality_id);
ALTER TABLE implementation_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE implementation_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON implementation_plans USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON implementation_plans TO schakel_app;

CREATE TABLE implementation_plan_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  plan_id uuid NOT NULL,
  intervention_id uuid NOT NULL,
  planned_count integer NOT NULL CHECK (planned_count BETWEEN 0 AND 1000000),
  actual_count integer CHECK (actual_count BETWEEN 0 AND 1000000),
  budget_cents bigint NOT NULL CHECK (budget_cents BETWEEN 0 AND 100000000000),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'done', 'cancelled')),
  note text CHECK (length(note) <= 5000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  FOREIGN KEY (region_id, plan_id) REFERENCES implementation_plans (region_id, id),
  FOREIGN KEY (region_id, intervention_id) REFERENCES interventions (region_id, id),
  CONSTRAINT implementation_plan_lines_intervention_key UNIQUE (plan_id, intervention_id)
);
CREATE INDEX implementation_plan_lines_intervention_idx ON implementation_plan_lines (intervention_id);
ALTER TABLE implementation_plan_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE implementation_plan_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON implementation_plan_lines USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON implementation_plan_lines TO schakel_app;

-- Evaluations of interventions (plan-, proces-, effectevaluatie) ------------------------------------
-- follow_up_actions: [{ text, owner, dueOn, done }]

CREATE TABLE programme_evaluations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  intervention_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('plan', 'process', 'effect')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  conducted_on date NOT NULL,
  findings text NOT NULL CHECK (length(findings) BETWEEN 1 AND 50000),
  follow_up_actions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(follow_up_actions) = 'array'),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (region_id, id),
  FOREIGN KEY (region_id, intervention_id) REFERENCES interventions (region_id, id)
);
CREATE INDEX programme_evaluations_intervention_idx ON programme_evaluations (intervention_id, conducted_on);
CREATE INDEX programme_evaluations_conducted_idx ON programme_evaluations (region_id, conducted_on DESC, id DESC);
ALTER TABLE programme_evaluations ENABLE ROW LEVEL SECURITY;
ALTER TABLE programme_evaluations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON programme_evaluations USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE ON programme_evaluations TO schakel_app;

-- Quick scans and analyses: phenomenon level (an area, a group, a theme), never about a person -------
-- recommended_actions: [{ text, status }]

CREATE TABLE quick_scans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id uuid NOT NULL REFERENCES regions (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  theme text NOT NULL CHECK (length(theme) BETWEEN 1 AND 200),
  area text NOT NULL CHECK (length(area) BETWEEN 1 AND 200),
  commissioner text NOT NULL CHECK (length(commissioner) BETWEEN 1 AND 200),
  researcher text NOT NULL CHECK (length(researcher) BETWEEN 1 AND 200),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'completed')),
  started_on date,
  completed_on date,
  findings text CHECK (length(findings) <= 50000),
  recommended_actions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(recommended_actions) = 'array'),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (completed_on IS NULL OR started_on IS NULL OR completed_on >= started_on),
  CHECK (status <> 'completed' OR completed_on IS NOT NULL)
);
CREATE INDEX quick_scans_created_idx ON quick_scans (region_id, created_at DESC, id DESC);
ALTER TABLE quick_scans ENABLE ROW LEVEL SECURITY;
ALTER TABLE quick_scans FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON quick_scans USING (region_id = current_region_id())
  WITH CHECK (region_id = current_region_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON quick_scans TO schakel_app;
