import type { ColumnType, Generated } from 'kysely';
import type { SignInMethod } from '../../core/sign-in.js';

/** Timestamps are read as Date and may be written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface RegionsTable {
  id: Generated<string>;
  code: string;
  name: string;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  type: string;
  /** 0016: the region that administers this organisation's users. */
  home_region_id: string | null;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface RegionOrganisationsTable {
  region_id: string;
  organisation_id: string;
  joined_at: CreatedAt;
}

export interface MunicipalitiesTable {
  id: Generated<string>;
  region_id: string;
  organisation_id: string | null;
  name: string;
  cbs_code: string | null;
  district: string | null;
  is_coordinating: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface UsersTable {
  id: Generated<string>;
  organisation_id: string;
  email: string;
  name: string;
  locale: Generated<string>;
  password_hash: string;
  /** 0016: an admin-set or reset password must be changed at the next sign-in. */
  password_must_change: Generated<boolean>;
  password_changed_at: NullableTimestamp;
  totp_secret: string | null;
  totp_enrolled_at: NullableTimestamp;
  totp_last_step: ColumnType<string | null, number | string | null, number | string | null>;
  disabled_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  region_id: string;
  csrf_token: string;
  second_factor_ok: boolean;
  /** 0016: the session may only change its password until it has. */
  password_change_required: Generated<boolean>;
  created_at: CreatedAt;
  last_seen_at: DefaultedTimestamp;
  expires_at: Timestamp;
  /** 0060_identity.sql: how the session was made, and what the provider said about it. */
  auth_method: ColumnType<SignInMethod, SignInMethod | undefined, SignInMethod>;
  acr: string | null;
  passkey_verified: Generated<boolean>;
  oidc_provider: string | null;
  id_token_sealed: string | null;
  webauthn_challenge: string | null;
}

export interface IdentityProvidersTable {
  id: Generated<string>;
  region_id: string;
  organisation_id: string;
  display_name: string;
  issuer: string;
  client_id: string;
  client_secret_sealed: string | null;
  scopes: Generated<string>;
  enabled: Generated<boolean>;
  email_always_verified: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
}

export interface UserIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  linked_at: CreatedAt;
}

export interface OidcSignInsTable {
  id_hash: string;
  provider: string;
  state: string;
  nonce: string;
  code_verifier_sealed: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface WebauthnCredentialsTable {
  id: Generated<string>;
  user_id: string;
  credential_id: string;
  public_key: Buffer;
  counter: ColumnType<string, number | string | undefined, number | string>;
  transports: Generated<string[]>;
  name: string;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
}

export interface WebauthnSignInChallengesTable {
  challenge: string;
  user_id: string;
  expires_at: Timestamp;
}

export interface SignInPoliciesTable {
  region_id: string;
  passkeys_required: Generated<boolean>;
  version: Generated<number>;
  updated_at: DefaultedTimestamp;
}

export interface PasskeyResetsTable {
  id: Generated<string>;
  region_id: string;
  user_id: string;
  reason: string;
  requested_by: string;
  requested_at: DefaultedTimestamp;
  status: ColumnType<'pending' | 'approved' | 'refused', 'pending' | undefined, 'approved' | 'refused'>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  region_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  /** 0016: the token's scope: read-only or read-write, and the resources it may reach (null = all). */
  access: Generated<'read' | 'read_write'>;
  resources: string[] | null;
  revoke_reason: string | null;
}

/** 0016: a role granted to a user in one region (user × region × role), four eyes for personal data. */
export interface RoleGrantsTable {
  id: Generated<string>;
  region_id: string;
  user_id: string;
  role: string;
  status: 'requested' | 'active' | 'refused' | 'withdrawn' | 'revoked' | 'superseded';
  reason: string;
  requested_by: string | null;
  requested_at: DefaultedTimestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_reason: string | null;
  ended_by: string | null;
  ended_at: NullableTimestamp;
  end_reason: string | null;
  version: Generated<number>;
}

/** 0016: the roles in effect (role_grants with status 'active'), one per user and region. */
export interface RegionRolesTable {
  region_id: ColumnType<string, never, never>;
  user_id: ColumnType<string, never, never>;
  role: ColumnType<string, never, never>;
}

/** 0016: refused requests and account operations; no personal data. */
export interface SecurityEventsTable {
  id: ColumnType<string, never, never>;
  region_id: string;
  occurred_at: DefaultedTimestamp;
  user_id: string | null;
  organisation_id: string | null;
  role: string | null;
  via: 'session' | 'token';
  method: string;
  route: string;
  record_type: string | null;
  status: number;
  code: string;
  trace_id: string;
  /** 0060: refusals of signed-in requests, sign-ins, and refused sign-ins (with the method used). */
  kind: ColumnType<
    'refusal' | 'sign_in' | 'sign_in_refused',
    'refusal' | 'sign_in' | 'sign_in_refused' | undefined,
    never
  >;
  auth_method: string | null;
  acr: string | null;
}

export interface LoginThrottleTable {
  key_hash: string;
  failures: Generated<number>;
  window_started_at: DefaultedTimestamp;
  window_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface AccessLogTable {
  id: ColumnType<string, never, never>;
  region_id: string;
  seq: ColumnType<string, string | number, never>;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  actor_role: string | null;
  action: string;
  record_type: string;
  record_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  purpose_type: string;
  purpose_id: string | null;
  result: string;
  trace_id: string;
  prev_hash: string;
  hash: string;
}

export interface AccessLogHeadsTable {
  region_id: string;
  seq: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: CreatedAt;
}

// --- Case approach (0002_case_approach.sql) -------------------------------------------------------

type DateColumn = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;

export interface RegionSettingsTable {
  region_id: string;
  twbmt_enabled: Generated<boolean>;
  proportionality_interval_days: Generated<number>;
  version: Generated<number>;
  /** 0050_wgpa_and_consent.sql */
  inclusion_review_months: Generated<number>;
}

export interface IndicatorsTable {
  id: Generated<string>;
  region_id: string;
  code: string;
  label_nl: string;
  label_en: string;
  sort: Generated<number>;
  active: Generated<boolean>;
  /** 0003_signals_indicator_version.sql */
  version: Generated<number>;
}

export interface PersonsTable {
  id: Generated<string>;
  region_id: string;
  first_name: string;
  name_prefix: string | null;
  last_name: string;
  date_of_birth: NullableDate;
  gender: string | null;
  residence_municipality_id: string | null;
  search_name: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface SignalsTable {
  id: Generated<string>;
  region_id: string;
  reference: string;
  municipality_id: string;
  /** 0017: null when an outside reporter without an organisation reported it (reporter_kind then says who). */
  source_organisation_id: string | null;
  /** 0017: professional | school | neighbour | key_figure | family | citizen | other. */
  reporter_kind: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0017: the organisation of the registrant (created_by) at registration; filled by a trigger when omitted. */
  registrant_organisation_id: Generated<string>;
  reporter_name: string | null;
  reporter_contact: string | null;
  received_on: DateColumn;
  subject_unknown: Generated<boolean>;
  indicators: ColumnType<string[], string[] | undefined, string[]>;
  ideology: string;
  urgency: string;
  description: string;
  /** 0009: avg | wpg | wjsg | professional_secrecy (as case contributions). */
  legal_regime: Generated<string>;
  /** 0017: why a weaker regime than the source's default (src/core/source-attribution.ts). */
  legal_regime_reason: ColumnType<string | null, string | null | undefined, string | null>;
  status: Generated<string>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  closed_at: NullableTimestamp;
  version: Generated<number>;
}

export interface SignalSubjectsTable {
  id: Generated<string>;
  region_id: string;
  signal_id: string;
  person_id: string;
  link_kind: string;
  match_reason: string | null;
  linked_by: string;
  linked_at: CreatedAt;
  unlinked_by: string | null;
  unlinked_at: NullableTimestamp;
  unlink_reason: string | null;
}

export interface AttachmentsTable {
  id: Generated<string>;
  region_id: string;
  signal_id: string | null;
  case_id: string | null;
  filename: string;
  media_type: string;
  size_bytes: number;
  content_sealed: string;
  uploaded_by: string;
  uploaded_at: CreatedAt;
}

export interface AssessmentFrameworksTable {
  id: Generated<string>;
  region_id: string;
  name: string;
  description: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface FrameworkFactorsTable {
  id: Generated<string>;
  region_id: string;
  framework_id: string;
  domain: string;
  code: string;
  label_nl: string;
  label_en: string;
  guidance: string | null;
  sort: Generated<number>;
}

export interface AssessmentsTable {
  id: Generated<string>;
  region_id: string;
  person_id: string;
  case_id: string | null;
  signal_id: string | null;
  framework_id: string;
  sequence: number;
  status: Generated<string>;
  concern_level: string | null;
  rationale: string | null;
  assessed_on: DateColumn;
  assessed_by: string;
  organisation_id: string;
  finalised_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface AssessmentRatingsTable {
  id: Generated<string>;
  region_id: string;
  assessment_id: string;
  factor_id: string;
  rating: string;
  evidence: string | null;
  source_organisation_id: string | null;
  observed_on: NullableDate;
}

export interface TriageMeetingsTable {
  id: Generated<string>;
  region_id: string;
  municipality_id: string;
  held_on: DateColumn;
  status: Generated<string>;
  chair_id: string;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface TriageAgendaTable {
  region_id: string;
  triage_meeting_id: string;
  signal_id: string;
  position: number;
}

export interface TriageDecisionsTable {
  id: Generated<string>;
  region_id: string;
  triage_meeting_id: string | null;
  signal_id: string;
  decision: string;
  referred_to: string | null;
  rationale: string;
  case_id: string | null;
  decided_by: string;
  decided_at: CreatedAt;
}

export interface CasesTable {
  id: Generated<string>;
  region_id: string;
  reference: string;
  subject_person_id: string;
  target_group: string;
  risk_group: number | null;
  ideology: string;
  directing_municipality_id: string;
  process_director_id: string;
  case_coordinator_id: string | null;
  priority: Generated<string>;
  phase: Generated<string>;
  escalation_level: Generated<string>;
  opened_at: DefaultedTimestamp;
  closed_at: NullableTimestamp;
  closing_kind: string | null;
  closing_reason: string | null;
  revisit_on: NullableDate;
  next_review_on: NullableDate;
  last_conference_on: NullableDate;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
  /** 0050_wgpa_and_consent.sql */
  next_inclusion_review_on: NullableDate;
  retention_decision: string | null;
  retention_reasons: string | null;
  retention_months: number | null;
}

export interface CaseSignalsTable {
  region_id: string;
  case_id: string;
  signal_id: string;
}

export interface CaseRelatedPersonsTable {
  id: Generated<string>;
  region_id: string;
  case_id: string;
  person_id: string;
  relation: string;
  note: string | null;
  added_by: string;
  added_at: CreatedAt;
  removed_at: NullableTimestamp;
}

export interface CaseOrganisationsTable {
  region_id: string;
  case_id: string;
  organisation_id: string;
  added_by: string;
  added_at: CreatedAt;
  removed_at: NullableTimestamp;
}

export interface CaseMembersTable {
  region_id: string;
  case_id: string;
  user_id: string;
  organisation_id: string;
  purpose: Generated<string>;
  added_by: string;
  added_at: DefaultedTimestamp;
  removed_at: NullableTimestamp;
}

export interface CaseContributionsTable {
  id: Generated<string>;
  region_id: string;
  case_id: string;
  meeting_id: string | null;
  organisation_id: string;
  author_id: string;
  body: string;
  legal_regime: string;
  /** 0017: why a weaker regime than the contributing organisation's default. */
  legal_regime_reason: ColumnType<string | null, string | null | undefined, string | null>;
  scope: string;
  created_at: CreatedAt;
}

/** 0017: a match on a person the searcher may not see (only "known to municipality X" is shown). */
export interface PersonMatchHitsTable {
  id: Generated<string>;
  region_id: string;
  person_id: string;
  signal_id: string | null;
  searched_by: string;
  first_name: string;
  name_prefix: string | null;
  last_name: string;
  date_of_birth: DateColumn | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

/** 0017: a request to link the person of a hit to the searcher's signal, decided by a process director. */
export interface PersonLinkRequestsTable {
  id: Generated<string>;
  region_id: string;
  hit_id: string;
  person_id: string;
  signal_id: string;
  requested_by: string;
  requester_organisation_id: string;
  reason: string;
  status: Generated<string>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_reason: string | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface CaseEventsTable {
  id: ColumnType<string, never, never>;
  region_id: string;
  case_id: string;
  occurred_at: DefaultedTimestamp;
  actor_id: string | null;
  kind: string;
  summary: string;
  reason: string | null;
  /** 0009: the parameters of the line (codes, names, dates), for the text in the interface language. */
  params: ColumnType<Record<string, string | number> | null, string | null | undefined, never>;
}

export interface ProportionalityReviewsTable {
  id: Generated<string>;
  region_id: string;
  case_id: string;
  reviewed_on: DateColumn;
  reviewer_id: string;
  measures: Json<unknown[]>;
  reasoning: string;
  next_review_on: DateColumn;
  created_at: CreatedAt;
}

export interface CaseEvaluationsTable {
  id: Generated<string>;
  region_id: string;
  case_id: string;
  kind: string;
  findings: string;
  follow_up: string | null;
  author_id: string;
  created_at: CreatedAt;
}

export interface MeetingsTable {
  id: Generated<string>;
  region_id: string;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  location: string | null;
  chair_id: string;
  status: Generated<string>;
  minutes_notes: string | null;
  minutes_approved_by: string | null;
  minutes_approved_at: NullableTimestamp;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface MeetingAgendaItemsTable {
  id: Generated<string>;
  region_id: string;
  meeting_id: string;
  case_id: string;
  position: number;
  judgement: string | null;
  status: Generated<string>;
  version: Generated<number>;
}

export interface MeetingAttendanceTable {
  region_id: string;
  meeting_id: string;
  organisation_id: string;
  present: boolean;
  attendees: string | null;
}

export interface ToolboxItemsTable {
  id: Generated<string>;
  region_id: string;
  code: string;
  name_nl: string;
  name_en: string;
  description: string | null;
  category: string;
  target_groups: ColumnType<string[], string[] | undefined, string[]>;
  organisation_types: ColumnType<string[], string[] | undefined, string[]>;
  legal_basis: string | null;
  active: Generated<boolean>;
  /** 0003_plans_toolbox_version.sql */
  version: Generated<number>;
}

export interface PlansTable {
  id: Generated<string>;
  region_id: string;
  case_id: string;
  problem_analysis: string | null;
  goals: Json<unknown[]>;
  status: Generated<string>;
  adopted_at: NullableTimestamp;
  next_review_on: NullableDate;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface PlanInterventionsTable {
  id: Generated<string>;
  region_id: string;
  plan_id: string;
  toolbox_item_id: string;
  goal: string | null;
  responsible_organisation_id: string;
  responsible_user_id: string | null;
  status: Generated<string>;
  starts_on: NullableDate;
  ends_on: NullableDate;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface InterventionEvaluationsTable {
  id: Generated<string>;
  region_id: string;
  plan_intervention_id: string;
  kind: string;
  findings: string;
  author_id: string;
  created_at: CreatedAt;
}

export interface ActionsTable {
  id: Generated<string>;
  region_id: string;
  case_id: string;
  plan_intervention_id: string | null;
  agenda_item_id: string | null;
  title: string;
  description: string | null;
  owner_organisation_id: string;
  owner_user_id: string | null;
  due_on: DateColumn;
  status: Generated<string>;
  completed_at: NullableTimestamp;
  created_by: string;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface ActionNotesTable {
  id: Generated<string>;
  region_id: string;
  action_id: string;
  author_id: string;
  body: string;
  created_at: CreatedAt;
}

export interface NotificationsTable {
  id: Generated<string>;
  region_id: string;
  user_id: string;
  kind: string;
  case_id: string | null;
  action_id: string | null;
  due_on: NullableDate;
  message: string;
  dedupe_key: string;
  created_at: CreatedAt;
  read_at: NullableTimestamp;
}

export interface ReferenceCountersTable {
  region_id: string;
  kind: string;
  year: number;
  last_value: number;
}

// --- Networks and expertise (0005_network_expertise.sql; issue 5 parts 4, 5, 7, 9) ------------------

export interface KeyFiguresTable {
  id: Generated<string>;
  region_id: string;
  name: string;
  organisation: string;
  role: string;
  phone: string | null;
  email: string | null;
  municipality_id: string | null;
  consent_given_on: NullableDate;
  consent_scope: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface NetworksTable {
  id: Generated<string>;
  region_id: string;
  name: string;
  description: string | null;
  kind: string;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface NetworkMembersTable {
  id: Generated<string>;
  region_id: string;
  network_id: string;
  key_figure_id: string | null;
  user_id: string | null;
  added_by: string;
  added_at: DefaultedTimestamp;
  removed_at: NullableTimestamp;
}

export interface NetworkMeetingsTable {
  id: Generated<string>;
  region_id: string;
  network_id: string;
  held_on: DateColumn;
  notes: string | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface NetworkSignalsTable {
  id: Generated<string>;
  region_id: string;
  network_id: string;
  observed_on: DateColumn;
  theme: string;
  description: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface NetworkActivitiesTable {
  id: Generated<string>;
  region_id: string;
  network_id: string;
  title: string;
  held_on: DateColumn;
  description: string | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface ContactCirclesTable {
  id: Generated<string>;
  region_id: string;
  incident_title: string;
  incident_on: DateColumn;
  description: string | null;
  completed_steps: Generated<number>;
  meeting_held_at: NullableTimestamp;
  meeting_location: string | null;
  report: string | null;
  reported_at: NullableTimestamp;
  reported_by: string | null;
  evaluation_findings: string | null;
  evaluation_went_well: string | null;
  evaluation_improvements: string | null;
  evaluated_at: NullableTimestamp;
  evaluated_by: string | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface ContactCircleStepsTable {
  region_id: string;
  contact_circle_id: string;
  step: number;
  notes: string | null;
  completed_at: DefaultedTimestamp;
  completed_by: string;
}

export interface ContactCircleInviteesTable {
  id: Generated<string>;
  region_id: string;
  contact_circle_id: string;
  key_figure_id: string;
  invited_by: string;
  invited_at: DefaultedTimestamp;
}

export interface ContactCircleObservationsTable {
  id: Generated<string>;
  region_id: string;
  contact_circle_id: string;
  kind: string;
  description: string;
  created_by: string;
  created_at: DefaultedTimestamp;
}

export interface ContactCircleActionsTable {
  id: Generated<string>;
  region_id: string;
  contact_circle_id: string;
  title: string;
  owner: string;
  due_on: NullableDate;
  status: Generated<string>;
  created_by: string;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface TrainingsTable {
  id: Generated<string>;
  region_id: string;
  code: string;
  name: string;
  kind: string;
  provider: string;
  goal: string | null;
  target_audience: string | null;
  duration_days: number | null;
  evaluation: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface TrainingSessionsTable {
  id: Generated<string>;
  region_id: string;
  training_id: string;
  held_on: DateColumn;
  location: string | null;
  trainer: string | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface TrainingParticipantsTable {
  id: Generated<string>;
  region_id: string;
  session_id: string;
  name: string;
  organisation_id: string;
  email: string | null;
  attended: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface AttentionOfficersTable {
  id: Generated<string>;
  region_id: string;
  user_id: string | null;
  name: string | null;
  organisation_id: string;
  trained_on: NullableDate;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface ExpertisePoolMeetingsTable {
  id: Generated<string>;
  region_id: string;
  sequence: number;
  held_on: DateColumn;
  thematic: boolean;
  theme: string | null;
  notes: string | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface ExpertisePoolMatchesTable {
  id: Generated<string>;
  region_id: string;
  case_id: string;
  expert_user_id: string;
  purpose: string;
  matched_by: string;
  matched_at: DefaultedTimestamp;
}

export interface NewsletterSubscribersTable {
  id: Generated<string>;
  region_id: string;
  name: string;
  email: string;
  organisation: string | null;
  kind: string;
  subscribed_on: DateColumn;
  unsubscribed_on: NullableDate;
  /** 0015: when and how the subscriber consented; both or neither. */
  consent_given_on: NullableDate;
  consent_source: Generated<string | null>;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface NewsletterIssuesTable {
  id: Generated<string>;
  region_id: string;
  title: string;
  period: string;
  body: string;
  status: Generated<string>;
  sending_started_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  sent_by: string | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface NewsletterDeliveriesTable {
  id: Generated<string>;
  region_id: string;
  issue_id: string;
  subscriber_id: string | null;
  status: string;
  message_id: string | null;
  error: string | null;
  attempted_at: DefaultedTimestamp;
}

// --- end of networks and expertise -----------------------------------------------------------------

// --- Privacy (0006_privacy.sql; issue 4) ------------------------------------------------------------

export interface BreakGlassGrantsTable {
  id: Generated<string>;
  region_id: string;
  case_id: string;
  user_id: string;
  reason: string;
  granted_at: Timestamp;
  expires_at: Timestamp;
  reviewed_at: NullableTimestamp;
  reviewed_by: string | null;
  review_note: string | null;
  version: Generated<number>;
}

export interface CovenantsTable {
  id: Generated<string>;
  region_id: string;
  title: string;
  signed_on: NullableDate;
  legal_basis: string;
  document_reference: string | null;
  status: string;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface CovenantPartiesTable {
  region_id: string;
  covenant_id: string;
  organisation_id: string;
  signed_on: NullableDate;
  may_share: ColumnType<string[], string[] | undefined, string[]>;
  may_receive: ColumnType<string[], string[] | undefined, string[]>;
}

export interface AccessLogVerificationsTable {
  id: Generated<string>;
  region_id: string;
  verified_at: Timestamp;
  verified_by: string | null;
  entries: ColumnType<string, number | string, number | string>;
  intact: boolean;
  first_break: ColumnType<string | null, number | string | null | undefined, number | string | null>;
}
export interface SubjectAccessRequestsTable {
  id: Generated<string>;
  region_id: string;
  person_id: string;
  received_on: DateColumn;
  deadline_on: DateColumn;
  status: Generated<string>;
  decision: string | null;
  compiled_at: NullableTimestamp;
  created_by: string;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface SarItemsTable {
  id: Generated<string>;
  region_id: string;
  request_id: string;
  record_type: string;
  record_id: string;
  case_id: string | null;
  source_organisation_id: string | null;
  legal_regime: string;
  recorded_at: NullableTimestamp;
  title: string;
  content: string;
  disposition: Generated<string>;
  ground: string | null;
  consent_status: string | null;
  version: Generated<number>;
}
export interface RetentionTermsTable {
  id: Generated<string>;
  region_id: string;
  record_type: string;
  closing_type: string;
  term_months: number;
  source: string;
  updated_by: string | null;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface LegalHoldsTable {
  id: Generated<string>;
  region_id: string;
  /** 0010: a hold is on a case or (since 0010) on a person — exactly one of the two. */
  case_id: string | null;
  person_id: string | null;
  reason: string;
  set_by: string;
  set_at: DefaultedTimestamp;
  lifted_by: string | null;
  lifted_at: NullableTimestamp;
  lift_reason: string | null;
  version: Generated<number>;
}

export interface JobRunsTable {
  job: string;
  period: string;
  instance: string;
  started_at: DefaultedTimestamp;
  finished_at: NullableTimestamp;
  summary: ColumnType<unknown, string | null | undefined, string | null>;
}

// --- Asynchronous exports (0070_exports.sql, 0071_export_kinds.sql; issue 9 point 3) ---
/** 0072: the sealed, compressed file of an export in parts, each written in its own short transaction. */
export interface ExportPartsTable {
  export_id: string;
  part: number;
  region_id: string;
  content: string;
}

export interface ExportsTable {
  id: Generated<string>;
  region_id: string;
  user_id: string;
  kind: 'access-log-csv' | 'annual-report-pdf';
  params: ColumnType<unknown, string | undefined, string>;
  status: ColumnType<
    'queued' | 'running' | 'done' | 'failed' | 'expired',
    'queued' | undefined,
    'running' | 'done' | 'failed' | 'expired'
  >;
  rows_done: ColumnType<number, number | undefined, number>;
  rows_total: number | null;
  content: string | null;
  content_bytes: number | null;
  /** Set by the job with the file (null for files made before 0071: the kind's default). */
  file_name: string | null;
  media_type: string | null;
  /** 0072: how many parts the file has in export_parts (null: the file is in `content`, or none yet). */
  parts: number | null;
  trace_id: string;
  created_at: DefaultedTimestamp;
  finished_at: NullableTimestamp;
  expires_at: Timestamp;
}

// --- Destruction (0010_privacy_destruction.sql; issue 4 parts 3 and 4) ---
export interface DataSubjectRequestsTable {
  id: Generated<string>;
  region_id: string;
  kind: string;
  person_id: string | null;
  scope: string | null;
  case_id: string | null;
  signal_id: string | null;
  received_on: DateColumn;
  reason: string | null;
  proposed_change: ColumnType<unknown, string | null | undefined, string | null>;
  status: Generated<string>;
  requested_by: string;
  requested_at: DefaultedTimestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_note: string | null;
  executed_at: NullableTimestamp;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  scrubbed_at: NullableTimestamp;
  version: Generated<number>;
}

export interface RetentionStatisticsTable {
  region_id: string;
  record_type: string;
  year: number;
  quarter: number;
  dimension: string;
  category: string;
  count: number;
}

export interface DestroyedSubjectsTable {
  region_id: string;
  subject_type: string;
  subject_id: string;
  destroyed_at: DefaultedTimestamp;
  log_destroyed_at: NullableTimestamp;
}

export interface AccessLogRedactionsTable {
  region_id: string;
  seq: ColumnType<string, number | string, number | string>;
  hash: string;
  checkpoint_seq: ColumnType<string, number | string, number | string>;
}
// --- end of destruction ---
// --- end of privacy ---

// --- Programme (0004_programme.sql): action lines, interventions, implementation plans, evaluations,
// quick scans ---
export interface ActionLinesTable {
  id: Generated<string>;
  region_id: string;
  number: number;
  title: string;
  description: string | null;
  aspects: Generated<string[]>;
  created_at: CreatedAt;
}

export interface InterventionsTable {
  id: Generated<string>;
  region_id: string;
  action_line_id: string;
  code: string | null;
  theme: string | null;
  name: string;
  goal: string;
  target_group_direct: string;
  target_group_indirect: string | null;
  execution: string;
  provider: string;
  protective_factors: Generated<number[]>;
  aspects: Generated<string[]>;
  evaluation_types: Generated<string[]>;
  evaluation_note: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

/** bigint columns come back as strings (see database.ts); amounts are euro cents. */
type Cents = ColumnType<string, number | string, number | string>;
type NullableCents = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export interface ImplementationPlansTable {
  id: Generated<string>;
  region_id: string;
  municipality_id: string;
  year: number;
  status: Generated<string>;
  budget_total_cents: NullableCents;
  note: string | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface ImplementationPlanLinesTable {
  id: Generated<string>;
  region_id: string;
  plan_id: string;
  intervention_id: string;
  planned_count: number;
  actual_count: number | null;
  budget_cents: Cents;
  status: Generated<string>;
  note: string | null;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface ProgrammeEvaluationsTable {
  id: Generated<string>;
  region_id: string;
  intervention_id: string;
  kind: string;
  title: string;
  conducted_on: DateColumn;
  findings: string;
  follow_up_actions: Json<unknown[]>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

export interface QuickScansTable {
  id: Generated<string>;
  region_id: string;
  title: string;
  theme: string;
  area: string;
  commissioner: string;
  researcher: string;
  status: Generated<string>;
  started_on: NullableDate;
  completed_on: NullableDate;
  findings: string | null;
  recommended_actions: Json<unknown[]>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}
// --- end of programme ---

// --- Wgpa safeguards and consent of the source (0050_wgpa_and_consent.sql) ---
export interface InclusionCriteriaTable {
  id: Generated<string>;
  region_id: string;
  code: string;
  label_nl: string;
  label_en: string;
  sort: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
}
export interface InclusionDecisionsTable {
  id: Generated<string>;
  region_id: string;
  case_id: string;
  triage_decision_id: string;
  decided_on: DateColumn;
  recorded_by: string;
  recorded_at: DefaultedTimestamp;
}
export interface InclusionDecisionCriteriaTable {
  region_id: string;
  inclusion_decision_id: string;
  criterion_id: string;
  reasons: string;
}
export interface InclusionDecisionParticipantsTable {
  region_id: string;
  inclusion_decision_id: string;
  organisation_id: string;
}
export interface InformingRecordsTable {
  id: Generated<string>;
  region_id: string;
  case_id: string;
  outcome: string;
  informed_on: NullableDate;
  method: string | null;
  informed_by: string | null;
  legal_ground: string | null;
  reasons: string | null;
  reconsider_on: NullableDate;
  recorded_by: string;
  recorded_at: DefaultedTimestamp;
}
export interface InclusionReviewsTable {
  id: Generated<string>;
  region_id: string;
  case_id: string;
  reviewed_on: DateColumn;
  outcome: string;
  reasons: string;
  reviewed_by: string;
  recorded_at: DefaultedTimestamp;
}
export interface SarConsentRequestsTable {
  id: Generated<string>;
  region_id: string;
  request_id: string;
  item_id: string;
  source_organisation_id: string;
  due_on: DateColumn;
  message: string | null;
  status: Generated<string>;
  requested_by: string;
  requested_at: DefaultedTimestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  reason: string | null;
  version: Generated<number>;
}
// --- end of Wgpa safeguards and consent ---

export interface Database {
  regions: RegionsTable;
  organisations: OrganisationsTable;
  region_organisations: RegionOrganisationsTable;
  municipalities: MunicipalitiesTable;
  users: UsersTable;
  sessions: SessionsTable;
  identity_providers: IdentityProvidersTable;
  user_identities: UserIdentitiesTable;
  oidc_sign_ins: OidcSignInsTable;
  webauthn_credentials: WebauthnCredentialsTable;
  webauthn_sign_in_challenges: WebauthnSignInChallengesTable;
  sign_in_policies: SignInPoliciesTable;
  passkey_resets: PasskeyResetsTable;
  api_tokens: ApiTokensTable;
  role_grants: RoleGrantsTable;
  region_roles: RegionRolesTable;
  security_events: SecurityEventsTable;
  login_throttle: LoginThrottleTable;
  access_log: AccessLogTable;
  access_log_heads: AccessLogHeadsTable;
  schema_migrations: SchemaMigrationsTable;
  region_settings: RegionSettingsTable;
  indicators: IndicatorsTable;
  persons: PersonsTable;
  signals: SignalsTable;
  signal_subjects: SignalSubjectsTable;
  attachments: AttachmentsTable;
  assessment_frameworks: AssessmentFrameworksTable;
  framework_factors: FrameworkFactorsTable;
  assessments: AssessmentsTable;
  assessment_ratings: AssessmentRatingsTable;
  triage_meetings: TriageMeetingsTable;
  triage_agenda: TriageAgendaTable;
  triage_decisions: TriageDecisionsTable;
  cases: CasesTable;
  case_signals: CaseSignalsTable;
  case_related_persons: CaseRelatedPersonsTable;
  case_organisations: CaseOrganisationsTable;
  case_members: CaseMembersTable;
  case_contributions: CaseContributionsTable;
  case_events: CaseEventsTable;
  person_match_hits: PersonMatchHitsTable;
  person_link_requests: PersonLinkRequestsTable;
  proportionality_reviews: ProportionalityReviewsTable;
  case_evaluations: CaseEvaluationsTable;
  meetings: MeetingsTable;
  meeting_agenda_items: MeetingAgendaItemsTable;
  meeting_attendance: MeetingAttendanceTable;
  toolbox_items: ToolboxItemsTable;
  plans: PlansTable;
  plan_interventions: PlanInterventionsTable;
  intervention_evaluations: InterventionEvaluationsTable;
  actions: ActionsTable;
  action_notes: ActionNotesTable;
  notifications: NotificationsTable;
  inclusion_criteria: InclusionCriteriaTable;
  inclusion_decisions: InclusionDecisionsTable;
  inclusion_decision_criteria: InclusionDecisionCriteriaTable;
  inclusion_decision_participants: InclusionDecisionParticipantsTable;
  informing_records: InformingRecordsTable;
  inclusion_reviews: InclusionReviewsTable;
  sar_consent_requests: SarConsentRequestsTable;
  reference_counters: ReferenceCountersTable;
  // --- Networks and expertise (0005_network_expertise.sql) ---
  key_figures: KeyFiguresTable;
  networks: NetworksTable;
  network_members: NetworkMembersTable;
  network_meetings: NetworkMeetingsTable;
  network_signals: NetworkSignalsTable;
  network_activities: NetworkActivitiesTable;
  contact_circles: ContactCirclesTable;
  contact_circle_steps: ContactCircleStepsTable;
  contact_circle_invitees: ContactCircleInviteesTable;
  contact_circle_observations: ContactCircleObservationsTable;
  contact_circle_actions: ContactCircleActionsTable;
  trainings: TrainingsTable;
  training_sessions: TrainingSessionsTable;
  training_participants: TrainingParticipantsTable;
  attention_officers: AttentionOfficersTable;
  expertise_pool_meetings: ExpertisePoolMeetingsTable;
  expertise_pool_matches: ExpertisePoolMatchesTable;
  newsletter_subscribers: NewsletterSubscribersTable;
  newsletter_issues: NewsletterIssuesTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
  // --- end of networks and expertise ---
  // --- Privacy (0006_privacy.sql) ---
  break_glass_grants: BreakGlassGrantsTable;
  covenants: CovenantsTable;
  covenant_parties: CovenantPartiesTable;
  access_log_verifications: AccessLogVerificationsTable;
  subject_access_requests: SubjectAccessRequestsTable;
  sar_items: SarItemsTable;
  retention_terms: RetentionTermsTable;
  legal_holds: LegalHoldsTable;
  job_runs: JobRunsTable;
  exports: ExportsTable;
  export_parts: ExportPartsTable;
  data_subject_requests: DataSubjectRequestsTable;
  retention_statistics: RetentionStatisticsTable;
  destroyed_subjects: DestroyedSubjectsTable;
  access_log_redactions: AccessLogRedactionsTable;
  // --- end of privacy ---
  // --- Programme (0004_programme.sql) ---
  action_lines: ActionLinesTable;
  interventions: InterventionsTable;
  implementation_plans: ImplementationPlansTable;
  implementation_plan_lines: ImplementationPlanLinesTable;
  programme_evaluations: ProgrammeEvaluationsTable;
  quick_scans: QuickScansTable;
  // --- end of programme ---
}
