-- trust_score is derived: its rows (the old JSON explanations) are dropped and rebuilt by the next
-- refresh; a partner read before then is scored on the spot.
DELETE FROM "trust_score";--> statement-breakpoint
ALTER TABLE "trust_score" ADD COLUMN "inputs" double precision[] NOT NULL;--> statement-breakpoint
ALTER TABLE "trust_score" ADD COLUMN "currency" text NOT NULL;--> statement-breakpoint
ALTER TABLE "trust_score" ADD COLUMN "unconverted_currencies" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "trust_score" ADD COLUMN "last_positive_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trust_score" DROP COLUMN "factors";