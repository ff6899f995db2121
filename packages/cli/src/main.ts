import { parseArgs } from 'node:util';
import { APIError, Sigmax, SigmaxError } from '@sigmax/sdk';
import {
  analysesExplain,
  analysesGet,
  analysesList,
  analysesRerun,
  analyze,
  debates,
} from './commands/analyses';
import { auditList, auditVerify } from './commands/audit';
import {
  backtestCancel,
  backtestChart,
  backtestGet,
  backtestList,
  backtestRun,
  strategies,
} from './commands/backtest';
import { askOnTerminal, loop, panic, pause, resume } from './commands/control';
import { events } from './commands/events';
import { keysCreate, keysList, keysRevoke } from './commands/keys';
import { book, candles, indicators, markets, ticker } from './commands/markets';
import {
  fills,
  orderCancel,
  orderCancelAll,
  orderGet,
  orderList,
  orderPlace,
  orderReplace,
} from './commands/orders';
import { portfolio, portfolioHistory, positionClose, positions } from './commands/portfolio';
import {
  proposalsApprove,
  proposalsCreate,
  proposalsExecute,
  proposalsGet,
  proposalsList,
  proposalsReject,
} from './commands/proposals';
import { safety, safetyLimits } from './commands/safety';
import { health, status } from './commands/system';
import { why } from './commands/why';
import { createOutput } from './output';
import { resolveSettings, UsageError } from './settings';

export const HELP = `sigmax: drive a SIGMAX trading server from the terminal

Usage: sigmax <command> [options]

Commands:
  health                          Is the server up? (no key needed)
  status                          Server status as seen by your key
  keys create <name> --scope S    Create an API key (admin); repeat --scope for several
  keys list [--all]               List API keys (admin); --all includes revoked ones
  keys revoke <id>                Revoke an API key (admin)
  audit [--action A]              The audit log, newest first (admin); A exact
                                  or a prefix such as order.* [--limit <n>]
  audit verify                    Check the audit log's hash chain (admin);
                                  exits 1 when it is broken

Markets:
  markets                         List markets and their trading rules
  candles <symbol> --timeframe T  Closed candles (T: 1m 5m 15m 30m 1h 4h 1d)
                                  [--since <time>] [--until <time>] [--limit <n>]
  ticker <symbol>                 Last price, best bid and ask
  indicators <symbol> --timeframe T --names N
                                  Indicator series, N e.g. rsi:14,macd:12:26:9
                                  [--until <time>] [--limit <n>]
  book <symbol> [--depth <n>]     Order book

Trading (symbols as BTC/USDT; prices and quantities as decimals):
  order place <symbol> <buy|sell> <quantity> [--price <p>]
                                  Place an order: limit with --price, else market
                                  [--type market|limit] [--tif GTC|IOC|FOK]
                                  [--post-only] [--client-order-id <id>]
  order list                      Orders, newest first [--symbol S] [--status open]
                                  [--side buy|sell] [--client-order-id <id>]
  order get <id>                  One order
  order cancel <id>               Cancel an open order
  order cancel-all [--symbol S]   Cancel every open order (of one market)
  order replace <id>              Replace an open limit order
                                  [--price <p>] [--quantity <q>] [--client-order-id <id>]
  fills [--symbol S] [--order <id>]
                                  Fills, newest first
  positions                       Open positions
  position close <symbol>         Sell a position at market
  portfolio                       Equity, balances and positions
  portfolio history               Equity over time, oldest first

Analyses:
  analyze <symbol>                Run the multi-agent analysis of a market
                                  [--timeframe 1h,4h,1d] [--rounds <1-5>]
                                  [--capital <amount>]
  analyses list                   Past analyses, newest first [--symbol S]
                                  [--action buy|sell|hold] [--min-confidence <0-1>]
  analyses get <id>               One analysis and its agents' findings
  analyses explain <id>           Why it says buy, sell or hold (Markdown)
  analyses rerun <id>             Run it again on the stored inputs
  debates [--symbol S]            Bull/bear debates of past analyses (default 10)

Backtests:
  strategies                      Strategies a backtest can run, and their parameters
  backtest run --strategy <name> --symbol S
                                  Run a backtest, show progress, print the report
                                  [--param k=v]... [--timeframe T]
                                  [--from <date>] [--to <date>] [--csv <file>]
                                  [--kind run|search|walk-forward|monte-carlo]
                                  [--range k=min:max[:step]]... [--objective O]
                                  [--walk-forward train=N,test=N]
                                  [--monte-carlo runs=N] [--cash <amount>]
                                  [--fee-bps <n>] [--chart <file.svg>] [--no-wait]
  backtest list                   Backtest jobs, newest first [--status S] [--kind K]
  backtest get <id>               One job and its report
  backtest cancel <id>            Cancel a queued or running job
  backtest chart <id> [-o <file>] Equity and drawdown chart (SVG)

Events:
  events                          Stored events after --since <id>, oldest first
                                  [--type order.*,fill] [--symbol BTC/USDT]
                                  [--limit <n>]
  events --follow                 Live events, one line each, until Ctrl-C;
                                  resumes after --since <id>; --json: one JSON a line

Proposals (trades proposed from analyses):
  proposals create --symbol S | --analysis <id>
                                  Propose a trade from a fresh analysis of S, or
                                  from a stored analysis [--ttl <seconds>]
  proposals list                  Proposals, newest first [--status pending]
                                  [--symbol S] [--limit <n>]
  proposals get <id>              One proposal, its verdicts and their reasons
  proposals approve <id>          Approve a pending proposal [--reason <text>]
  proposals reject <id>           Reject a pending or approved one [--reason <text>]
  proposals execute <id>          Place its order (once, however often it is run)
  why <analysis-id>               Why the analysis says buy, sell or hold (Markdown);
                                  a proposal id explains the analysis behind it

Safety and control:
  safety                          Trading state, triggers and symbol locks
  safety limits                   The limits in force; change them (admin) with
                                  --set risk.maxLeverage=2 (repeatable) or
                                  --file <limits.json>
  pause --reason <text>           Pause trading [--for 30m]
  resume                          Resume trading [--reason <text>]; --force
                                  (admin) after a panic or a tripped trigger
  panic [--reason <text>]         Cancel every open order, close every position,
                                  halt; asks first, or --yes
  loop status|stop                The autonomous loop's state; stop it
  loop start                      Start it [--symbols BTC/USDT,ETH/USDT]
                                  [--timeframe 4h]

  List commands print up to --limit rows (default 50). order list, fills,
  analyses list, candles and portfolio history also take --since and
  --until (ISO 8601 times); events takes --since <event id>.

Options:
  --url <url>        Server URL        (env SIGMAX_URL, default http://localhost:8080)
  --api-key <key>    API key           (env SIGMAX_API_KEY)
  --json             Print JSON instead of tables
  -h, --help         Show this help

Settings are read from flags, then the environment, then the config file
(SIGMAX_CONFIG_FILE, default ~/.config/sigmax/config.json: {"url": "...", "apiKey": "..."}).

Exit codes: 0 ok, 1 API or connection error, 2 usage error.`;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal, where progress is drawn as a bar. */
  stderrIsTTY?: boolean;
  /** Whether stdin is a terminal, where `panic` asks for confirmation. */
  stdinIsTTY?: boolean;
  /** Asks a yes/no question (`panic`'s confirmation). */
  confirm?: (question: string) => Promise<boolean>;
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
  stdinIsTTY: process.stdin.isTTY === true,
  confirm: askOnTerminal,
};

/** Runs one command line and returns the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        'api-key': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        scope: { type: 'string', multiple: true, default: [] },
        all: { type: 'boolean', default: false },
        symbol: { type: 'string' },
        price: { type: 'string' },
        quantity: { type: 'string' },
        type: { type: 'string' },
        tif: { type: 'string' },
        'post-only': { type: 'boolean', default: false },
        'client-order-id': { type: 'string' },
        status: { type: 'string' },
        side: { type: 'string' },
        order: { type: 'string' },
        timeframe: { type: 'string' },
        depth: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        limit: { type: 'string' },
        rounds: { type: 'string' },
        capital: { type: 'string' },
        action: { type: 'string' },
        'min-confidence': { type: 'string' },
        names: { type: 'string' },
        follow: { type: 'boolean', default: false },
        strategy: { type: 'string' },
        param: { type: 'string', multiple: true, default: [] },
        range: { type: 'string', multiple: true, default: [] },
        kind: { type: 'string' },
        objective: { type: 'string' },
        'walk-forward': { type: 'string' },
        'monte-carlo': { type: 'string' },
        csv: { type: 'string' },
        cash: { type: 'string' },
        'fee-bps': { type: 'string' },
        'no-wait': { type: 'boolean', default: false },
        chart: { type: 'string' },
        output: { type: 'string', short: 'o' },
        from: { type: 'string' },
        to: { type: 'string' },
        analysis: { type: 'string' },
        ttl: { type: 'string' },
        reason: { type: 'string' },
        for: { type: 'string' },
        force: { type: 'boolean', default: false },
        yes: { type: 'boolean', short: 'y', default: false },
        set: { type: 'string', multiple: true, default: [] },
        file: { type: 'string' },
        symbols: { type: 'string' },
      },
    });
    const [command, sub, arg] = positionals;
    const flags = {
      symbol: values.symbol,
      price: values.price,
      quantity: values.quantity,
      type: values.type,
      tif: values.tif,
      postOnly: values['post-only'],
      clientOrderId: values['client-order-id'],
      status: values.status,
      side: values.side,
      order: values.order,
      timeframe: values.timeframe,
      since: values.since,
      until: values.until,
      limit: values.limit,
      rounds: values.rounds,
      capital: values.capital,
      action: values.action,
      minConfidence: values['min-confidence'],
    };
    if (values.help || !command) {
      io.stdout(`${HELP}\n`);
      return values.help ? 0 : 2;
    }
    const settings = await resolveSettings({ url: values.url, apiKey: values['api-key'] }, io.env);
    const sigmax = new Sigmax({
      baseUrl: settings.url,
      ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    });
    const out = createOutput(values.json, io.stdout);
    switch (command) {
      case 'health':
        await health(sigmax, out);
        break;
      case 'status':
        await status(sigmax, out);
        break;
      case 'keys':
        if (sub === 'create') await keysCreate(sigmax, out, arg, values.scope);
        else if (sub === 'list') await keysList(sigmax, out, values.all);
        else if (sub === 'revoke') await keysRevoke(sigmax, out, arg);
        else throw new UsageError('usage: sigmax keys create|list|revoke');
        break;
      case 'markets':
        await markets(sigmax, out);
        break;
      case 'candles':
        await candles(sigmax, out, sub, flags);
        break;
      case 'ticker':
        await ticker(sigmax, out, sub);
        break;
      case 'indicators':
        await indicators(sigmax, out, sub, { ...flags, names: values.names });
        break;
      case 'book':
        await book(sigmax, out, sub, values.depth);
        break;
      case 'order':
        if (sub === 'place') await orderPlace(sigmax, out, positionals.slice(2), flags);
        else if (sub === 'list') await orderList(sigmax, out, flags);
        else if (sub === 'get') await orderGet(sigmax, out, arg);
        else if (sub === 'cancel') await orderCancel(sigmax, out, arg);
        else if (sub === 'cancel-all') await orderCancelAll(sigmax, out, flags);
        else if (sub === 'replace') await orderReplace(sigmax, out, arg, flags);
        else throw new UsageError('usage: sigmax order place|list|get|cancel|cancel-all|replace');
        break;
      case 'fills':
        await fills(sigmax, out, flags);
        break;
      case 'positions':
        await positions(sigmax, out);
        break;
      case 'position':
        if (sub === 'close') await positionClose(sigmax, out, arg);
        else throw new UsageError('usage: sigmax position close <symbol>');
        break;
      case 'portfolio':
        if (sub === undefined) await portfolio(sigmax, out);
        else if (sub === 'history') await portfolioHistory(sigmax, out, flags);
        else throw new UsageError('usage: sigmax portfolio [history]');
        break;
      case 'analyze':
        await analyze(sigmax, out, sub, flags);
        break;
      case 'analyses':
        if (sub === 'list') await analysesList(sigmax, out, flags);
        else if (sub === 'get') await analysesGet(sigmax, out, arg);
        else if (sub === 'explain') await analysesExplain(sigmax, out, arg);
        else if (sub === 'rerun') await analysesRerun(sigmax, out, arg);
        else throw new UsageError('usage: sigmax analyses list|get|explain|rerun');
        break;
      case 'debates':
        await debates(sigmax, out, flags);
        break;
      case 'audit':
        if (sub === undefined) await auditList(sigmax, out, flags);
        else if (sub === 'verify') await auditVerify(sigmax, out);
        else throw new UsageError('usage: sigmax audit [verify]');
        break;
      case 'events':
        await events(sigmax, out, { ...flags, follow: values.follow }, io.stdout);
        break;
      case 'strategies':
        await strategies(sigmax, out);
        break;
      case 'backtest': {
        const backtestFlags = {
          ...flags,
          strategy: values.strategy,
          param: values.param,
          range: values.range,
          kind: values.kind,
          objective: values.objective,
          walkForward: values['walk-forward'],
          monteCarlo: values['monte-carlo'],
          csv: values.csv,
          cash: values.cash,
          feeBps: values['fee-bps'],
          noWait: values['no-wait'],
          chart: values.chart,
          from: values.from,
          to: values.to,
        };
        if (sub === 'run') await backtestRun(sigmax, out, backtestFlags, io);
        else if (sub === 'list') await backtestList(sigmax, out, backtestFlags);
        else if (sub === 'get') await backtestGet(sigmax, out, arg);
        else if (sub === 'cancel') await backtestCancel(sigmax, out, arg);
        else if (sub === 'chart') await backtestChart(sigmax, out, arg, values.output);
        else throw new UsageError('usage: sigmax backtest run|list|get|cancel|chart');
        break;
      }
      case 'proposals': {
        const proposalFlags = { ...flags, analysis: values.analysis, ttl: values.ttl, reason: values.reason };
        if (sub === 'create') await proposalsCreate(sigmax, out, proposalFlags);
        else if (sub === 'list') await proposalsList(sigmax, out, proposalFlags);
        else if (sub === 'get') await proposalsGet(sigmax, out, arg);
        else if (sub === 'approve') await proposalsApprove(sigmax, out, arg, proposalFlags);
        else if (sub === 'reject') await proposalsReject(sigmax, out, arg, proposalFlags);
        else if (sub === 'execute') await proposalsExecute(sigmax, out, arg);
        else throw new UsageError('usage: sigmax proposals create|list|get|approve|reject|execute');
        break;
      }
      case 'why':
        await why(sigmax, out, sub);
        break;
      case 'safety':
        if (sub === undefined) await safety(sigmax, out);
        else if (sub === 'limits') await safetyLimits(sigmax, out, { set: values.set, file: values.file });
        else throw new UsageError('usage: sigmax safety [limits]');
        break;
      case 'pause':
      case 'resume':
      case 'panic':
      case 'loop': {
        const controlFlags = {
          reason: values.reason,
          for: values.for,
          force: values.force,
          yes: values.yes,
          symbols: values.symbols,
          timeframe: values.timeframe,
        };
        if (command === 'loop') await loop(sigmax, out, sub, controlFlags);
        else if (sub !== undefined)
          throw new UsageError(`usage: sigmax ${command} [options] (see sigmax --help)`);
        else if (command === 'pause') await pause(sigmax, out, controlFlags);
        else if (command === 'resume') await resume(sigmax, out, controlFlags);
        else await panic(sigmax, out, controlFlags, io);
        break;
      }
      default:
        throw new UsageError(`unknown command '${command}' (see sigmax --help)`);
    }
    return 0;
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: Io): number {
  if (
    error instanceof UsageError ||
    (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
  ) {
    io.stderr(`sigmax: ${(error as Error).message}\n`);
    return 2;
  }
  if (error instanceof APIError) {
    const detail = error.problem?.detail ?? error.message;
    io.stderr(`sigmax: ${error.status} ${error.code ?? ''}: ${detail} (request ${error.requestId ?? '-'})\n`);
    return 1;
  }
  if (error instanceof SigmaxError) {
    io.stderr(`sigmax: ${error.message}\n`);
    return 1;
  }
  throw error;
}
