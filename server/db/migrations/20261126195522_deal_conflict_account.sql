ALTER TABLE "deal_conflict" ALTER COLUMN "matched_deal_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "deal_conflict" ADD COLUMN "matched_account_id" text;--> statement-breakpoint
ALTER TABLE "deal_conflict" ADD CONSTRAINT "deal_conflict_matched_account_id_crm_account_id_fk" FOREIGN KEY ("matched_account_id") REFERENCES "public"."crm_account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crm_account_open_domain_idx" ON "crm_account" USING btree ("set_id","domain_key") WHERE "crm_account"."pop_bits" & 4 <> 0;--> statement-breakpoint
CREATE INDEX "crm_account_open_name_trgm_idx" ON "crm_account" USING gin ("name_key" gin_trgm_ops) WHERE "crm_account"."pop_bits" & 4 <> 0;--> statement-breakpoint
CREATE INDEX "crm_account_open_name_words_idx" ON "crm_account" USING gin (string_to_array("name_key", ' ')) WHERE "crm_account"."pop_bits" & 4 <> 0;--> statement-breakpoint
CREATE UNIQUE INDEX "deal_conflict_account_uq" ON "deal_conflict" USING btree ("matched_account_id","deal_id");--> statement-breakpoint
ALTER TABLE "deal_conflict" ADD CONSTRAINT "deal_conflict_one_match" CHECK (num_nonnulls("deal_conflict"."matched_deal_id", "deal_conflict"."matched_account_id") = 1);