CREATE TABLE "application_registrations" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"received_on" date NOT NULL,
	"registered_by" uuid,
	"claim_code_hash" text,
	"claim_code_expires_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_registrations_claim_code_hash_unique" UNIQUE("claim_code_hash"),
	CONSTRAINT "application_registrations_channel_check" CHECK ("application_registrations"."channel" in ('paper', 'phone'))
);
--> statement-breakpoint
ALTER TABLE "application_registrations" ADD CONSTRAINT "application_registrations_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_registrations" ADD CONSTRAINT "application_registrations_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_registrations_registered_by_idx" ON "application_registrations" USING btree ("registered_by");
