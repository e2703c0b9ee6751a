-- Custom SQL migration file, put your code below! --
-- The valid rows of an account import while it runs: the job COPYs them here in batches, then one
-- transaction merges them into crm_account and deletes them. UNLOGGED (nothing here must survive
-- a crash: a failed import is run again from its file) and without indexes, so COPY runs at full
-- speed; not in the Drizzle schema because only the import's SQL touches it. `valid` false marks a
-- row refused with an error: it is not imported, but its external id still counts as present in
-- the file when missing accounts are removed.
CREATE UNLOGGED TABLE "account_import_staging" (
	"import_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"row" integer NOT NULL,
	"id" text NOT NULL,
	"external_id" text NOT NULL,
	"valid" boolean NOT NULL,
	"name" text,
	"website" text,
	"domain" text,
	"domain_key" text,
	"name_key" text,
	"country" text,
	"status" text,
	"stage" text,
	"fields" jsonb,
	"match_key" text,
	"pop_bits" integer
);
