CREATE TABLE "analyses" (
	"id" text PRIMARY KEY NOT NULL,
	"symbol" text NOT NULL,
	"action" text NOT NULL,
	"confidence" double precision NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"input_hash" text NOT NULL,
	"rerun_of" text,
	"narration" text NOT NULL,
	"body" jsonb NOT NULL,
	"api_key_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analysis_inputs" (
	"input_hash" text PRIMARY KEY NOT NULL,
	"input" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "debate_turns" (
	"analysis_id" text NOT NULL,
	"seq" integer NOT NULL,
	"round" integer NOT NULL,
	"side" text NOT NULL,
	"argument" text NOT NULL,
	"strength" double precision NOT NULL,
	"rebuts" text,
	"evidence" jsonb NOT NULL,
	CONSTRAINT "debate_turns_analysis_id_seq_pk" PRIMARY KEY("analysis_id","seq")
);
--> statement-breakpoint
CREATE TABLE "llm_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"model" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analyses_symbol_idx" ON "analyses" USING btree ("symbol","id");--> statement-breakpoint
CREATE INDEX "analyses_created_idx" ON "analyses" USING btree ("created_at");