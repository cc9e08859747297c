ALTER TYPE "public"."role" ADD VALUE 'archivist' BEFORE 'admin';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'researcher' BEFORE 'admin';