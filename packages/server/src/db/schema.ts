import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** API keys are stored as SHA-256 hashes; the secret itself is never stored. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    hash: text('hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('api_keys_hash_idx').on(t.hash)],
);

/**
 * One row per (API key, Idempotency-Key): the request's hash and, once answered, the response.
 * A row without a response is a request still in flight.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    apiKeyId: text('api_key_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    responseBody: jsonb('response_body'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('idempotency_keys_key_idx').on(t.apiKeyId, t.key),
    index('idempotency_created_idx').on(t.createdAt),
  ],
);

// Trading. Every money, price and quantity column is `numeric` (exact, any scale) and is read and
// written as the engine's canonical decimal string; nothing here is ever a float.

/**
 * One trading account per venue (`paper`, or `ccxt:<exchange>`): switching `tradingMode` on the same
 * database starts another account instead of mixing the two.
 */
export const tradingAccounts = pgTable('trading_accounts', {
  id: text('id').primaryKey(),
  quoteAsset: text('quote_asset').notNull(),
  /** Fractional digits of the cost basis the ledger computes (see the engine's `Ledger`). */
  costScale: integer('cost_scale').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** What the account started with (the paper balances of the first start). */
export const deposits = pgTable(
  'deposits',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    accountId: text('account_id').notNull(),
    asset: text('asset').notNull(),
    amount: numeric('amount').notNull(),
    /** What one unit cost, for a non-quote asset (it opens a position at that price). */
    entryPrice: numeric('entry_price'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('deposits_account_idx').on(t.accountId)],
);

/** The ledger's balances as of the last committed step; `locked` is the sum of the orders' reservations. */
export const balances = pgTable(
  'balances',
  {
    accountId: text('account_id').notNull(),
    asset: text('asset').notNull(),
    free: numeric('free').notNull(),
    locked: numeric('locked').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.asset] })],
);

/** The ledger's positions (average cost; flat positions stay, they carry realized P&L). */
export const positions = pgTable(
  'positions',
  {
    accountId: text('account_id').notNull(),
    symbol: text('symbol').notNull(),
    quantity: numeric('quantity').notNull(),
    costBasis: numeric('cost_basis').notNull(),
    realizedPnl: numeric('realized_pnl').notNull(),
    feesPaid: numeric('fees_paid').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.symbol] })],
);

/**
 * Orders. The row is written as `pending_new` before the venue sees the order, and rewritten with
 * every step. `reserved_*` is what the order holds locked in the ledger (its reservation).
 */
export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    clientOrderId: text('client_order_id').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side').notNull(),
    type: text('type').notNull(),
    timeInForce: text('time_in_force').notNull(),
    postOnly: boolean('post_only').notNull(),
    quantity: numeric('quantity').notNull(),
    price: numeric('price'),
    status: text('status').notNull(),
    statusReason: text('status_reason'),
    filledQuantity: numeric('filled_quantity').notNull(),
    filledNotional: numeric('filled_notional').notNull(),
    averageFillPrice: numeric('average_fill_price'),
    fees: numeric('fees').notNull(),
    feeAsset: text('fee_asset').notNull(),
    fillCount: integer('fill_count').notNull(),
    venue: text('venue').notNull(),
    venueOrderId: text('venue_order_id'),
    replaces: text('replaces'),
    replacedBy: text('replaced_by'),
    reservedAsset: text('reserved_asset'),
    reservedAmount: numeric('reserved_amount'),
    /** The API key that placed the order (null for orders the server placed itself). */
    apiKeyId: text('api_key_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('orders_client_order_id_idx').on(t.accountId, t.clientOrderId),
    index('orders_account_id_idx').on(t.accountId, t.id),
    index('orders_symbol_idx').on(t.accountId, t.symbol, t.id),
    index('orders_status_idx').on(t.accountId, t.status),
  ],
);

/** Every status change of every order, oldest first; `from` is null for the creation. */
export const orderTransitions = pgTable(
  'order_transitions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: text('order_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('order_transitions_order_idx').on(t.orderId, t.id)],
);

/** Executions; the venue's trade id is unique per account, so a fill is never stored twice. */
export const fills = pgTable(
  'fills',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: text('account_id').notNull(),
    tradeId: text('trade_id').notNull(),
    orderId: text('order_id').notNull(),
    clientOrderId: text('client_order_id').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side').notNull(),
    price: numeric('price').notNull(),
    quantity: numeric('quantity').notNull(),
    notional: numeric('notional').notNull(),
    fee: numeric('fee').notNull(),
    feeAsset: text('fee_asset').notNull(),
    liquidity: text('liquidity').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('fills_trade_id_idx').on(t.accountId, t.tradeId),
    index('fills_order_idx').on(t.orderId),
    index('fills_account_idx').on(t.accountId, t.seq),
  ],
);

/** The equity history: one point per interval while the server runs, and one after every fill. */
export const equityPoints = pgTable(
  'equity_points',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: text('account_id').notNull(),
    time: timestamp('time', { withTimezone: true, mode: 'date' }).notNull(),
    equity: numeric('equity').notNull(),
    cash: numeric('cash').notNull(),
    positionsValue: numeric('positions_value').notNull(),
    realizedPnl: numeric('realized_pnl').notNull(),
    unrealizedPnl: numeric('unrealized_pnl').notNull(),
  },
  (t) => [index('equity_points_time_idx').on(t.accountId, t.time)],
);

// Analyses. The agents' output is stored as the API serves it (texts already redacted), with the exact
// input it was computed from, so that a rerun computes it again from the same candles and news.

/**
 * One row per analysis. `body` is the API's `Analysis` without `debate.turns` (those are rows of
 * `debate_turns`); its input is the row of `analysis_inputs` with its `input_hash`.
 */
export const analyses = pgTable(
  'analyses',
  {
    id: text('id').primaryKey(),
    symbol: text('symbol').notNull(),
    action: text('action').notNull(),
    confidence: doublePrecision('confidence').notNull(),
    asOf: timestamp('as_of', { withTimezone: true, mode: 'date' }).notNull(),
    inputHash: text('input_hash').notNull(),
    rerunOf: text('rerun_of'),
    narration: text('narration').notNull(),
    body: jsonb('body').notNull(),
    /** The API key that asked for it. */
    apiKeyId: text('api_key_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('analyses_symbol_idx').on(t.symbol, t.id), index('analyses_created_idx').on(t.createdAt)],
);

/**
 * The inputs analyses were computed from, stored once per input: `input` is the engine's canonical JSON
 * of the `AnalysisInput` (hundreds of candles), whose SHA-256 is `input_hash`. Read back only by a rerun.
 */
export const analysisInputs = pgTable('analysis_inputs', {
  inputHash: text('input_hash').primaryKey(),
  input: text('input').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** The bull/bear debate of an analysis, turn by turn in the order they were spoken. */
export const debateTurns = pgTable(
  'debate_turns',
  {
    analysisId: text('analysis_id').notNull(),
    seq: integer('seq').notNull(),
    round: integer('round').notNull(),
    side: text('side').notNull(),
    argument: text('argument').notNull(),
    strength: doublePrecision('strength').notNull(),
    rebuts: text('rebuts'),
    evidence: jsonb('evidence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.analysisId, t.seq] })],
);

/** Answers of the narrating LLM, keyed by a hash of the model and the prompt, so one input costs one call. */
export const llmCache = pgTable('llm_cache', {
  key: text('key').primaryKey(),
  model: text('model').notNull(),
  response: jsonb('response').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

// Backtests. The row is the job's truth: the queue (pg-boss, or the in-process runner) only carries
// "run job X" messages; a worker claims a row before running it, so a message delivered twice runs
// the job once.

/**
 * One backtest job. `request` is the engine's job spec (settings, search, windows); `dataSource`
 * says how to get the candles again (the market query, or the stored user candles). Money in
 * `result` is decimal strings, as on the wire.
 */
export const backtests = pgTable(
  'backtests',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    progress: doublePrecision('progress').notNull(),
    strategy: jsonb('strategy').notNull(),
    /** The API's `BacktestDataSummary`. */
    data: jsonb('data').notNull(),
    /** The job as the engine runs it (a `JobSpec`). */
    spec: jsonb('spec').notNull(),
    /** The API's `BacktestRequestEcho`. */
    request: jsonb('request').notNull(),
    /** The report without its equity series; null until the job succeeded. */
    result: jsonb('result'),
    error: jsonb('error'),
    /** How many times a worker has claimed the job. */
    attempts: integer('attempts').notNull(),
    /** The worker running it, and when it last said it still is. */
    workerId: text('worker_id'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, mode: 'date' }),
    apiKeyId: text('api_key_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('backtests_status_idx').on(t.status, t.id)],
);

/** User candles of a job (inline or uploaded), kept so the job can run again after a restart. */
export const backtestCandles = pgTable('backtest_candles', {
  backtestId: text('backtest_id').primaryKey(),
  /** `[time, open, high, low, close, volume]` rows as numbers. */
  candles: jsonb('candles').notNull(),
});

/** The equity curve of a finished job: open times (ms), equity (decimal strings), drawdown (≤ 0). */
export const backtestSeries = pgTable('backtest_series', {
  backtestId: text('backtest_id').primaryKey(),
  times: jsonb('times').notNull(),
  equity: jsonb('equity').notNull(),
  drawdown: jsonb('drawdown').notNull(),
});

// Events, audit, safety and proposals.

/**
 * Every event published on the bus, numbered: what `GET /v1/events` replays after a `Last-Event-ID`.
 * `seq` is the event id clients see.
 */
export const events = pgTable(
  'events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    type: text('type').notNull(),
    symbol: text('symbol'),
    data: jsonb('data').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('events_type_idx').on(t.type, t.seq)],
);

/**
 * The audit log: append-only; each entry's `hash` is SHA-256 of the previous entry's hash and this
 * entry's canonical JSON, so an edited or deleted row breaks the chain.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorKind: text('actor_kind').notNull(),
    apiKeyId: text('api_key_id'),
    action: text('action').notNull(),
    target: text('target'),
    details: jsonb('details').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_action_idx').on(t.action, t.seq)],
);

/** Singleton rows of persisted state, by name: the safety enforcer's snapshot, the limits, the loop. */
export const settings = pgTable('settings', {
  name: text('name').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Trade proposals: the body as the API shows it, with the columns lists filter on. */
export const proposals = pgTable(
  'proposals',
  {
    id: text('id').primaryKey(),
    symbol: text('symbol').notNull(),
    status: text('status').notNull(),
    body: jsonb('body').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('proposals_status_idx').on(t.status, t.id), index('proposals_symbol_idx').on(t.symbol, t.id)],
);
