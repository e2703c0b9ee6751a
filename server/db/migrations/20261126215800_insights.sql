CREATE TABLE "cockpit_settings" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"direct_cost_of_sale_bps" integer DEFAULT 1500 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cockpit_settings_cost" CHECK ("cockpit_settings"."direct_cost_of_sale_bps" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "graph_community" (
	"id" text PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"label" text NOT NULL,
	"facets" jsonb NOT NULL,
	"size" integer NOT NULL,
	"internal_deal_share" real,
	"internal_value_minor" bigint,
	"value_currency" text,
	"saved_ecosystem_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "graph_community_member" (
	"community_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"centrality" real NOT NULL,
	"weighted_degree" real NOT NULL,
	"hub" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "graph_community_member_community_id_organization_id_pk" PRIMARY KEY("community_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "insights_run" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"requested_by_user_id" text,
	"stats" jsonb,
	"failure" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "insights_run_status" CHECK ("insights_run"."status" in ('running','done','failed')),
	CONSTRAINT "insights_run_trigger" CHECK ("insights_run"."trigger" in ('nightly','manual','seed'))
);
--> statement-breakpoint
CREATE TABLE "recommendation" (
	"organization_id" text NOT NULL,
	"candidate_id" text NOT NULL,
	"score" real NOT NULL,
	"reasons" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_organization_id_candidate_id_pk" PRIMARY KEY("organization_id","candidate_id")
);
--> statement-breakpoint
CREATE TABLE "recommendation_feedback" (
	"organization_id" text NOT NULL,
	"candidate_id" text NOT NULL,
	"state" text NOT NULL,
	"until" timestamp with time zone,
	"user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_feedback_organization_id_candidate_id_pk" PRIMARY KEY("organization_id","candidate_id"),
	CONSTRAINT "recommendation_feedback_state" CHECK ("recommendation_feedback"."state" in ('dismissed','snoozed')),
	CONSTRAINT "recommendation_feedback_until" CHECK (("recommendation_feedback"."state" = 'snoozed') = ("recommendation_feedback"."until" is not null))
);
--> statement-breakpoint
CREATE TABLE "trust_score" (
	"organization_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"score" integer NOT NULL,
	"factors" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trust_score_organization_id_partner_id_pk" PRIMARY KEY("organization_id","partner_id"),
	CONSTRAINT "trust_score_range" CHECK ("trust_score"."score" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "cockpit_settings" ADD CONSTRAINT "cockpit_settings_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_community" ADD CONSTRAINT "graph_community_run_id_insights_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."insights_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_community" ADD CONSTRAINT "graph_community_saved_ecosystem_id_ecosystem_id_fk" FOREIGN KEY ("saved_ecosystem_id") REFERENCES "public"."ecosystem"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_community_member" ADD CONSTRAINT "graph_community_member_community_id_graph_community_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."graph_community"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graph_community_member" ADD CONSTRAINT "graph_community_member_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insights_run" ADD CONSTRAINT "insights_run_requested_by_user_id_user_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation" ADD CONSTRAINT "recommendation_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation" ADD CONSTRAINT "recommendation_candidate_id_organization_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_feedback" ADD CONSTRAINT "recommendation_feedback_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_feedback" ADD CONSTRAINT "recommendation_feedback_candidate_id_organization_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_feedback" ADD CONSTRAINT "recommendation_feedback_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_score" ADD CONSTRAINT "trust_score_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_score" ADD CONSTRAINT "trust_score_partner_id_organization_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "graph_community_run_idx" ON "graph_community" USING btree ("run_id","size");--> statement-breakpoint
CREATE INDEX "graph_community_member_org_idx" ON "graph_community_member" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "graph_community_member_rank_idx" ON "graph_community_member" USING btree ("community_id","centrality");--> statement-breakpoint
CREATE UNIQUE INDEX "insights_run_single_writer_uq" ON "insights_run" USING btree ("status") WHERE "insights_run"."status" = 'running';--> statement-breakpoint
CREATE INDEX "insights_run_started_idx" ON "insights_run" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "recommendation_org_score_idx" ON "recommendation" USING btree ("organization_id","score");--> statement-breakpoint
CREATE INDEX "trust_score_org_score_idx" ON "trust_score" USING btree ("organization_id","score");