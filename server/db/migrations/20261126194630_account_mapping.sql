CREATE TABLE "account_import" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"set_id" text NOT NULL,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"file_name" text NOT NULL,
	"file_bytes" bigint NOT NULL,
	"mapping" jsonb NOT NULL,
	"remove_missing" boolean DEFAULT false NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"removed" integer DEFAULT 0 NOT NULL,
	"error_rows" integer DEFAULT 0 NOT NULL,
	"failure" text,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "account_import_status" CHECK ("account_import"."status" in ('uploaded','queued','running','done','failed'))
);
--> statement-breakpoint
CREATE TABLE "account_import_chunk" (
	"import_id" text NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "account_import_chunk_import_id_seq_pk" PRIMARY KEY("import_id","seq")
);
--> statement-breakpoint
CREATE TABLE "account_import_error" (
	"import_id" text NOT NULL,
	"row" integer NOT NULL,
	"message" text NOT NULL,
	"raw" text DEFAULT '' NOT NULL,
	CONSTRAINT "account_import_error_import_id_row_pk" PRIMARY KEY("import_id","row")
);
--> statement-breakpoint
CREATE TABLE "account_name_canon" (
	"country" text NOT NULL,
	"name_key" text NOT NULL,
	"canonical" text NOT NULL,
	CONSTRAINT "account_name_canon_country_name_key_pk" PRIMARY KEY("country","name_key")
);
--> statement-breakpoint
CREATE TABLE "account_set" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"subject_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_sharing" (
	"organization_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"population_id" text NOT NULL,
	"level" text NOT NULL,
	"fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_by_user_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_sharing_organization_id_partner_id_population_id_pk" PRIMARY KEY("organization_id","partner_id","population_id"),
	CONSTRAINT "account_sharing_level" CHECK ("account_sharing"."level" in ('hidden','counts','overlap','full'))
);
--> statement-breakpoint
CREATE TABLE "crm_account" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"set_id" text NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"website" text,
	"domain" text,
	"domain_key" text,
	"name_key" text NOT NULL,
	"country" text,
	"status" text,
	"stage" text,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"match_key" text,
	"pop_bits" integer DEFAULT 0 NOT NULL,
	"import_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "overlap" (
	"set_a" text NOT NULL,
	"bit_a" smallint NOT NULL,
	"set_b" text NOT NULL,
	"bit_b" smallint NOT NULL,
	"keys" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "overlap_set_a_bit_a_set_b_bit_b_pk" PRIMARY KEY("set_a","bit_a","set_b","bit_b")
);
--> statement-breakpoint
CREATE TABLE "overlap_pair" (
	"set_a" text NOT NULL,
	"set_b" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "overlap_pair_set_a_set_b_pk" PRIMARY KEY("set_a","set_b")
);
--> statement-breakpoint
CREATE TABLE "population" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"set_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"bit" smallint NOT NULL,
	"filter" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "population_kind" CHECK ("population"."kind" in ('customers','prospects','open_opportunities','custom')),
	CONSTRAINT "population_bit" CHECK ("population"."bit" between 0 and 30)
);
--> statement-breakpoint
CREATE TABLE "population_key" (
	"set_id" text NOT NULL,
	"bit" smallint NOT NULL,
	"match_key" text NOT NULL,
	"accounts" integer NOT NULL,
	CONSTRAINT "population_key_set_id_bit_match_key_pk" PRIMARY KEY("set_id","bit","match_key")
);
--> statement-breakpoint
ALTER TABLE "account_import" ADD CONSTRAINT "account_import_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_import" ADD CONSTRAINT "account_import_set_id_account_set_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."account_set"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_import" ADD CONSTRAINT "account_import_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_import_chunk" ADD CONSTRAINT "account_import_chunk_import_id_account_import_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."account_import"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_import_error" ADD CONSTRAINT "account_import_error_import_id_account_import_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."account_import"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_set" ADD CONSTRAINT "account_set_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_set" ADD CONSTRAINT "account_set_subject_id_organization_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_sharing" ADD CONSTRAINT "account_sharing_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_sharing" ADD CONSTRAINT "account_sharing_partner_id_organization_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_sharing" ADD CONSTRAINT "account_sharing_population_id_population_id_fk" FOREIGN KEY ("population_id") REFERENCES "public"."population"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_sharing" ADD CONSTRAINT "account_sharing_updated_by_user_id_user_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_account" ADD CONSTRAINT "crm_account_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crm_account" ADD CONSTRAINT "crm_account_set_id_account_set_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."account_set"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap" ADD CONSTRAINT "overlap_set_a_account_set_id_fk" FOREIGN KEY ("set_a") REFERENCES "public"."account_set"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap" ADD CONSTRAINT "overlap_set_b_account_set_id_fk" FOREIGN KEY ("set_b") REFERENCES "public"."account_set"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_pair" ADD CONSTRAINT "overlap_pair_set_a_account_set_id_fk" FOREIGN KEY ("set_a") REFERENCES "public"."account_set"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_pair" ADD CONSTRAINT "overlap_pair_set_b_account_set_id_fk" FOREIGN KEY ("set_b") REFERENCES "public"."account_set"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population" ADD CONSTRAINT "population_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population" ADD CONSTRAINT "population_set_id_account_set_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."account_set"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population_key" ADD CONSTRAINT "population_key_set_id_account_set_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."account_set"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_import_org_idx" ON "account_import" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "account_name_canon_trgm_idx" ON "account_name_canon" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "account_set_uq" ON "account_set" USING btree ("organization_id","subject_id");--> statement-breakpoint
CREATE INDEX "account_sharing_partner_idx" ON "account_sharing" USING btree ("partner_id","organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "crm_account_external_uq" ON "crm_account" USING btree ("set_id","external_id");--> statement-breakpoint
CREATE INDEX "crm_account_match_idx" ON "crm_account" USING btree ("set_id","match_key");--> statement-breakpoint
CREATE INDEX "crm_account_org_idx" ON "crm_account" USING btree ("organization_id","set_id");--> statement-breakpoint
CREATE INDEX "overlap_b_idx" ON "overlap" USING btree ("set_b");--> statement-breakpoint
CREATE INDEX "overlap_pair_b_idx" ON "overlap_pair" USING btree ("set_b");--> statement-breakpoint
CREATE UNIQUE INDEX "population_bit_uq" ON "population" USING btree ("set_id","bit");--> statement-breakpoint
CREATE UNIQUE INDEX "population_name_uq" ON "population" USING btree ("set_id",lower("name"));--> statement-breakpoint
CREATE INDEX "population_key_key_idx" ON "population_key" USING btree ("match_key");