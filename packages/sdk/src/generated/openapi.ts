/**
 * DO NOT EDIT: generated from openapi/sigmax.yaml by scripts/generate-types.mjs.
 * Run `pnpm generate` after changing the spec.
 */

export interface paths {
    "/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness and readiness
         * @description Public. Answers 200 when the server is up and its database answers, 503 otherwise.
         */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server status as seen by the calling key */
        get: operations["status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This API description, as JSON */
        get: operations["openapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description Requires the `admin` scope. Secrets are never returned; only the key's prefix is.
         */
        get: operations["apiKeys.list"];
        put?: never;
        /**
         * Create an API key
         * @description Requires the `admin` scope. The secret `key` is in this response only; it is stored as a
         *     hash and cannot be shown again. A retry with the same `Idempotency-Key` creates nothing and
         *     answers 409 naming the key that was created.
         */
        post: operations["apiKeys.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Key id */
                id: string;
            };
            cookie?: never;
        };
        /** Get one API key */
        get: operations["apiKeys.get"];
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Requires the `admin` scope. The key stops working at once on the server that revoked it, and
         *     within 5 seconds on other replicas. Revoking a revoked key is a no-op that returns the key.
         *     The last active admin key cannot be revoked (409 `last_admin_key`).
         */
        delete: operations["apiKeys.revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/markets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tradable markets
         * @description Every market of the configured market-data source, with its trading rules.
         */
        get: operations["markets.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/markets/{symbol}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A market symbol with `-` for `/` (`BTC-USDT`), or URL-encoded (`BTC%2FUSDT`). */
                symbol: components["parameters"]["Symbol"];
            };
            cookie?: never;
        };
        /** One market and its trading rules */
        get: operations["markets.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/markets/{symbol}/candles": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A market symbol with `-` for `/` (`BTC-USDT`), or URL-encoded (`BTC%2FUSDT`). */
                symbol: components["parameters"]["Symbol"];
            };
            cookie?: never;
        };
        /**
         * Closed OHLCV candles, oldest first
         * @description With `since`, the first `limit` candles from `since` on; without it, the last `limit` candles
         *     before `until` (or before now). Only closed bars are returned, and a bar missing from the source
         *     stays missing: gaps are never filled in.
         */
        get: operations["markets.candles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/markets/{symbol}/ticker": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A market symbol with `-` for `/` (`BTC-USDT`), or URL-encoded (`BTC%2FUSDT`). */
                symbol: components["parameters"]["Symbol"];
            };
            cookie?: never;
        };
        /** Latest price, best bid and ask */
        get: operations["markets.ticker"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/markets/{symbol}/orderbook": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A market symbol with `-` for `/` (`BTC-USDT`), or URL-encoded (`BTC%2FUSDT`). */
                symbol: components["parameters"]["Symbol"];
            };
            cookie?: never;
        };
        /**
         * Order book snapshot
         * @description On a replay or synthetic market the book is modelled from candles (`synthetic: true`); on a ccxt
         *     market it is the exchange's book.
         */
        get: operations["markets.orderBook"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/markets/{symbol}/indicators": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A market symbol with `-` for `/` (`BTC-USDT`), or URL-encoded (`BTC%2FUSDT`). */
                symbol: components["parameters"]["Symbol"];
            };
            cookie?: never;
        };
        /**
         * Indicator series over the market's closed candles
         * @description The candles' open times with each requested indicator's series, aligned with them: `null` inside
         *     an indicator's warm-up period. Conventions follow TA-Lib (see the indicators guide). `names` is a
         *     comma-separated list of `name:param:param`, e.g. `rsi:14,macd:12:26:9,bbands:20:2`; parameters
         *     left out take their defaults. Known names: `sma:period`, `ema:period`, `rsi:period`,
         *     `macd:fast:slow:signal`, `bbands:period:k`, `atr:period`, `adx:period`, `willr:period`,
         *     `stoch:k:smoothK:d`, `obv`, `vwap:sessionHours` (0: cumulative over the candles read),
         *     `vprofile:bins:window` (point of control and value area over a rolling window).
         */
        get: operations["markets.indicators"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List orders, newest first */
        get: operations["orders.list"];
        put?: never;
        /**
         * Place an order
         * @description Requires the `trade` scope. The order is checked against the market's rules and the account's
         *     free balance, then sent to the venue (the paper exchange, or the configured ccxt exchange).
         *     A market order fills at once against the book (fully, partly, or not at all); a limit order
         *     fills what crosses and rests the remainder according to `timeInForce`.
         *
         *     A `clientOrderId` is unique: placing a second order with it answers 409
         *     `duplicate_client_order_id` with the existing order in the problem's `order` member.
         *     A request refused with 4xx writes nothing.
         */
        post: operations["orders.create"];
        /**
         * Cancel every open order
         * @description Requires the `trade` scope. Cancels the open orders of one market, or of all markets.
         */
        delete: operations["orders.cancelAll"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Order id. */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        /** Get one order */
        get: operations["orders.get"];
        put?: never;
        post?: never;
        /**
         * Cancel an open order
         * @description Requires the `trade` scope. An order that is already filled, canceled, expired, rejected or
         *     replaced answers 409 `order_not_cancelable`. A canceled order keeps the fills it had.
         */
        delete: operations["orders.cancel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/replace": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Order id. */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace an open limit order
         * @description Requires the `trade` scope. Cancels the open order (status `replaced`, `replacedBy` set) and
         *     places a new one with the same symbol, side and type and the given changes; the new order's
         *     quantity is the new total less what the old one already filled. Both happen or neither does.
         */
        post: operations["orders.replace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Order id. */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        /** Every status change of an order, oldest first */
        get: operations["orders.transitions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List fills (executions), newest first */
        get: operations["fills.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/positions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open positions, marked to the market */
        get: operations["positions.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/positions/{symbol}/close": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A market symbol with `-` for `/` (`BTC-USDT`), or URL-encoded (`BTC%2FUSDT`). */
                symbol: components["parameters"]["Symbol"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a position with a market order
         * @description Requires the `trade` scope. Places a market sell of the position's free quantity (open sell
         *     orders of the market are canceled first so their quantity is free) and returns that order.
         */
        post: operations["positions.close"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portfolio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Balances, positions and equity
         * @description Everything in the account's quote asset: `equity = cash + positionsValue`, where `cash` is the
         *     quote balance (free + locked) and `positionsValue` the positions marked at the last price.
         */
        get: operations["portfolio.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portfolio/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Equity over time, oldest first
         * @description One point per `interval`, recorded while the server runs (and after every fill). Points are
         *     never interpolated.
         */
        get: operations["portfolio.history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List past analyses, newest first */
        get: operations["analyses.list"];
        put?: never;
        /**
         * Run the multi-agent analysis of a market
         * @description Requires the `trade` scope. The researcher, technical analyst, bull, bear, judge, risk, privacy
         *     and optimizer agents look at the market's closed candles on several timeframes (and at news, when
         *     a source is reachable) and return an explained decision: action, confidence, suggested size,
         *     stop-loss and take-profit, each agent's findings with the numbers behind them, and the bull/bear
         *     debate turn by turn with the judge's verdict. Inputs that could not be had (news, LLM narration)
         *     are listed in `missingInputs`; the analysis still completes. The decision is computed from
         *     structured scores only, so the same inputs (see `provenance.inputHash`) give the same decision.
         */
        post: operations["analyses.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Analysis id. */
                id: components["parameters"]["AnalysisId"];
            };
            cookie?: never;
        };
        /** Get one analysis */
        get: operations["analyses.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{id}/explanation": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Analysis id. */
                id: components["parameters"]["AnalysisId"];
            };
            cookie?: never;
        };
        /**
         * The analysis explained in plain language (Markdown)
         * @description Why the decision is what it is, from the agents' findings and the debate.
         */
        get: operations["analyses.explanation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analyses/{id}/rerun": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Analysis id. */
                id: components["parameters"]["AnalysisId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run an analysis again on the same inputs
         * @description Requires the `trade` scope. Recomputes the analysis from the inputs stored with it (the same
         *     candles, news and parameters) and returns the new analysis; its decision equals the original's,
         *     and `provenance.rerunOf` names the original.
         */
        post: operations["analyses.rerun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/debates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Bull/bear debates of past analyses, newest first */
        get: operations["debates.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/strategies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The strategies a backtest can run, with their typed parameters
         * @description The multi-agent strategy and the templates, each with its parameters: type, range, step and
         *     default. A parameter search or walk-forward may vary any of them within its declared range.
         */
        get: operations["strategies.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backtests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List backtest jobs, newest first */
        get: operations["backtests.list"];
        put?: never;
        /**
         * Start a backtest job
         * @description Requires the `trade` scope. Queues a backtest and answers at once with `202` and the job
         *     (`status: queued`); follow it with `GET /v1/backtests/{id}` (its `progress` goes from 0 to 1)
         *     or the `backtest.*` events. `kind` chooses what runs:
         *     - `run`: one backtest of the strategy with its parameters;
         *     - `search`: a parameter search (`search`), then the best parameters run on the whole data;
         *     - `walk-forward`: parameters searched on each train window (`search`, `walkForward`) and run
         *       out of sample on the following test window, chained;
         *     - `monte-carlo`: one run, then its trade sequence resampled (`monteCarlo`).
         *
         *     Candles come from the configured market data (`data.source: market`: a symbol, timeframe and
         *     date range), from the request (`data.source: inline`: rows of
         *     `[time, open, high, low, close, volume]`) or from a CSV file sent as `multipart/form-data`
         *     (`data.source: upload`; the JSON request in the `request` part, the file in the `candles`
         *     part). User candles are checked (order, duplicates, high/low consistency); every problem is
         *     reported with its place.
         */
        post: operations["backtests.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backtests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Backtest job id. */
                id: components["parameters"]["BacktestId"];
            };
            cookie?: never;
        };
        /** Get a backtest job, with its report once it has succeeded */
        get: operations["backtests.get"];
        put?: never;
        post?: never;
        /**
         * Cancel a queued or running backtest job
         * @description Requires the `trade` scope. A queued job is cancelled at once; a running one stops within a
         *     second. Answers with the job as it is after the cancellation (`status: cancelled`). A job that
         *     has already finished cannot be cancelled (`409`, `backtest_not_cancelable`).
         */
        delete: operations["backtests.cancel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backtests/{id}/equity": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Backtest job id. */
                id: components["parameters"]["BacktestId"];
            };
            cookie?: never;
        };
        /**
         * The equity and drawdown curve of a finished backtest
         * @description One point per candle (for `walk-forward`, per out-of-sample candle), or at most `maxPoints`
         *     points: the series is then cut into buckets and each bucket keeps its lowest-drawdown point,
         *     so the deepest drawdown always survives. `409` while the job has no result.
         */
        get: operations["backtests.equity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backtests/{id}/chart.svg": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Backtest job id. */
                id: components["parameters"]["BacktestId"];
            };
            cookie?: never;
        };
        /**
         * Equity and drawdown chart of a finished backtest (SVG)
         * @description A self-contained SVG image; `409` while the job has no result.
         */
        get: operations["backtests.chart"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List proposals, newest first */
        get: operations["proposals.list"];
        put?: never;
        /**
         * Propose a trade from an analysis (or from a fresh analysis of a symbol)
         * @description Requires the `trade` scope. Turns the decision of an analysis into a market order proposal
         *     sized by the risk rules (fixed fraction of equity, capped by the compliance profile and by what is
         *     held), checks it against the compliance policy and the risk limits, and records both verdicts
         *     with their reasons. With `symbol`, a new analysis is run first. The approval policy then decides:
         *     on paper trading a proposal that passes is approved at once (`approval.mode: policy`); on live
         *     trading it waits for a human (`status: pending`). A proposal that fails compliance or risk is
         *     `rejected` with the reason. A `hold` decision proposes nothing (`422`, `no_trade_signal`).
         */
        post: operations["proposals.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Proposal id. */
                id: components["parameters"]["ProposalId"];
            };
            cookie?: never;
        };
        /** Get one proposal */
        get: operations["proposals.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Proposal id. */
                id: components["parameters"]["ProposalId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a pending proposal
         * @description Requires the `trade` scope. Only a `pending`, unexpired proposal can be approved (`409` otherwise).
         */
        post: operations["proposals.approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Proposal id. */
                id: components["parameters"]["ProposalId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a pending or approved proposal
         * @description Requires the `trade` scope. An executed, expired or rejected proposal cannot be rejected (`409`).
         */
        post: operations["proposals.reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proposals/{id}/execute": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Proposal id. */
                id: components["parameters"]["ProposalId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Execute an approved proposal
         * @description Requires the `trade` scope. Checks the proposal again against compliance, the risk limits and the
         *     safety enforcer at the current price, then places its order with the `clientOrderId` derived from
         *     the proposal, so executing twice places one order (the second call answers with the proposal as
         *     executed). `409` `trading_paused` while the safety enforcer blocks the order; `422`
         *     `risk_limit_exceeded` or `compliance_denied` with the reasons.
         */
        post: operations["proposals.execute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/safety": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The trading state, trigger counters, symbol locks and limits */
        get: operations["safety.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/safety/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the risk limits, safety triggers and compliance policy (admin)
         * @description Requires the `admin` scope. The given sections replace the current ones (a section left out is
         *     kept); the result is validated as a whole and persisted. Answers with the new status.
         */
        put: operations["safety.updateLimits"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/control/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause trading (for a while, or until resumed)
         * @description Requires the `trade` scope. New orders are refused (`HALTED`) until the pause ends or a resume.
         */
        post: operations["control.pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/control/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume trading
         * @description Requires the `trade` scope. Within the guard window after an automatic trigger or a panic,
         *     resuming needs `force: true` and the `admin` scope (`409` `resume_needs_force` without it).
         */
        post: operations["control.resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/control/panic": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Panic: cancel every open order, close every position at market, halt
         * @description Requires the `trade` scope. Halts trading first (so nothing new is placed), cancels every open
         *     order, closes every position with a market order, and answers with what it did. Trading stays
         *     `HALTED` until a forced resume.
         */
        post: operations["control.panic"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/control/loop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The autonomous loop's state */
        get: operations["control.loop"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/control/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start the autonomous loop
         * @description Requires the `trade` scope. On every candle close of `timeframe` for each symbol, the loop
         *     analyses the market, proposes, and executes what the approval policy approves. Only one server
         *     leads the loop at a time (a PostgreSQL advisory lock); others report `leader: false`. Starting
         *     a running loop replaces its settings.
         */
        post: operations["control.start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/control/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop the autonomous loop (after the cycle in progress) */
        post: operations["control.stop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live events (Server-Sent Events), resumable
         * @description A `text/event-stream` of typed events, each with an `id` (its sequence number), an `event` line
         *     (its type) and a JSON `data` line (an `Event`). Filter with `types` (exact types, or a prefix
         *     ending in `.*`, e.g. `order.*`) and `symbols`. A comment line is sent every `heartbeatSeconds`.
         *     Events are stored: reconnect with the `Last-Event-ID` header (or `lastEventId`) and every event
         *     after it is sent first, then the live ones, each exactly once.
         */
        get: operations["events.stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stored events after a given one, oldest first
         * @description The same events the stream sends, for clients that poll. Page forward with `after` (an event id).
         */
        get: operations["events.history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log, newest first
         * @description Requires the `admin` scope. Every action that changes something (API keys, orders, proposals,
         *     control, safety triggers, limits) is appended with the previous entry's hash, so an edited or
         *     deleted entry breaks the chain (see `GET /v1/audit/verify`).
         */
        get: operations["audit.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check the audit log's hash chain
         * @description Requires the `admin` scope. Recomputes every entry's hash in order; reports the first entry that was edited, or where one is missing.
         */
        get: operations["audit.verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Requires the `read` scope (configure the scraper with `authorization: { credentials: <key> }`).
         *     HTTP latency by route, orders by status, fills, P&L, equity, safety state, trigger counts,
         *     analysis and backtest latency, in the Prometheus text format.
         */
        get: operations["metrics.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description RFC 9457 problem details. */
        Problem: {
            /**
             * @description A URI naming the problem type.
             * @example https://sigmax.dev/problems/validation_failed
             */
            type: string;
            /** @description Short human summary of the problem type. */
            title: string;
            status: number;
            /** @description Explanation of this occurrence. */
            detail?: string;
            /** @description The request path. */
            instance?: string;
            code: components["schemas"]["ErrorCode"];
            requestId: string;
            /** @description One entry per invalid field (validation errors only). */
            errors?: components["schemas"]["FieldError"][];
        } & {
            [key: string]: unknown;
        };
        /**
         * @description Stable machine-readable error code. New codes may be added; clients should treat unknown codes by status.
         * @enum {string}
         */
        ErrorCode: "bad_request" | "invalid_json" | "unsupported_media_type" | "payload_too_large" | "validation_failed" | "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "idempotency_key_reused" | "last_admin_key" | "rate_limited" | "internal_error" | "service_unavailable" | "insufficient_funds" | "order_not_cancelable" | "duplicate_client_order_id" | "no_position" | "no_market_data" | "exchange_unavailable" | "exchange_error" | "insufficient_history" | "backtest_not_cancelable" | "backtest_not_finished" | "no_trade_signal" | "proposal_not_pending" | "proposal_not_approved" | "proposal_expired" | "trading_paused" | "risk_limit_exceeded" | "compliance_denied" | "resume_needs_force";
        FieldError: {
            /** @description Where the error is, e.g. `body.scopes[0]` or `query.limit`. */
            path: string;
            message: string;
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "degraded";
            version: string;
            /** Format: date-time */
            time: string;
            /** @enum {string} */
            database: "up" | "down";
        };
        /** @enum {string} */
        Scope: "read" | "trade" | "admin";
        Status: {
            version: string;
            /** Format: date-time */
            startedAt: string;
            uptimeSeconds: number;
            /** Format: date-time */
            time: string;
            /**
             * @description Where orders go.
             * @enum {string}
             */
            tradingMode: "paper" | "live";
            marketData: {
                /** @enum {string} */
                source: "replay" | "ccxt" | "synthetic";
            };
            database: {
                /** @enum {string} */
                driver: "pglite" | "postgres";
            };
            /** @description The key that made this request. */
            apiKey: {
                id: string;
                name: string;
                scopes: components["schemas"]["Scope"][];
            };
        };
        ApiKey: {
            id: string;
            name: string;
            /** @description The first characters of the key, to recognise it (e.g. `sk_sigmax_Ab12`). */
            prefix: string;
            scopes: components["schemas"]["Scope"][];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
        };
        /** @description A new key, with its secret. */
        ApiKeyCreated: {
            id: string;
            name: string;
            prefix: string;
            scopes: components["schemas"]["Scope"][];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            /** @description The secret. Shown once; store it now. */
            key: string;
        };
        ApiKeyCreate: {
            name: string;
            scopes: components["schemas"]["Scope"][];
        };
        ApiKeyList: {
            data: components["schemas"]["ApiKey"][];
            nextCursor: string | null;
        };
        /**
         * @description A non-negative decimal number as a string (never a float), e.g. `"0.015"`.
         * @example 65000.5
         */
        Decimal: string;
        /**
         * @description A decimal number as a string, possibly negative.
         * @example -12.5
         */
        SignedDecimal: string;
        /** @enum {string} */
        Timeframe: "1m" | "5m" | "15m" | "30m" | "1h" | "4h" | "1d";
        Market: {
            /** @example BTC/USDT */
            symbol: string;
            base: string;
            quote: string;
            tickSize: components["schemas"]["Decimal"];
            lotSize: components["schemas"]["Decimal"];
            minQuantity: components["schemas"]["Decimal"];
            minNotional: components["schemas"]["Decimal"];
            /** @description Decimal places of prices. */
            pricePrecision: number;
            /** @description Decimal places of quantities. */
            amountPrecision: number;
            timeframes: components["schemas"]["Timeframe"][];
            /** @description What backs this market's data: the exchange, or the data set and its licence. */
            source: string;
        };
        MarketList: {
            data: components["schemas"]["Market"][];
        };
        Candle: {
            /**
             * Format: date-time
             * @description Open time of the bar.
             */
            time: string;
            open: components["schemas"]["Decimal"];
            high: components["schemas"]["Decimal"];
            low: components["schemas"]["Decimal"];
            close: components["schemas"]["Decimal"];
            volume: components["schemas"]["Decimal"];
        };
        CandleList: {
            symbol: string;
            timeframe: components["schemas"]["Timeframe"];
            data: components["schemas"]["Candle"][];
        };
        Ticker: {
            symbol: string;
            /** Format: date-time */
            time: string;
            last: components["schemas"]["Decimal"];
            bid: components["schemas"]["Decimal"];
            ask: components["schemas"]["Decimal"];
            high24h?: components["schemas"]["Decimal"];
            low24h?: components["schemas"]["Decimal"];
            volume24h?: components["schemas"]["Decimal"];
            /** @description The price is older than it should be (a gap in the data, or a replay past its end). Do not trade on it. */
            stale: boolean;
        };
        /** @description `[price, quantity]` */
        PriceLevel: [
            components["schemas"]["Decimal"],
            components["schemas"]["Decimal"]
        ];
        OrderBook: {
            symbol: string;
            /** Format: date-time */
            time: string;
            /** @description Best (highest) first. */
            bids: components["schemas"]["PriceLevel"][];
            /** @description Best (lowest) first. */
            asks: components["schemas"]["PriceLevel"][];
            /** @description Modelled from candles rather than read from an exchange. */
            synthetic: boolean;
            stale: boolean;
        };
        /** @enum {string} */
        OrderSide: "buy" | "sell";
        /** @enum {string} */
        OrderType: "market" | "limit";
        /**
         * @description `GTC` rests until canceled; `IOC` fills what it can now and cancels the rest; `FOK` fills completely now or not at all.
         * @enum {string}
         */
        TimeInForce: "GTC" | "IOC" | "FOK";
        /** @enum {string} */
        OrderStatus: "pending_new" | "open" | "partially_filled" | "filled" | "pending_cancel" | "canceled" | "expired" | "rejected" | "denied" | "unknown" | "replaced";
        OrderCreate: {
            /** @example BTC/USDT */
            symbol: string;
            side: components["schemas"]["OrderSide"];
            type: components["schemas"]["OrderType"];
            /** @description In base units; a multiple of the market's `lotSize`, at least its `minQuantity`. */
            quantity: components["schemas"]["Decimal"];
            /** @description Limit price (limit orders only); a multiple of the market's `tickSize`. */
            price?: components["schemas"]["Decimal"];
            /** @description Default `GTC` for limit orders, `IOC` for market orders. */
            timeInForce?: components["schemas"]["TimeInForce"];
            /**
             * @description Limit orders only. An order that would take liquidity is rejected instead.
             * @default false
             */
            postOnly: boolean;
            /** @description Your own id for the order, unique per account. Generated when absent. */
            clientOrderId?: string;
        };
        OrderReplace: {
            /** @description New total quantity (what already filled counts towards it). */
            quantity?: components["schemas"]["Decimal"];
            /** @description New limit price. */
            price?: components["schemas"]["Decimal"];
            /** @description The new order's client id. Generated when absent. */
            clientOrderId?: string;
        };
        Order: {
            id: string;
            clientOrderId: string;
            symbol: string;
            side: components["schemas"]["OrderSide"];
            type: components["schemas"]["OrderType"];
            timeInForce: components["schemas"]["TimeInForce"];
            postOnly: boolean;
            quantity: components["schemas"]["Decimal"];
            /** @description Limit price; null for market orders. */
            price: components["schemas"]["Decimal"] | null;
            status: components["schemas"]["OrderStatus"];
            /** @description Why the order has its status. */
            statusReason: string | null;
            filledQuantity: components["schemas"]["Decimal"];
            remainingQuantity: components["schemas"]["Decimal"];
            /** @description Sum of price × quantity over the fills, in the quote asset. */
            filledNotional: components["schemas"]["Decimal"];
            averageFillPrice: components["schemas"]["Decimal"] | null;
            /** @description Sum of the fills' fees (negative for a net rebate). */
            fees: components["schemas"]["SignedDecimal"];
            feeAsset: string;
            /** @description `paper`, or `ccxt:<exchange id>`. */
            venue: string;
            /** @description The venue's own id for the order. */
            venueOrderId: string | null;
            /** @description The order this one replaced. */
            replaces: string | null;
            /** @description The order that replaced this one. */
            replacedBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        OrderList: {
            data: components["schemas"]["Order"][];
            nextCursor: string | null;
        };
        CancelAllResult: {
            data: components["schemas"]["Order"][];
        };
        OrderTransition: {
            from: components["schemas"]["OrderStatus"] | null;
            to: components["schemas"]["OrderStatus"];
            reason: string | null;
            /** Format: date-time */
            at: string;
        };
        OrderTransitionList: {
            orderId: string;
            data: components["schemas"]["OrderTransition"][];
        };
        Fill: {
            id: string;
            orderId: string;
            clientOrderId: string;
            symbol: string;
            side: components["schemas"]["OrderSide"];
            price: components["schemas"]["Decimal"];
            quantity: components["schemas"]["Decimal"];
            notional: components["schemas"]["Decimal"];
            /** @description Negative for a maker rebate. */
            fee: components["schemas"]["SignedDecimal"];
            feeAsset: string;
            /** @enum {string} */
            liquidity: "maker" | "taker";
            /** Format: date-time */
            time: string;
        };
        FillList: {
            data: components["schemas"]["Fill"][];
            nextCursor: string | null;
        };
        Position: {
            symbol: string;
            /** @description Base units held. */
            quantity: components["schemas"]["Decimal"];
            averageEntryPrice: components["schemas"]["Decimal"] | null;
            /** @description Quote spent on what is still held (average cost; fees are counted apart, in `fees`). */
            costBasis: components["schemas"]["Decimal"];
            /** @description Last price used to value the position; null when the market has no price. */
            markPrice: components["schemas"]["Decimal"] | null;
            marketValue: components["schemas"]["Decimal"];
            unrealizedPnl: components["schemas"]["SignedDecimal"];
            realizedPnl: components["schemas"]["SignedDecimal"];
            fees: components["schemas"]["SignedDecimal"];
        };
        PositionList: {
            data: components["schemas"]["Position"][];
        };
        Balance: {
            asset: string;
            free: components["schemas"]["Decimal"];
            /** @description Reserved by open orders. */
            locked: components["schemas"]["Decimal"];
            total: components["schemas"]["Decimal"];
        };
        Portfolio: {
            /** Format: date-time */
            time: string;
            quoteAsset: string;
            cash: components["schemas"]["Decimal"];
            positionsValue: components["schemas"]["Decimal"];
            equity: components["schemas"]["Decimal"];
            unrealizedPnl: components["schemas"]["SignedDecimal"];
            realizedPnl: components["schemas"]["SignedDecimal"];
            fees: components["schemas"]["SignedDecimal"];
            balances: components["schemas"]["Balance"][];
            positions: components["schemas"]["Position"][];
        };
        EquityPoint: {
            /** Format: date-time */
            time: string;
            equity: components["schemas"]["Decimal"];
            cash: components["schemas"]["Decimal"];
            positionsValue: components["schemas"]["Decimal"];
            realizedPnl: components["schemas"]["SignedDecimal"];
            unrealizedPnl: components["schemas"]["SignedDecimal"];
        };
        EquityHistory: {
            quoteAsset: string;
            data: components["schemas"]["EquityPoint"][];
            nextCursor: string | null;
        };
        OrderConflictProblem: components["schemas"]["Problem"] & {
            /** @description The existing order (`duplicate_client_order_id`) or the order in its current state (`order_not_cancelable`). */
            order?: components["schemas"]["Order"];
        };
        IndicatorSeries: {
            /** @description As requested, normalised: `macd:12:26:9`. */
            name: string;
            /** @example macd */
            indicator: string;
            params: number[];
            /** @description Candles needed before the first value. */
            warmup: number;
            /** @description One series per output (`value` for single-output indicators; `macd`, `signal`, `histogram` for MACD; ...), aligned with `time`. */
            outputs: {
                [key: string]: (number | null)[];
            };
        };
        IndicatorSeriesList: {
            symbol: string;
            timeframe: components["schemas"]["Timeframe"];
            /** @description Open times of the candles the series are aligned with. */
            time: string[];
            series: components["schemas"]["IndicatorSeries"][];
        };
        /** @enum {string} */
        DecisionAction: "buy" | "sell" | "hold";
        AnalysisCreate: {
            /** @example BTC/USDT */
            symbol: string;
            /** @description Default `["1h", "4h", "1d"]`, limited to those the market serves. */
            timeframes?: components["schemas"]["Timeframe"][];
            /** @default 2 */
            debateRounds: number;
            /** @description Quote capital to size for; default the portfolio's equity. */
            capital?: components["schemas"]["Decimal"];
        };
        Evidence: {
            /** @example rsi:14 (4h) */
            name: string;
            value: number | string;
            /** @description The agent or indicator it comes from. */
            source?: string;
        };
        /** @enum {string} */
        AgentName: "researcher" | "technical" | "bull" | "bear" | "judge" | "risk" | "privacy" | "optimizer";
        AgentFinding: {
            agent: components["schemas"]["AgentName"];
            summary: string;
            /** @description Bearish −1 … +1 bullish (0 for agents that do not take a side). */
            score: number;
            evidence: components["schemas"]["Evidence"][];
            warnings: string[];
        };
        DebateTurn: {
            round: number;
            /** @enum {string} */
            side: "bull" | "bear";
            argument: string;
            strength: number;
            /** @description The opposing point this turn answers. */
            rebuts?: string | null;
            evidence: components["schemas"]["Evidence"][];
        };
        Verdict: {
            action: components["schemas"]["DecisionAction"];
            confidence: number;
            bullScore: number;
            bearScore: number;
            reasoning: string;
        };
        Debate: {
            analysisId: string;
            symbol: string;
            /** Format: date-time */
            createdAt: string;
            rounds: number;
            turns: components["schemas"]["DebateTurn"][];
            verdict: components["schemas"]["Verdict"];
        };
        DebateList: {
            data: components["schemas"]["Debate"][];
            nextCursor: string | null;
        };
        Decision: {
            action: components["schemas"]["DecisionAction"];
            confidence: number;
            /** @description Suggested quantity in the base asset (0 for hold). */
            size: components["schemas"]["Decimal"];
            notional: components["schemas"]["Decimal"];
            entryPrice: components["schemas"]["Decimal"];
            stopLoss: components["schemas"]["Decimal"] | null;
            takeProfit: components["schemas"]["Decimal"] | null;
        };
        Provenance: {
            /** @description SHA-256 of the canonical inputs: candles, news and parameters. */
            inputHash: string;
            engineVersion: string;
            parameters: Record<string, never>;
            candles: {
                timeframe: components["schemas"]["Timeframe"];
                count: number;
                /** Format: date-time */
                from: string;
                /** Format: date-time */
                to: string;
            }[];
            rerunOf: string | null;
        };
        Analysis: {
            id: string;
            symbol: string;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description Close time of the latest candle the agents saw.
             */
            asOf: string;
            decision: components["schemas"]["Decision"];
            agents: components["schemas"]["AgentFinding"][];
            debate: {
                rounds: number;
                turns: components["schemas"]["DebateTurn"][];
                verdict: components["schemas"]["Verdict"];
            };
            /** @description Inputs that could not be had, e.g. `news`, `llm`. */
            missingInputs: string[];
            /** @enum {string} */
            narration: "template" | "llm";
            provenance: components["schemas"]["Provenance"];
        };
        AnalysisList: {
            data: components["schemas"]["Analysis"][];
            nextCursor: string | null;
        };
        /** @description A strategy parameter's value (a number, or one of a choice parameter's values). */
        ParamValue: number | string;
        StrategyParam: {
            name: string;
            /** @enum {string} */
            type: "int" | "float" | "choice";
            min?: number;
            max?: number;
            /** @description The grid a parameter search walks. */
            step?: number;
            choices?: components["schemas"]["ParamValue"][];
            default: components["schemas"]["ParamValue"];
            description?: string;
        };
        Strategy: {
            /** @example sma-crossover */
            name: string;
            description: string;
            params: components["schemas"]["StrategyParam"][];
        };
        StrategyList: {
            data: components["schemas"]["Strategy"][];
        };
        /** @enum {string} */
        BacktestKind: "run" | "search" | "walk-forward" | "monte-carlo";
        /** @enum {string} */
        BacktestStatus: "queued" | "running" | "succeeded" | "failed" | "cancelled";
        BacktestStrategy: {
            /**
             * @description A strategy of `GET /v1/strategies`.
             * @example sma-crossover
             */
            name: string;
            /** @description Parameter values; the ones left out take their default. */
            params?: {
                [key: string]: components["schemas"]["ParamValue"];
            };
        };
        /** @description `[time, open, high, low, close, volume]`; time in milliseconds since the epoch or ISO 8601, the rest numbers or decimal strings. */
        CandleRow: (number | string)[];
        /** @description Where the candles come from. */
        BacktestData: {
            /** @constant */
            source: "market";
            /** @example BTC/USDT */
            symbol: string;
            /** @description Default `4h`. */
            timeframe?: components["schemas"]["Timeframe"];
            /**
             * Format: date-time
             * @description First candle's open time, inclusive; default the first candle the market has.
             */
            from?: string;
            /**
             * Format: date-time
             * @description Last candle's open time, exclusive; default after the last candle.
             */
            to?: string;
        } | {
            /** @constant */
            source: "inline";
            /**
             * @description Names the base and quote assets.
             * @example BTC/USDT
             */
            symbol: string;
            candles: components["schemas"]["CandleRow"][];
        } | {
            /** @constant */
            source: "upload";
            /** @example BTC/USDT */
            symbol: string;
        };
        /** @description How many units an opening order trades. */
        BacktestSizing: {
            /**
             * @description As many whole lots as the cash buys, fees included.
             * @constant
             */
            kind: "all-in";
        } | {
            /** @constant */
            kind: "units";
            units: components["schemas"]["Decimal"];
        } | {
            /** @constant */
            kind: "fraction";
            /** @description Share of equity per position. */
            fraction: number;
        } | {
            /** @constant */
            kind: "risk";
            /** @enum {string} */
            method: "volatility-target" | "half-kelly";
            /** @description Required for `volatility-target`, e.g. 0.2 for 20 % a year. */
            targetVolatility?: number;
            /** @description Default 30. */
            lookback?: number;
            /** @description Default 1. */
            maxFraction?: number;
            /** @description Default 10. */
            minTrades?: number;
            /** @description Default 0.1. */
            startFraction?: number;
        };
        /** @description How the simulated account trades. Every field has a default. */
        BacktestSettings: {
            /** @description Default `"10000"`. */
            initialCash?: components["schemas"]["Decimal"];
            /** @description Default 10 (0.1 %). */
            makerFeeBps?: number;
            /** @description Default 10 (0.1 %). */
            takerFeeBps?: number;
            /** @description Default 0. */
            slippageBps?: number;
            /**
             * @description When an order placed after a candle closed fills: the next open (default), that close, or within the next bar with slippage.
             * @enum {string}
             */
            fill?: "next-open" | "close" | "intrabar";
            /** @description For `intrabar`: share of the way from the open to the bar's extreme. Default 0.5. */
            intrabarSlippage?: number;
            sizing?: components["schemas"]["BacktestSizing"];
            /** @description Quantities are whole multiples of it. Default `"1"`. */
            lotSize?: components["schemas"]["Decimal"];
            /** @description Whether a short signal opens a short position. Default false. */
            allowShort?: boolean;
            /**
             * @description On an opposite signal: reverse (default) or only close.
             * @enum {string}
             */
            onOpposite?: "reverse" | "close";
            /**
             * @description At the last candle: close the position at its close (default), mark it to market, or close it at the last open.
             * @enum {string}
             */
            atEnd?: "close" | "mark" | "close-at-last-open";
            /**
             * @description Runs the live safety enforcer on the simulated clock: closed round trips feed its triggers
             *     (consecutive losses, daily loss) and per-symbol protections, and a position is opened only
             *     when it allows. Nobody resumes trading in a backtest: `resumeAfterMinutes` resumes it
             *     (forced) that long after a pause; without it a trip ends new entries for the run.
             */
            safety?: {
                config?: components["schemas"]["SafetyConfig"];
                resumeAfterMinutes?: number;
            };
        };
        /** @description A range to search: `min`/`max`/`step` for numbers, or `choices`. Unset bounds keep the declared ones. */
        ParamRange: {
            min?: number;
            max?: number;
            step?: number;
            choices?: components["schemas"]["ParamValue"][];
        };
        /** @description A parameter search (for `search` and `walk-forward`). */
        SearchSettings: {
            /** @description Ranges of the parameters to vary, by name; the others stay at the strategy's parameters. */
            ranges?: {
                [key: string]: components["schemas"]["ParamRange"];
            };
            /**
             * @description What the search maximises. Default `sharpe`.
             * @enum {string}
             */
            objective?: "sharpe" | "calmar" | "totalReturn" | "returnWithDrawdownCap";
            /** @description For `returnWithDrawdownCap`: the largest drawdown allowed (fraction). */
            maxDrawdown?: number;
            /**
             * @description Default `grid`.
             * @enum {string}
             */
            method?: "grid" | "random" | "genetic";
            /** @description Points a `random` search draws. Default 100. */
            samples?: number;
            /** @description For `genetic`. Default 24. */
            populationSize?: number;
            /** @description For `genetic`. Default 15. */
            generations?: number;
            /** @description Seed of `random` and `genetic`: the same seed gives the same search. Default 1. */
            seed?: number | string;
            /** @description Best points kept in the report. Default 20. */
            top?: number;
        };
        WalkForwardSettings: {
            /** @description Candles of a train window. */
            train: number;
            /** @description Candles of a test window. */
            test: number;
            /**
             * @description Default `rolling`.
             * @enum {string}
             */
            mode?: "rolling" | "anchored";
            /** @description Candles before each test window that only warm the strategy up. Default `train`. */
            warmup?: number;
        };
        MonteCarloSettings: {
            /**
             * @description Default `bootstrap`.
             * @enum {string}
             */
            method?: "bootstrap" | "shuffle";
            /** @description Default 1000. */
            runs?: number;
            /** @description Default 1. */
            seed?: number | string;
            /** @description A run is ruined once its equity falls to this fraction of the start. Default 0.5. */
            ruinThreshold?: number;
        };
        BacktestCreate: {
            /** @description Default `run`. */
            kind?: components["schemas"]["BacktestKind"];
            strategy: components["schemas"]["BacktestStrategy"];
            data: components["schemas"]["BacktestData"];
            settings?: components["schemas"]["BacktestSettings"];
            search?: components["schemas"]["SearchSettings"];
            walkForward?: components["schemas"]["WalkForwardSettings"];
            monteCarlo?: components["schemas"]["MonteCarloSettings"];
        };
        BacktestDataSummary: {
            /** @enum {string} */
            source: "market" | "inline" | "upload";
            symbol: string;
            timeframe: components["schemas"]["Timeframe"] | null;
            /**
             * Format: date-time
             * @description Open time of the first candle.
             */
            from: string;
            /**
             * Format: date-time
             * @description Open time of the last candle.
             */
            to: string;
            candles: number;
        };
        BacktestError: {
            /** @example interrupted */
            code: string;
            message: string;
        };
        BacktestSummary: {
            id: string;
            kind: components["schemas"]["BacktestKind"];
            status: components["schemas"]["BacktestStatus"];
            /** @description Share of the work done. */
            progress: number;
            strategy: components["schemas"]["BacktestStrategy"];
            data: components["schemas"]["BacktestDataSummary"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            error: components["schemas"]["BacktestError"] | null;
        };
        BacktestList: {
            data: components["schemas"]["BacktestSummary"][];
            nextCursor: string | null;
        };
        /** @description A backtest job (the fields of `BacktestSummary`, with the request and, once it has succeeded, the report). */
        Backtest: {
            id: string;
            kind: components["schemas"]["BacktestKind"];
            status: components["schemas"]["BacktestStatus"];
            /** @description Share of the work done. */
            progress: number;
            strategy: components["schemas"]["BacktestStrategy"];
            data: components["schemas"]["BacktestDataSummary"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            error: components["schemas"]["BacktestError"] | null;
            request: components["schemas"]["BacktestRequestEcho"];
            result: components["schemas"]["BacktestReport"] | null;
        };
        /** @description The request as the job runs it (inline or uploaded candles left out). */
        BacktestRequestEcho: {
            settings: components["schemas"]["BacktestSettings"];
            search?: components["schemas"]["SearchSettings"];
            walkForward?: components["schemas"]["WalkForwardSettings"];
            monteCarlo?: components["schemas"]["MonteCarloSettings"];
        };
        /**
         * @description Performance figures. Returns, drawdowns and ratios are fractions (`0.05` is 5 %); amounts of
         *     money are decimal strings in the quote asset. A ratio whose denominator is zero is `null`.
         */
        BacktestMetrics: {
            startEquity: components["schemas"]["SignedDecimal"];
            endEquity: components["schemas"]["SignedDecimal"];
            totalReturn: number;
            annualizedReturn: number;
            volatility: number;
            sharpe: number | null;
            sortino: number | null;
            calmar: number | null;
            maxDrawdown: number;
            maxDrawdownBars: number;
            maxDrawdownDurationMs: number;
            trades: number;
            winRate: number | null;
            profitFactor: number | null;
            /** @description Mean trade P&L. */
            expectancy: components["schemas"]["SignedDecimal"] | null;
            averageTrade: components["schemas"]["SignedDecimal"] | null;
            averageTradeReturn: number | null;
            bestTrade: components["schemas"]["SignedDecimal"] | null;
            worstTrade: components["schemas"]["SignedDecimal"] | null;
            exposure: number;
            feesPaid: components["schemas"]["Decimal"];
            periodsPerYear: number;
            bars: number;
        };
        BacktestTrade: {
            /** @enum {string} */
            side: "long" | "short";
            quantity: components["schemas"]["Decimal"];
            /** Format: date-time */
            entryTime: string;
            entryPrice: components["schemas"]["Decimal"];
            /** Format: date-time */
            exitTime: string;
            exitPrice: components["schemas"]["Decimal"];
            fees: components["schemas"]["Decimal"];
            pnl: components["schemas"]["SignedDecimal"];
            returnPct: number;
            /** @description A position still open at the end, marked at the last close. */
            open: boolean;
        };
        /** @description One backtest on the whole data (for `walk-forward`, the chained out-of-sample runs). */
        BacktestRunReport: {
            params: {
                [key: string]: components["schemas"]["ParamValue"];
            };
            metrics: components["schemas"]["BacktestMetrics"];
            trades: components["schemas"]["BacktestTrade"][];
            /** @description Null for a walk-forward, whose chained test runs have no single account. */
            finalCash: components["schemas"]["SignedDecimal"] | null;
            /** @description Signed base units held at the end; null for a walk-forward. */
            finalPosition: components["schemas"]["SignedDecimal"] | null;
            finalEquity: components["schemas"]["SignedDecimal"];
            feesPaid: components["schemas"]["Decimal"];
            /** @description Equity fell to zero with a position open; trading stopped there. */
            outOfMoney: boolean;
            /** @description With `settings.safety`, what the enforcer did. */
            safety?: {
                /** @description Signals to open a position it refused. */
                blockedEntries: number;
                pauses: number;
                resumes: number;
                finalState: components["schemas"]["SafetyState"];
            };
        };
        ScoredParams: {
            params: {
                [key: string]: components["schemas"]["ParamValue"];
            };
            /** @description The objective's score; `null` for a result the objective rules out. */
            score: number | null;
            metrics: components["schemas"]["BacktestMetrics"];
        };
        SearchReport: {
            /** @enum {string} */
            method: "grid" | "random" | "genetic";
            objective: string;
            evaluated: number;
            best: components["schemas"]["ScoredParams"];
            /** @description The best points, best first. */
            top: components["schemas"]["ScoredParams"][];
        };
        WalkForwardWindowReport: {
            index: number;
            /** Format: date-time */
            trainFrom: string;
            /** Format: date-time */
            trainTo: string;
            /** Format: date-time */
            testFrom: string;
            /** Format: date-time */
            testTo: string;
            params: {
                [key: string]: components["schemas"]["ParamValue"];
            };
            score: number | null;
            evaluated: number;
            inSample: components["schemas"]["BacktestMetrics"];
            outOfSample: components["schemas"]["BacktestMetrics"];
        };
        Percentiles: {
            p5: number;
            p25: number;
            p50: number;
            p75: number;
            p95: number;
        };
        MonteCarloReport: {
            /** @enum {string} */
            method: "bootstrap" | "shuffle";
            runs: number;
            trades: number;
            seed: number | string;
            ruinThreshold: number;
            original: {
                finalReturn: number;
                maxDrawdown: number;
                ruined: boolean;
            };
            finalReturn: components["schemas"]["Percentiles"];
            maxDrawdown: components["schemas"]["Percentiles"];
            probabilityOfRuin: number;
        };
        BacktestReport: {
            run: components["schemas"]["BacktestRunReport"];
            search?: components["schemas"]["SearchReport"];
            walkForward?: {
                windows: components["schemas"]["WalkForwardWindowReport"][];
            };
            monteCarlo?: components["schemas"]["MonteCarloReport"];
        };
        EquitySample: {
            /**
             * Format: date-time
             * @description Open time of the candle after whose close the equity was taken.
             */
            time: string;
            equity: components["schemas"]["SignedDecimal"];
            /** @description Equity over its running peak, minus one (≤ 0). */
            drawdown: number;
        };
        BacktestEquity: {
            id: string;
            /** @description Points of the full series. */
            total: number;
            points: components["schemas"]["EquitySample"][];
        };
        /** @enum {string} */
        ProposalStatus: "pending" | "approved" | "rejected" | "executed" | "expired" | "failed";
        /** @description Exactly one of `analysisId` (propose from that analysis) and `symbol` (analyse it now, then propose). */
        ProposalCreate: {
            analysisId?: string;
            /** @example BTC/USDT */
            symbol?: string;
            /** @description How long the proposal can be executed. Default 300. */
            ttlSeconds?: number;
        };
        ProposalDecision: {
            reason?: string;
        };
        ComplianceReason: {
            /** @example deny_list */
            rule: string;
            passed: boolean;
            message: string;
        };
        ComplianceVerdict: {
            approved: boolean;
            reasons: components["schemas"]["ComplianceReason"][];
            policyVersion: string;
            policyHash: string;
            /** @enum {string} */
            profile: "conservative" | "balanced" | "aggressive";
        };
        RiskViolation: {
            /** @example max_notional */
            code: string;
            message: string;
            limit?: string;
            actual?: string;
        };
        RiskVerdict: {
            ok: boolean;
            violations: components["schemas"]["RiskViolation"][];
        };
        ProposalApproval: {
            /**
             * @description `policy`: decided by the approval policy; `manual`: by a person with a key.
             * @enum {string}
             */
            mode: "policy" | "manual";
            apiKeyId: string | null;
            /** Format: date-time */
            at: string;
            reason: string;
        };
        Proposal: {
            id: string;
            symbol: string;
            side: components["schemas"]["OrderSide"];
            quantity: components["schemas"]["Decimal"];
            /** @description The price it was sized at. */
            referencePrice: components["schemas"]["Decimal"];
            notional: components["schemas"]["Decimal"];
            stopLoss: components["schemas"]["Decimal"] | null;
            takeProfit: components["schemas"]["Decimal"] | null;
            analysisId: string | null;
            confidence: number | null;
            rationale: string;
            status: components["schemas"]["ProposalStatus"];
            compliance: components["schemas"]["ComplianceVerdict"];
            risk: components["schemas"]["RiskVerdict"];
            approval: components["schemas"]["ProposalApproval"] | null;
            /** @description The order's clientOrderId; executing twice places one order. */
            clientOrderId: string;
            orderId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            executedAt: string | null;
            error: components["schemas"]["BacktestError"] | null;
        };
        ProposalList: {
            data: components["schemas"]["Proposal"][];
            nextCursor: string | null;
        };
        /**
         * @description `REDUCING`: only orders that reduce a position are allowed; `HALTED`: no order.
         * @enum {string}
         */
        SafetyState: "ACTIVE" | "REDUCING" | "HALTED";
        SafetyTriggerStatus: {
            /** @enum {string} */
            name: "consecutive_losses" | "daily_loss" | "api_errors" | "slippage" | "sentiment" | "privacy_breach";
            enabled: boolean;
            /** @enum {string} */
            action: "REDUCING" | "HALTED";
            tripped: boolean;
            /** @description The figure watched (a count, an amount, bps, a score). */
            value: string | null;
            threshold: string | null;
        };
        SymbolLock: {
            symbol: string;
            /** @enum {string} */
            protection: "max_drawdown" | "cooldown" | "stop_loss_guard" | "low_profit";
            reason: string;
            /** Format: date-time */
            until: string;
        };
        /** @description The risk limits, safety triggers and protections, and the compliance policy (see docs/safety.md). Amounts are decimal strings. */
        SafetyLimits: {
            risk: components["schemas"]["RiskLimits"];
            safety: components["schemas"]["SafetyConfig"];
            compliance: components["schemas"]["CompliancePolicy"];
        };
        SafetyLimitsUpdate: {
            risk?: components["schemas"]["RiskLimits"];
            safety?: components["schemas"]["SafetyConfig"];
            compliance?: components["schemas"]["CompliancePolicy"];
        };
        SymbolRiskLimits: {
            maxPosition?: components["schemas"]["Decimal"];
            maxNotional?: components["schemas"]["Decimal"];
        };
        RiskLimits: {
            symbols?: {
                [key: string]: components["schemas"]["SymbolRiskLimits"];
            };
            defaultSymbol?: components["schemas"]["SymbolRiskLimits"];
            /** @description Gross exposure over equity. */
            maxGrossExposure?: components["schemas"]["Decimal"];
            maxLeverage?: components["schemas"]["Decimal"];
            /** @description Quote amount. */
            dailyLossLimit?: components["schemas"]["Decimal"];
            /** @description Fraction of the day's starting equity. */
            dailyLossFraction?: components["schemas"]["Decimal"];
            /** @description How far a limit price may be from the last price. */
            priceBandBps?: components["schemas"]["Decimal"];
            maxOrdersPerMinute?: number;
            /** @description Share of equity a proposal sizes for (before the caps). Default `"0.05"`. */
            positionFraction?: components["schemas"]["Decimal"];
        };
        TriggerConfig: {
            enabled?: boolean;
            /** @enum {string} */
            action?: "REDUCING" | "HALTED";
            threshold?: number;
            limit?: components["schemas"]["Decimal"];
            maxBps?: components["schemas"]["Decimal"];
            floor?: number;
        };
        SafetyConfig: {
            triggers?: {
                consecutiveLosses?: components["schemas"]["TriggerConfig"];
                dailyLoss?: components["schemas"]["TriggerConfig"];
                apiErrors?: components["schemas"]["TriggerConfig"];
                slippage?: components["schemas"]["TriggerConfig"];
                sentiment?: components["schemas"]["TriggerConfig"];
                privacyBreach?: components["schemas"]["TriggerConfig"];
            };
            protections?: {
                maxDrawdown?: {
                    enabled?: boolean;
                    limit?: components["schemas"]["Decimal"];
                    lookbackMinutes?: number;
                    lockMinutes?: number;
                };
                cooldown?: {
                    enabled?: boolean;
                    minutes?: number;
                };
                stopLossGuard?: {
                    enabled?: boolean;
                    count?: number;
                    windowMinutes?: number;
                    lockMinutes?: number;
                };
                lowProfit?: {
                    enabled?: boolean;
                    minProfit?: components["schemas"]["SignedDecimal"];
                    minTrades?: number;
                    lookbackMinutes?: number;
                    lockMinutes?: number;
                };
            };
            guardMinutes?: number;
        };
        CompliancePolicy: {
            version?: string;
            /** @enum {string} */
            profile?: "conservative" | "balanced" | "aggressive";
            allowList?: string[];
            denyList?: string[];
            profiles?: {
                conservative?: components["schemas"]["ProfileLimit"];
                balanced?: components["schemas"]["ProfileLimit"];
                aggressive?: components["schemas"]["ProfileLimit"];
            };
        };
        ProfileLimit: {
            maxPositionPercent?: components["schemas"]["Decimal"];
        };
        SafetyStatus: {
            state: components["schemas"]["SafetyState"];
            reason: string | null;
            /** Format: date-time */
            since: string;
            /** Format: date-time */
            pausedUntil: string | null;
            /**
             * Format: date-time
             * @description Until then, resuming needs `force`.
             */
            guardUntil: string | null;
            triggers: components["schemas"]["SafetyTriggerStatus"][];
            locks: components["schemas"]["SymbolLock"][];
            /** @description Stop-loss and take-profit prices attached to open positions (from executed proposals); watched on every candle close. */
            exits: components["schemas"]["ProtectiveExit"][];
            limits: components["schemas"]["SafetyLimits"];
        };
        PauseRequest: {
            reason: string;
            /** @description Without it, until resumed. */
            durationSeconds?: number;
        };
        ResumeRequest: {
            /** @description Needed within the guard window after a trigger or a panic (admin scope). */
            force?: boolean;
            reason?: string;
        };
        PanicRequest: {
            reason?: string;
        };
        PanicReport: {
            /** @description Ids of the open orders it canceled. */
            canceledOrders: string[];
            /** @description The market orders that closed the positions. */
            closingOrders: components["schemas"]["Order"][];
            /** @description What could not be done (the rest was still attempted). */
            errors: string[];
            safety: components["schemas"]["SafetyStatus"];
        };
        LoopStart: {
            /** @description Default: the configured loop symbols. */
            symbols?: string[];
            timeframe?: components["schemas"]["Timeframe"];
        };
        LoopStatus: {
            /** @description Whether the loop is switched on (on this server or another sharing the database). */
            running: boolean;
            /** @description Whether this server holds the lead and runs the cycles. */
            leader: boolean;
            symbols: string[];
            timeframe: components["schemas"]["Timeframe"];
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            lastCycleAt: string | null;
            cycles: number;
            lastError: string | null;
        };
        Event: {
            /** @description Sequence number, increasing; the SSE `id`. */
            id: string;
            /** @description For example `order.created`, `order.updated`, `fill`, `position.updated`, `portfolio`, `analysis.completed`, `proposal.created`, `proposal.approved`, `proposal.rejected`, `proposal.executed`, `proposal.expired`, `safety.triggered`, `safety.paused`, `safety.resumed`, `safety.halted`, `control.panic`, `control.loop`, `backtest.progress`, `backtest.finished`. */
            type: string;
            /** Format: date-time */
            time: string;
            symbol: string | null;
            /** @description What the event is about (an order, a fill, a proposal, …). */
            data: Record<string, never>;
        };
        AuditEntry: {
            seq: number;
            /** Format: date-time */
            time: string;
            actor: {
                /** @enum {string} */
                kind: "api_key" | "system";
                apiKeyId: string | null;
            };
            /** @example order.created */
            action: string;
            /** @description The id of what was acted on. */
            target: string | null;
            details: Record<string, never>;
            prevHash: string;
            /** @description SHA-256 of the previous hash and this entry's canonical JSON. */
            hash: string;
        };
        AuditList: {
            data: components["schemas"]["AuditEntry"][];
            nextCursor: string | null;
        };
        AuditVerification: {
            valid: boolean;
            entries: number;
            headHash: string | null;
            firstInvalidSeq: number | null;
            /** @example entry 12 was edited: its hash does not match its content */
            problem: string | null;
        };
        EventList: {
            data: components["schemas"]["Event"][];
            /** @description The last event's id: pass it as `after` for the next page. */
            lastEventId: string | null;
        };
        ProtectiveExit: {
            symbol: string;
            entryPrice: components["schemas"]["Decimal"];
            stopLoss: components["schemas"]["Decimal"] | null;
            takeProfit: components["schemas"]["Decimal"] | null;
            /** Format: date-time */
            since: string;
        };
    };
    responses: {
        /** @description A duplicate `clientOrderId` (the problem's `order` is the existing order), or an order that cannot change any more */
        OrderConflict: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["OrderConflictProblem"];
            };
        };
        /** @description The exchange answered with an error (`exchange_error`) */
        BadGateway: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The exchange or market-data source cannot be reached (`exchange_unavailable`) */
        ServiceUnavailable: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Malformed request (for example invalid JSON) */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Missing, unknown or revoked API key */
        Unauthorized: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The key lacks the scope this operation needs */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such resource */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request conflicts with the resource's current state */
        Conflict: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is larger than the server accepts */
        PayloadTooLarge: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is not `application/json` */
        UnsupportedMediaType: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request is well-formed but a field is invalid; `errors` names each field */
        UnprocessableEntity: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Rate limit exceeded for this key */
        TooManyRequests: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Retry-After": components["headers"]["Retry-After"];
                "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description An unexpected server error (the body never holds a stack trace) */
        InternalError: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Analysis id. */
        AnalysisId: string;
        /** @description A market symbol with `-` for `/` (`BTC-USDT`), or URL-encoded (`BTC%2FUSDT`). */
        Symbol: string;
        /** @description Proposal id. */
        ProposalId: string;
        /** @description Backtest job id. */
        BacktestId: string;
        /** @description Order id. */
        OrderId: string;
        /** @description Page size. */
        Limit: number;
        /** @description Opaque cursor from a previous page's `nextCursor`. */
        Cursor: string;
        /**
         * @description Makes the POST safe to retry: a retry with the same key and body returns the first response;
         *     the same key with a different body is rejected with 422.
         */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: {
        /** @description The request id (echoed when the client sent a valid one), also in error bodies and logs. */
        "X-Request-Id": string;
        /** @description Requests allowed in the current window for this key and endpoint class. */
        "RateLimit-Limit": number;
        /** @description Requests left in the current window. */
        "RateLimit-Remaining": number;
        /** @description Seconds until the window resets. */
        "RateLimit-Reset": number;
        /** @description Seconds to wait before retrying. */
        "Retry-After": number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Healthy */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            /** @description The database does not answer */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    status: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Status */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Status"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    openapi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        openapi: string;
                        info: Record<string, never>;
                        paths: Record<string, never>;
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "apiKeys.list": {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `nextCursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Include revoked keys. */
                includeRevoked?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of keys */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "apiKeys.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: a retry with the same key and body returns the first response;
                 *     the same key with a different body is rejected with 422.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    /** @description URL of the new key */
                    Location?: string;
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "apiKeys.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Key id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "apiKeys.revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Key id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked key */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "markets.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The markets */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarketList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "markets.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A market symbol with `-` for `/` (`BTC-USDT`), or URL-encoded (`BTC%2FUSDT`). */
                symbol: components["parameters"]["Symbol"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The market */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Market"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "markets.candles": {
        parameters: {
            query: {
                timeframe: components["schemas"]["Timeframe"];
                /** @description Earliest open time, inclusive. */
                since?: string;
                /** @description Latest open time, exclusive. */
                until?: string;
                limit?: number;
            };
            header?: never;
            path: {
                /** @description A market symbol with `-` for `/` (`BTC-USDT`), or URL-encoded (`BTC%2FUSDT`). */
                symbol: components["parameters"]["Symbol"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Candles */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CandleList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "markets.ticker": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A market symbol with `-` for `/` (`BTC-USDT`), or URL-encoded (`BTC%2FUSDT`). */
                symbol: components["parameters"]["Symbol"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ticker */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ticker"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "markets.orderBook": {
        parameters: {
            query?: {
                /** @description Levels per side. */
                depth?: number;
            };
            header?: never;
            path: {
                /** @description A market symbol with `-` for `/` (`BTC-USDT`), or URL-encoded (`BTC%2FUSDT`). */
                symbol: components["parameters"]["Symbol"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order book */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderBook"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "markets.indicators": {
        parameters: {
            query: {
                timeframe: components["schemas"]["Timeframe"];
                names: string;
                /** @description How many of the latest candles to return series for (more are read for warm-up). */
                limit?: number;
                /** @description Only candles opened before this time. */
                until?: string;
            };
            header?: never;
            path: {
                /** @description A market symbol with `-` for `/` (`BTC-USDT`), or URL-encoded (`BTC%2FUSDT`). */
                symbol: components["parameters"]["Symbol"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Indicator series */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IndicatorSeriesList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "orders.list": {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `nextCursor`. */
                cursor?: components["parameters"]["Cursor"];
                symbol?: string;
                /** @description One or more statuses, comma-separated; `open` also matches `partially_filled` and `pending_new`. */
                status?: string;
                side?: components["schemas"]["OrderSide"];
                clientOrderId?: string;
                /** @description Created at or after. */
                since?: string;
                /** @description Created before. */
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of orders */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "orders.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: a retry with the same key and body returns the first response;
                 *     the same key with a different body is rejected with 422.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderCreate"];
            };
        };
        responses: {
            /** @description The order, as the venue left it */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    /** @description URL of the new order */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["OrderConflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "orders.cancelAll": {
        parameters: {
            query?: {
                symbol?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The orders that were canceled */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CancelAllResult"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "orders.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Order id. */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "orders.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Order id. */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The canceled order */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["OrderConflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "orders.replace": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: a retry with the same key and body returns the first response;
                 *     the same key with a different body is rejected with 422.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description Order id. */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderReplace"];
            };
        };
        responses: {
            /** @description The new order */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["OrderConflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "orders.transitions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Order id. */
                id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The transitions */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderTransitionList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "fills.list": {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `nextCursor`. */
                cursor?: components["parameters"]["Cursor"];
                symbol?: string;
                orderId?: string;
                since?: string;
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of fills */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FillList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "positions.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The positions */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PositionList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "positions.close": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: a retry with the same key and body returns the first response;
                 *     the same key with a different body is rejected with 422.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description A market symbol with `-` for `/` (`BTC-USDT`), or URL-encoded (`BTC%2FUSDT`). */
                symbol: components["parameters"]["Symbol"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The closing order */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "portfolio.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The portfolio */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Portfolio"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "portfolio.history": {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `nextCursor`. */
                cursor?: components["parameters"]["Cursor"];
                since?: string;
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Equity points */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EquityHistory"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "analyses.list": {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `nextCursor`. */
                cursor?: components["parameters"]["Cursor"];
                symbol?: string;
                action?: components["schemas"]["DecisionAction"];
                minConfidence?: number;
                since?: string;
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of analyses */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalysisList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "analyses.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: a retry with the same key and body returns the first response;
                 *     the same key with a different body is rejected with 422.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnalysisCreate"];
            };
        };
        responses: {
            /** @description The analysis */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    /** @description URL of the analysis */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Analysis"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "analyses.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Analysis id. */
                id: components["parameters"]["AnalysisId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The analysis */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Analysis"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "analyses.explanation": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Analysis id. */
                id: components["parameters"]["AnalysisId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Markdown text */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "text/markdown": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "analyses.rerun": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: a retry with the same key and body returns the first response;
                 *     the same key with a different body is rejected with 422.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description Analysis id. */
                id: components["parameters"]["AnalysisId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new analysis */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Analysis"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "debates.list": {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `nextCursor`. */
                cursor?: components["parameters"]["Cursor"];
                symbol?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of debates */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DebateList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "strategies.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every strategy */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StrategyList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "backtests.list": {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `nextCursor`. */
                cursor?: components["parameters"]["Cursor"];
                status?: components["schemas"]["BacktestStatus"];
                kind?: components["schemas"]["BacktestKind"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of jobs (without their results) */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BacktestList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "backtests.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: a retry with the same key and body returns the first response;
                 *     the same key with a different body is rejected with 422.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BacktestCreate"];
                "multipart/form-data": {
                    /** @description The `BacktestCreate` document as JSON, with `data.source` set to `upload`. */
                    request: string;
                    /**
                     * Format: binary
                     * @description CSV with a header line: a time column (`time`, `timestamp`, `date`, `datetime` or
                     *     `open_time`; milliseconds since the epoch, an ISO 8601 time or a date), `open`,
                     *     `high`, `low`, `close` and optionally `volume`.
                     */
                    candles: string;
                };
            };
        };
        responses: {
            /** @description The queued job */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    /** @description URL of the job */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Backtest"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "backtests.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Backtest job id. */
                id: components["parameters"]["BacktestId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Backtest"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "backtests.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Backtest job id. */
                id: components["parameters"]["BacktestId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled job */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Backtest"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "backtests.equity": {
        parameters: {
            query?: {
                maxPoints?: number;
            };
            header?: never;
            path: {
                /** @description Backtest job id. */
                id: components["parameters"]["BacktestId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The curve */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BacktestEquity"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "backtests.chart": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Backtest job id. */
                id: components["parameters"]["BacktestId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The chart */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "proposals.list": {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `nextCursor`. */
                cursor?: components["parameters"]["Cursor"];
                status?: components["schemas"]["ProposalStatus"];
                symbol?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of proposals */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "proposals.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: a retry with the same key and body returns the first response;
                 *     the same key with a different body is rejected with 422.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProposalCreate"];
            };
        };
        responses: {
            /** @description The proposal */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    /** @description URL of the proposal */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "proposals.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Proposal id. */
                id: components["parameters"]["ProposalId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The proposal */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "proposals.approve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Proposal id. */
                id: components["parameters"]["ProposalId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ProposalDecision"];
            };
        };
        responses: {
            /** @description The approved proposal */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "proposals.reject": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Proposal id. */
                id: components["parameters"]["ProposalId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ProposalDecision"];
            };
        };
        responses: {
            /** @description The rejected proposal */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "proposals.execute": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Proposal id. */
                id: components["parameters"]["ProposalId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The executed proposal, with its order id */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Proposal"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "safety.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The safety status */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SafetyStatus"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "safety.updateLimits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SafetyLimitsUpdate"];
            };
        };
        responses: {
            /** @description The safety status with the new limits */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SafetyStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "control.pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PauseRequest"];
            };
        };
        responses: {
            /** @description The safety status after the pause */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SafetyStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "control.resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ResumeRequest"];
            };
        };
        responses: {
            /** @description The safety status after resuming */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SafetyStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "control.panic": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PanicRequest"];
            };
        };
        responses: {
            /** @description What the panic did */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PanicReport"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    "control.loop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The loop */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoopStatus"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "control.start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LoopStart"];
            };
        };
        responses: {
            /** @description The loop */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoopStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "control.stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The loop */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoopStatus"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "events.stream": {
        parameters: {
            query?: {
                /** @description Comma-separated event types or prefixes (`order.*`). */
                types?: string;
                /** @description Comma-separated symbols (`BTC/USDT` or `BTC-USDT`); events without a symbol always pass. */
                symbols?: string;
                /** @description Resume after this event (the `Last-Event-ID` header wins). */
                lastEventId?: string;
                heartbeatSeconds?: number;
            };
            header?: {
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "events.history": {
        parameters: {
            query?: {
                /** @description Only events after this id. Default from the first stored event. */
                after?: string;
                types?: string;
                symbols?: string;
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "audit.list": {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Opaque cursor from a previous page's `nextCursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description An action, or a prefix ending in `.*` (`order.*`). */
                action?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "audit.verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The verification */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "RateLimit-Limit": components["headers"]["RateLimit-Limit"];
                    "RateLimit-Remaining": components["headers"]["RateLimit-Remaining"];
                    "RateLimit-Reset": components["headers"]["RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerification"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    "metrics.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metrics */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
}
