CREATE TABLE "balances" (
	"account_id" text NOT NULL,
	"asset" text NOT NULL,
	"free" numeric NOT NULL,
	"locked" numeric NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "balances_account_id_asset_pk" PRIMARY KEY("account_id","asset")
);
--> statement-breakpoint
CREATE TABLE "deposits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deposits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"account_id" text NOT NULL,
	"asset" text NOT NULL,
	"amount" numeric NOT NULL,
	"entry_price" numeric,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "equity_points" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "equity_points_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" text NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"equity" numeric NOT NULL,
	"cash" numeric NOT NULL,
	"positions_value" numeric NOT NULL,
	"realized_pnl" numeric NOT NULL,
	"unrealized_pnl" numeric NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fills" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fills_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" text NOT NULL,
	"trade_id" text NOT NULL,
	"order_id" text NOT NULL,
	"client_order_id" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"price" numeric NOT NULL,
	"quantity" numeric NOT NULL,
	"notional" numeric NOT NULL,
	"fee" numeric NOT NULL,
	"fee_asset" text NOT NULL,
	"liquidity" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_transitions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"client_order_id" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"type" text NOT NULL,
	"time_in_force" text NOT NULL,
	"post_only" boolean NOT NULL,
	"quantity" numeric NOT NULL,
	"price" numeric,
	"status" text NOT NULL,
	"status_reason" text,
	"filled_quantity" numeric NOT NULL,
	"filled_notional" numeric NOT NULL,
	"average_fill_price" numeric,
	"fees" numeric NOT NULL,
	"fee_asset" text NOT NULL,
	"fill_count" integer NOT NULL,
	"venue" text NOT NULL,
	"venue_order_id" text,
	"replaces" text,
	"replaced_by" text,
	"reserved_asset" text,
	"reserved_amount" numeric,
	"api_key_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"account_id" text NOT NULL,
	"symbol" text NOT NULL,
	"quantity" numeric NOT NULL,
	"cost_basis" numeric NOT NULL,
	"realized_pnl" numeric NOT NULL,
	"fees_paid" numeric NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "positions_account_id_symbol_pk" PRIMARY KEY("account_id","symbol")
);
--> statement-breakpoint
CREATE TABLE "trading_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"quote_asset" text NOT NULL,
	"cost_scale" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "deposits_account_idx" ON "deposits" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "equity_points_time_idx" ON "equity_points" USING btree ("account_id","time");--> statement-breakpoint
CREATE UNIQUE INDEX "fills_trade_id_idx" ON "fills" USING btree ("account_id","trade_id");--> statement-breakpoint
CREATE INDEX "fills_order_idx" ON "fills" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "fills_account_idx" ON "fills" USING btree ("account_id","seq");--> statement-breakpoint
CREATE INDEX "order_transitions_order_idx" ON "order_transitions" USING btree ("order_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_client_order_id_idx" ON "orders" USING btree ("account_id","client_order_id");--> statement-breakpoint
CREATE INDEX "orders_account_id_idx" ON "orders" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "orders_symbol_idx" ON "orders" USING btree ("account_id","symbol","id");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("account_id","status");