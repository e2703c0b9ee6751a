CREATE TABLE "activity" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "directory_entry" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"listed" boolean NOT NULL,
	"search_name" text NOT NULL,
	"name_vector" "tsvector" NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"facet_keys" text[] NOT NULL,
	"last_active_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "directory_term" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ecosystem" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"parent_id" text,
	"hub_organization_id" text,
	"visibility" text DEFAULT 'public' NOT NULL,
	"join_policy" text DEFAULT 'open' NOT NULL,
	"filter" jsonb,
	"activity_window_days" integer DEFAULT 90 NOT NULL,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ecosystem_visibility" CHECK ("ecosystem"."visibility" in ('public','members')),
	CONSTRAINT "ecosystem_join_policy" CHECK ("ecosystem"."join_policy" in ('open','approval','invite')),
	CONSTRAINT "ecosystem_window" CHECK ("ecosystem"."activity_window_days" between 1 and 3650)
);
--> statement-breakpoint
CREATE TABLE "ecosystem_member" (
	"ecosystem_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"status" text NOT NULL,
	"message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"joined_at" timestamp with time zone,
	CONSTRAINT "ecosystem_member_ecosystem_id_organization_id_pk" PRIMARY KEY("ecosystem_id","organization_id"),
	CONSTRAINT "ecosystem_member_status" CHECK ("ecosystem_member"."status" in ('member','requested','invited'))
);
--> statement-breakpoint
CREATE TABLE "organization_profile" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"domain" text,
	"description" text DEFAULT '' NOT NULL,
	"logo_url" text,
	"hq_country" text,
	"countries" text[] DEFAULT '{}' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"size_band" text,
	"founded_year" integer,
	"roles" text[] DEFAULT '{}' NOT NULL,
	"industries" text[] DEFAULT '{}' NOT NULL,
	"technologies" text[] DEFAULT '{}' NOT NULL,
	"practices" text[] DEFAULT '{}' NOT NULL,
	"certifications" text[] DEFAULT '{}' NOT NULL,
	"services" text[] DEFAULT '{}' NOT NULL,
	"listed" boolean DEFAULT true NOT NULL,
	"source" text DEFAULT 'self' NOT NULL,
	"added_by_organization_id" text,
	"facet_keys" text[] DEFAULT '{}' NOT NULL,
	"search_name" text DEFAULT '' NOT NULL,
	"search_body" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organization_profile_source" CHECK ("organization_profile"."source" in ('self','added','imported','generated'))
);
--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_entry" ADD CONSTRAINT "directory_entry_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ecosystem" ADD CONSTRAINT "ecosystem_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ecosystem" ADD CONSTRAINT "ecosystem_hub_organization_id_organization_id_fk" FOREIGN KEY ("hub_organization_id") REFERENCES "public"."organization"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ecosystem" ADD CONSTRAINT "ecosystem_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ecosystem_member" ADD CONSTRAINT "ecosystem_member_ecosystem_id_ecosystem_id_fk" FOREIGN KEY ("ecosystem_id") REFERENCES "public"."ecosystem"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ecosystem_member" ADD CONSTRAINT "ecosystem_member_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_profile" ADD CONSTRAINT "organization_profile_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_org_time_idx" ON "activity" USING btree ("organization_id","occurred_at");--> statement-breakpoint
CREATE INDEX "directory_entry_search_idx" ON "directory_entry" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "directory_entry_name_vector_idx" ON "directory_entry" USING gin ("name_vector");--> statement-breakpoint
CREATE INDEX "directory_entry_facets_idx" ON "directory_entry" USING gin ("facet_keys");--> statement-breakpoint
CREATE INDEX "directory_entry_name_idx" ON "directory_entry" USING btree ("search_name","organization_id");--> statement-breakpoint
CREATE INDEX "directory_entry_name_prefix_idx" ON "directory_entry" USING btree ("search_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "directory_term_trgm_idx" ON "directory_term" USING gin ("term" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "directory_term_prefix_idx" ON "directory_term" USING btree ("term" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "ecosystem_slug_uq" ON "ecosystem" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "ecosystem_org_idx" ON "ecosystem" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "ecosystem_parent_idx" ON "ecosystem" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "ecosystem_member_org_idx" ON "ecosystem_member" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "ecosystem_member_status_idx" ON "ecosystem_member" USING btree ("ecosystem_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_profile_domain_uq" ON "organization_profile" USING btree ("domain");