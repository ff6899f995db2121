CREATE TABLE "backtest_candles" (
	"backtest_id" text PRIMARY KEY NOT NULL,
	"candles" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backtest_series" (
	"backtest_id" text PRIMARY KEY NOT NULL,
	"times" jsonb NOT NULL,
	"equity" jsonb NOT NULL,
	"drawdown" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "backtests" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"progress" double precision NOT NULL,
	"strategy" jsonb NOT NULL,
	"data" jsonb NOT NULL,
	"spec" jsonb NOT NULL,
	"request" jsonb NOT NULL,
	"result" jsonb,
	"error" jsonb,
	"attempts" integer NOT NULL,
	"worker_id" text,
	"heartbeat_at" timestamp with time zone,
	"api_key_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "backtests_status_idx" ON "backtests" USING btree ("status","id");