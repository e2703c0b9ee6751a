CREATE TABLE "fx_rate" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"base" text NOT NULL,
	"quote" text NOT NULL,
	"rate_date" date NOT NULL,
	"rate" numeric(24, 10) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fx_rate_pair" CHECK ("fx_rate"."base" <> "fx_rate"."quote"),
	CONSTRAINT "fx_rate_positive" CHECK ("fx_rate"."rate" > 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_entry" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"beneficiary_id" text NOT NULL,
	"kind" text NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"rule_id" text,
	"seq" integer DEFAULT 0 NOT NULL,
	"reverses_entry_id" text,
	"program_id" text,
	"deal_id" text,
	"description" text NOT NULL,
	"earned_at" timestamp with time zone NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entry_kind" CHECK ("ledger_entry"."kind" in ('commission','mdf','p2p_fee','reversal','payout','settlement')),
	CONSTRAINT "ledger_entry_parties" CHECK ("ledger_entry"."organization_id" <> "ledger_entry"."beneficiary_id"),
	CONSTRAINT "ledger_entry_nonzero" CHECK ("ledger_entry"."amount_minor" <> 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_line" (
	"id" text PRIMARY KEY NOT NULL,
	"entry_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"account" text NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	CONSTRAINT "ledger_line_account" CHECK ("ledger_line"."account" in ('expense','payable','cash'))
);
--> statement-breakpoint
CREATE TABLE "money_settings" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"reporting_currency" text DEFAULT 'EUR' NOT NULL,
	"payout_minimums" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"run_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_period" CHECK ("payout"."period_end" >= "payout"."period_start")
);
--> statement-breakpoint
CREATE TABLE "payout_line" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"statement_id" text NOT NULL,
	"entry_id" text NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payout_statement" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"payout_id" text NOT NULL,
	"beneficiary_id" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"external_reference" text,
	"failure_reason" text,
	"decided_by_user_id" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_statement_status" CHECK ("payout_statement"."status" in ('open','paid','failed'))
);
--> statement-breakpoint
CREATE TABLE "referral_fee_term" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"rate_bp" integer NOT NULL,
	"updated_by_user_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_fee_term_rate" CHECK ("referral_fee_term"."rate_bp" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "certification" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"person_name" text NOT NULL,
	"person_email" text NOT NULL,
	"name" text NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certification_dates" CHECK ("certification"."expires_on" is null or "certification"."expires_on" > "certification"."issued_on")
);
--> statement-breakpoint
CREATE TABLE "commission_rule" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"program_id" text NOT NULL,
	"tier_id" text,
	"kind" text NOT NULL,
	"event" text NOT NULL,
	"deal_kind" text DEFAULT 'any' NOT NULL,
	"rate_bp" integer,
	"amount_minor" bigint,
	"months" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "commission_rule_kind" CHECK ("commission_rule"."kind" in ('percentage','flat','recurring','per_lead')),
	CONSTRAINT "commission_rule_event" CHECK ("commission_rule"."event" in ('deal_won','referral_qualified','lead_accepted')),
	CONSTRAINT "commission_rule_deal_kind" CHECK ("commission_rule"."deal_kind" in ('any','registration','referral')),
	CONSTRAINT "commission_rule_status" CHECK ("commission_rule"."status" in ('active','retired')),
	CONSTRAINT "commission_rule_rate" CHECK ("commission_rule"."rate_bp" is null or "commission_rule"."rate_bp" between 0 and 10000),
	CONSTRAINT "commission_rule_amount" CHECK ("commission_rule"."amount_minor" is null or "commission_rule"."amount_minor" >= 0),
	CONSTRAINT "commission_rule_months" CHECK ("commission_rule"."months" is null or "commission_rule"."months" between 1 and 60)
);
--> statement-breakpoint
CREATE TABLE "enrollment" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"program_id" text NOT NULL,
	"application_id" text,
	"status" text DEFAULT 'active' NOT NULL,
	"tier_id" text,
	"below_since" timestamp with time zone,
	"metrics" jsonb,
	"evaluated_at" timestamp with time zone,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "enrollment_status" CHECK ("enrollment"."status" in ('active','ended'))
);
--> statement-breakpoint
CREATE TABLE "mdf_request" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"enrollment_id" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"budget_year" integer NOT NULL,
	"proof" text,
	"reason" text,
	"requested_by_user_id" text,
	"decided_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"claim_decided_at" timestamp with time zone,
	CONSTRAINT "mdf_request_status" CHECK ("mdf_request"."status" in ('requested','approved','rejected','claimed','claim_approved','claim_rejected')),
	CONSTRAINT "mdf_request_amount" CHECK ("mdf_request"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "onboarding_task" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"enrollment_id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"owner_side" text NOT NULL,
	"owner_user_id" text,
	"due_on" date,
	"done_at" timestamp with time zone,
	"done_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "onboarding_task_side" CHECK ("onboarding_task"."owner_side" in ('vendor','partner'))
);
--> statement-breakpoint
CREATE TABLE "program" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"terms" text DEFAULT '' NOT NULL,
	"currency" text NOT NULL,
	"partnership_types" text[] NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"onboarding" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"downgrade_grace_days" integer DEFAULT 60 NOT NULL,
	"holding_days" integer DEFAULT 30 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_kind" CHECK ("program"."kind" in ('reseller','referral','ambassador','custom')),
	CONSTRAINT "program_status" CHECK ("program"."status" in ('draft','published','archived')),
	CONSTRAINT "program_grace" CHECK ("program"."downgrade_grace_days" between 0 and 365),
	CONSTRAINT "program_holding" CHECK ("program"."holding_days" between 0 and 365)
);
--> statement-breakpoint
CREATE TABLE "program_application" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"program_id" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"reason" text,
	"applied_by_user_id" text,
	"decided_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "program_application_status" CHECK ("program_application"."status" in ('pending','approved','rejected','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "program_tier" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"program_id" text NOT NULL,
	"rank" integer NOT NULL,
	"name" text NOT NULL,
	"min_revenue_minor" bigint DEFAULT 0 NOT NULL,
	"min_won_deals" integer DEFAULT 0 NOT NULL,
	"min_registered_deals" integer DEFAULT 0 NOT NULL,
	"min_certified_people" integer DEFAULT 0 NOT NULL,
	"min_customers" integer DEFAULT 0 NOT NULL,
	"discount_bp" integer DEFAULT 0 NOT NULL,
	"mdf_budget_minor" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_tier_discount" CHECK ("program_tier"."discount_bp" between 0 and 10000),
	CONSTRAINT "program_tier_minimums" CHECK ("program_tier"."min_revenue_minor" >= 0 and "program_tier"."min_won_deals" >= 0 and "program_tier"."min_registered_deals" >= 0 and "program_tier"."min_certified_people" >= 0 and "program_tier"."min_customers" >= 0 and "program_tier"."mdf_budget_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tier_change" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"enrollment_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"from_tier_id" text,
	"to_tier_id" text,
	"kind" text NOT NULL,
	"metrics" jsonb NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tier_change_kind" CHECK ("tier_change"."kind" in ('initial','upgrade','downgrade','grace_started','grace_cleared','manual'))
);
--> statement-breakpoint
ALTER TABLE "deal" ADD COLUMN "subscription" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "fx_rate" ADD CONSTRAINT "fx_rate_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_beneficiary_id_organization_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."organization"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_line" ADD CONSTRAINT "ledger_line_entry_id_ledger_entry_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entry"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_line" ADD CONSTRAINT "ledger_line_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_settings" ADD CONSTRAINT "money_settings_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout" ADD CONSTRAINT "payout_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout" ADD CONSTRAINT "payout_run_by_user_id_user_id_fk" FOREIGN KEY ("run_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_line" ADD CONSTRAINT "payout_line_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_line" ADD CONSTRAINT "payout_line_statement_id_payout_statement_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."payout_statement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_line" ADD CONSTRAINT "payout_line_entry_id_ledger_entry_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entry"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_statement" ADD CONSTRAINT "payout_statement_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_statement" ADD CONSTRAINT "payout_statement_payout_id_payout_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payout"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_statement" ADD CONSTRAINT "payout_statement_beneficiary_id_organization_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_statement" ADD CONSTRAINT "payout_statement_decided_by_user_id_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_fee_term" ADD CONSTRAINT "referral_fee_term_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_fee_term" ADD CONSTRAINT "referral_fee_term_partner_id_organization_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_fee_term" ADD CONSTRAINT "referral_fee_term_updated_by_user_id_user_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification" ADD CONSTRAINT "certification_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification" ADD CONSTRAINT "certification_partner_id_organization_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_rule" ADD CONSTRAINT "commission_rule_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_rule" ADD CONSTRAINT "commission_rule_program_id_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."program"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_rule" ADD CONSTRAINT "commission_rule_tier_id_program_tier_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."program_tier"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_partner_id_organization_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_program_id_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."program"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_application_id_program_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."program_application"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment" ADD CONSTRAINT "enrollment_tier_id_program_tier_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."program_tier"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdf_request" ADD CONSTRAINT "mdf_request_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdf_request" ADD CONSTRAINT "mdf_request_partner_id_organization_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdf_request" ADD CONSTRAINT "mdf_request_enrollment_id_enrollment_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdf_request" ADD CONSTRAINT "mdf_request_requested_by_user_id_user_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mdf_request" ADD CONSTRAINT "mdf_request_decided_by_user_id_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_task" ADD CONSTRAINT "onboarding_task_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_task" ADD CONSTRAINT "onboarding_task_enrollment_id_enrollment_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_task" ADD CONSTRAINT "onboarding_task_owner_user_id_user_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_task" ADD CONSTRAINT "onboarding_task_done_by_user_id_user_id_fk" FOREIGN KEY ("done_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program" ADD CONSTRAINT "program_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_application" ADD CONSTRAINT "program_application_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_application" ADD CONSTRAINT "program_application_partner_id_organization_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_application" ADD CONSTRAINT "program_application_program_id_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."program"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_application" ADD CONSTRAINT "program_application_applied_by_user_id_user_id_fk" FOREIGN KEY ("applied_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_application" ADD CONSTRAINT "program_application_decided_by_user_id_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_tier" ADD CONSTRAINT "program_tier_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_tier" ADD CONSTRAINT "program_tier_program_id_program_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."program"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_change" ADD CONSTRAINT "tier_change_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_change" ADD CONSTRAINT "tier_change_enrollment_id_enrollment_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_change" ADD CONSTRAINT "tier_change_partner_id_organization_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_change" ADD CONSTRAINT "tier_change_from_tier_id_program_tier_id_fk" FOREIGN KEY ("from_tier_id") REFERENCES "public"."program_tier"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_change" ADD CONSTRAINT "tier_change_to_tier_id_program_tier_id_fk" FOREIGN KEY ("to_tier_id") REFERENCES "public"."program_tier"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fx_rate_uq" ON "fx_rate" USING btree ("organization_id","base","quote","rate_date");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entry_source_uq" ON "ledger_entry" USING btree ("source_type","source_id",coalesce("rule_id", ''),"seq");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entry_reverses_uq" ON "ledger_entry" USING btree ("reverses_entry_id");--> statement-breakpoint
CREATE INDEX "ledger_entry_payer_idx" ON "ledger_entry" USING btree ("organization_id","beneficiary_id","available_at");--> statement-breakpoint
CREATE INDEX "ledger_entry_beneficiary_idx" ON "ledger_entry" USING btree ("beneficiary_id","id");--> statement-breakpoint
CREATE INDEX "ledger_entry_deal_idx" ON "ledger_entry" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "ledger_line_entry_idx" ON "ledger_line" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_period_uq" ON "payout" USING btree ("organization_id","period_end");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_line_live_uq" ON "payout_line" USING btree ("entry_id") WHERE "payout_line"."released_at" is null;--> statement-breakpoint
CREATE INDEX "payout_line_statement_idx" ON "payout_line" USING btree ("statement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_statement_uq" ON "payout_statement" USING btree ("payout_id","beneficiary_id");--> statement-breakpoint
CREATE INDEX "payout_statement_beneficiary_idx" ON "payout_statement" USING btree ("beneficiary_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_fee_term_uq" ON "referral_fee_term" USING btree ("organization_id","partner_id");--> statement-breakpoint
CREATE INDEX "certification_pair_idx" ON "certification" USING btree ("organization_id","partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certification_person_uq" ON "certification" USING btree ("organization_id","partner_id",lower("person_email"),"name");--> statement-breakpoint
CREATE INDEX "commission_rule_program_idx" ON "commission_rule" USING btree ("program_id") WHERE "commission_rule"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "enrollment_active_uq" ON "enrollment" USING btree ("program_id","partner_id") WHERE "enrollment"."status" = 'active';--> statement-breakpoint
CREATE INDEX "enrollment_org_idx" ON "enrollment" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "enrollment_partner_idx" ON "enrollment" USING btree ("partner_id","organization_id");--> statement-breakpoint
CREATE INDEX "mdf_request_org_idx" ON "mdf_request" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "mdf_request_partner_idx" ON "mdf_request" USING btree ("partner_id","id");--> statement-breakpoint
CREATE INDEX "onboarding_task_enrollment_idx" ON "onboarding_task" USING btree ("enrollment_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "program_name_uq" ON "program" USING btree ("organization_id",lower("name"));--> statement-breakpoint
CREATE INDEX "program_published_idx" ON "program" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "program_application_pending_uq" ON "program_application" USING btree ("program_id","partner_id") WHERE "program_application"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "program_application_org_idx" ON "program_application" USING btree ("organization_id","status","id");--> statement-breakpoint
CREATE INDEX "program_application_partner_idx" ON "program_application" USING btree ("partner_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "program_tier_rank_uq" ON "program_tier" USING btree ("program_id","rank");--> statement-breakpoint
CREATE INDEX "tier_change_enrollment_idx" ON "tier_change" USING btree ("enrollment_id","id");