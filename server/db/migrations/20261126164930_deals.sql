CREATE TABLE "deal" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"counterparty_id" text,
	"vendor_id" text,
	"partnership_id" text,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"customer_name" text NOT NULL,
	"customer_domain" text,
	"customer_domain_key" text,
	"customer_name_key" text NOT NULL,
	"customer_country" text,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"need" text DEFAULT '' NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"won_amount_minor" bigint,
	"expected_close" date,
	"status_reason" text,
	"conflict_outcome" text,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"response_due_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"overdue_notified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "deal_kind" CHECK ("deal"."kind" in ('referral','registration','opportunity')),
	CONSTRAINT "deal_status" CHECK ("deal"."status" in ('sent','accepted','qualified','proposal','declined','withdrawn','draft','submitted','under_review','approved','rejected','expired','open','won','lost')),
	CONSTRAINT "deal_amount" CHECK ("deal"."amount_minor" >= 0 and coalesce("deal"."won_amount_minor", 0) >= 0),
	CONSTRAINT "deal_counterparty" CHECK (("deal"."kind" = 'opportunity') = ("deal"."counterparty_id" is null))
);
--> statement-breakpoint
CREATE TABLE "deal_conflict" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"deal_id" text NOT NULL,
	"matched_deal_id" text NOT NULL,
	"matched_by" text NOT NULL,
	"score" real NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_event" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"deal_id" text NOT NULL,
	"actor_user_id" text,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_party" (
	"deal_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"side" text NOT NULL,
	"attribution" text,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_party_deal_id_organization_id_pk" PRIMARY KEY("deal_id","organization_id"),
	CONSTRAINT "deal_party_side" CHECK ("deal_party"."side" in ('from','to','co_seller')),
	CONSTRAINT "deal_party_attribution" CHECK ("deal_party"."attribution" is null or "deal_party"."attribution" in ('sourced','influenced','delivering'))
);
--> statement-breakpoint
CREATE TABLE "deal_protection" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"deal_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"customer_key" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"starts_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"extension_requested_days" integer,
	"extension_reason" text,
	"extension_requested_at" timestamp with time zone,
	"expiry_warned_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "deal_protection_status" CHECK ("deal_protection"."status" in ('active','expired','released')),
	CONSTRAINT "deal_protection_window" CHECK ("deal_protection"."ends_at" > "deal_protection"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "deal_settings" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"protection_days" integer DEFAULT 90 NOT NULL,
	"review_sla_business_days" integer DEFAULT 2 NOT NULL,
	"referral_response_business_days" integer DEFAULT 5 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_settings_protection" CHECK ("deal_settings"."protection_days" between 1 and 730),
	CONSTRAINT "deal_settings_sla" CHECK ("deal_settings"."review_sla_business_days" between 1 and 60),
	CONSTRAINT "deal_settings_response" CHECK ("deal_settings"."referral_response_business_days" between 1 and 60)
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "partnership" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"status" text NOT NULL,
	"types" text[] NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"proposer_owner_user_id" text,
	"partner_owner_user_id" text,
	"paused_by_org_id" text,
	"end_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_not_self" CHECK ("partnership"."organization_id" <> "partnership"."partner_id"),
	CONSTRAINT "partnership_status" CHECK ("partnership"."status" in ('proposed','active','paused','declined','withdrawn','ended')),
	CONSTRAINT "partnership_types" CHECK (cardinality("partnership"."types") > 0)
);
--> statement-breakpoint
CREATE TABLE "partnership_event" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"partnership_id" text NOT NULL,
	"actor_user_id" text,
	"kind" text NOT NULL,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deal" ADD CONSTRAINT "deal_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal" ADD CONSTRAINT "deal_counterparty_id_organization_id_fk" FOREIGN KEY ("counterparty_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal" ADD CONSTRAINT "deal_vendor_id_organization_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal" ADD CONSTRAINT "deal_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal" ADD CONSTRAINT "deal_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_conflict" ADD CONSTRAINT "deal_conflict_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_conflict" ADD CONSTRAINT "deal_conflict_deal_id_deal_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_conflict" ADD CONSTRAINT "deal_conflict_matched_deal_id_deal_id_fk" FOREIGN KEY ("matched_deal_id") REFERENCES "public"."deal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_event" ADD CONSTRAINT "deal_event_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_event" ADD CONSTRAINT "deal_event_deal_id_deal_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_event" ADD CONSTRAINT "deal_event_actor_user_id_user_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_party" ADD CONSTRAINT "deal_party_deal_id_deal_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_party" ADD CONSTRAINT "deal_party_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_protection" ADD CONSTRAINT "deal_protection_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_protection" ADD CONSTRAINT "deal_protection_deal_id_deal_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deal"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_protection" ADD CONSTRAINT "deal_protection_partner_id_organization_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_settings" ADD CONSTRAINT "deal_settings_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership" ADD CONSTRAINT "partnership_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership" ADD CONSTRAINT "partnership_partner_id_organization_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership" ADD CONSTRAINT "partnership_proposer_owner_user_id_user_id_fk" FOREIGN KEY ("proposer_owner_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership" ADD CONSTRAINT "partnership_partner_owner_user_id_user_id_fk" FOREIGN KEY ("partner_owner_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_event" ADD CONSTRAINT "partnership_event_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_event" ADD CONSTRAINT "partnership_event_partnership_id_partnership_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnership"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_event" ADD CONSTRAINT "partnership_event_actor_user_id_user_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deal_vendor_domain_idx" ON "deal" USING btree ("vendor_id","customer_domain_key") WHERE "deal"."status" in ('submitted','under_review','approved','open');--> statement-breakpoint
CREATE INDEX "deal_vendor_country_idx" ON "deal" USING btree ("vendor_id","customer_country") WHERE "deal"."status" in ('submitted','under_review','approved','open');--> statement-breakpoint
CREATE INDEX "deal_due_idx" ON "deal" USING btree ("response_due_at") WHERE "deal"."overdue_notified_at" is null and "deal"."answered_at" is null;--> statement-breakpoint
CREATE INDEX "deal_pair_idx" ON "deal" USING btree ("organization_id","counterparty_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deal_conflict_pair_uq" ON "deal_conflict" USING btree ("deal_id","matched_deal_id");--> statement-breakpoint
CREATE INDEX "deal_conflict_org_idx" ON "deal_conflict" USING btree ("organization_id","deal_id");--> statement-breakpoint
CREATE INDEX "deal_event_deal_idx" ON "deal_event" USING btree ("deal_id","id");--> statement-breakpoint
CREATE INDEX "deal_party_org_idx" ON "deal_party" USING btree ("organization_id","deal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deal_protection_active_uq" ON "deal_protection" USING btree ("organization_id","customer_key") WHERE "deal_protection"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "deal_protection_deal_uq" ON "deal_protection" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "deal_protection_ends_idx" ON "deal_protection" USING btree ("ends_at") WHERE "deal_protection"."status" = 'active';--> statement-breakpoint
CREATE INDEX "notification_user_idx" ON "notification" USING btree ("organization_id","user_id","id");--> statement-breakpoint
CREATE INDEX "notification_unread_idx" ON "notification" USING btree ("organization_id","user_id") WHERE "notification"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "partnership_live_pair_uq" ON "partnership" USING btree (least("organization_id", "partner_id"),greatest("organization_id", "partner_id")) WHERE "partnership"."status" in ('proposed','active','paused');--> statement-breakpoint
CREATE INDEX "partnership_org_idx" ON "partnership" USING btree ("organization_id","id");--> statement-breakpoint
CREATE INDEX "partnership_partner_idx" ON "partnership" USING btree ("partner_id","id");--> statement-breakpoint
CREATE INDEX "partnership_event_partnership_idx" ON "partnership_event" USING btree ("partnership_id","id");