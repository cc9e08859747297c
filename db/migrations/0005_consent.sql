CREATE TABLE "consent_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consent_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid,
	"subject_ref" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"purpose" text NOT NULL,
	"action" text NOT NULL,
	"text_version" text NOT NULL,
	"locale" text NOT NULL,
	"channel" text NOT NULL,
	"recorded_by" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_events_action_check" CHECK ("consent_events"."action" in ('grant', 'withdraw')),
	CONSTRAINT "consent_events_channel_check" CHECK ("consent_events"."channel" in ('web', 'staffRecorded', 'paper')),
	CONSTRAINT "consent_events_locale_check" CHECK ("consent_events"."locale" in ('nl', 'en')),
	CONSTRAINT "consent_events_object_type_check" CHECK ("consent_events"."object_type" in ('story', 'media', 'helpRequest', 'application', 'account')),
	CONSTRAINT "consent_events_user_matches_subject" CHECK ("consent_events"."user_id" is null or "consent_events"."subject_ref" = "consent_events"."user_id"::text)
);
--> statement-breakpoint
CREATE INDEX "consent_events_current_idx" ON "consent_events" USING btree ("subject_ref","object_type","object_id","purpose","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "consent_events_user_idx" ON "consent_events" USING btree ("user_id");