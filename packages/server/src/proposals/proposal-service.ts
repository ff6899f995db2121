import { type Clock, Decimal, type MarketDataFeed } from '@sigmax/engine';
import type { AnalysisService } from '../analysis';
import type { Db } from '../db/database';
import { findAnalysis } from '../db/queries/analyses';
import { findOrderByClientId, toOrderRecord } from '../db/queries/orders';
import {
  expiredProposals,
  findProposal,
  insertProposal,
  listProposals,
  updateProposal,
} from '../db/queries/proposals';
import type { EventBus } from '../events/bus';
import type { components } from '../generated/openapi';
import { newId } from '../ids';
import type { Logger } from '../logger';
import { ApiError } from '../problem';
import type { SafetyService } from '../safety/safety-service';
import type { TradingService } from '../trading';
import { orderBody } from '../trading/bodies';

type Schemas = components['schemas'];
type Proposal = Schemas['Proposal'];

/** How long a proposal can be executed, by default. */
export const DEFAULT_PROPOSAL_TTL_SECONDS = 300;
const SWEEP_MS = 5_000;

export interface ProposalServiceOptions {
  db: Db;
  market: MarketDataFeed;
  trading: TradingService;
  analyses: AnalysisService;
  safety: SafetyService;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  /** `auto`: a proposal that passes compliance and risk is approved at once; `manual`: a person approves. */
  approval: 'auto' | 'manual';
}

/** Who acts: an API key, or the server itself (the autonomous loop). */
export type Actor = { apiKeyId: string } | null;

/**
 * Trade proposals: an analysis's decision sized by the risk rules, checked by compliance and the risk
 * limits (verdicts recorded with their reasons), approved by policy or by a person, and executed as an
 * order whose `clientOrderId` is derived from the proposal, so executing twice places one order.
 */
export class ProposalService {
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly o: ProposalServiceOptions) {}

  start(): void {
    this.sweeper = setInterval(() => {
      this.expireDue().catch((error: unknown) =>
        this.o.logger.warn({ err: error }, 'proposal expiry failed'),
      );
    }, SWEEP_MS);
    this.sweeper.unref();
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  async create(
    input: { analysisId?: string | undefined; symbol?: string | undefined; ttlSeconds?: number | undefined },
    actor: Actor,
  ): Promise<Proposal> {
    const { db, clock } = this.o;
    let analysis: Schemas['Analysis'];
    if (input.analysisId !== undefined) {
      const stored = await findAnalysis(db, input.analysisId);
      if (!stored) throw new ApiError(404, 'not_found', `No analysis ${input.analysisId}.`);
      analysis = stored.analysis;
    } else {
      analysis = await this.o.analyses.create(
        { symbol: input.symbol as string },
        actor ? { apiKeyId: actor.apiKeyId } : {},
      );
    }
    const { decision, symbol } = analysis;
    if (decision.action === 'hold') {
      throw new ApiError(
        422,
        'no_trade_signal',
        `Analysis ${analysis.id} decided to hold: there is nothing to propose.`,
        {
          analysisId: analysis.id,
        },
      );
    }
    const side = decision.action;
    const ticker = await this.o.market.getTicker(symbol);
    const price = Decimal.fromNumber(side === 'buy' ? ticker.ask || ticker.last : ticker.bid || ticker.last);
    const portfolio = await this.o.trading.portfolio();
    const equity = Decimal.from(portfolio.equity);
    const held = this.o.trading.positionQuantity(symbol);
    const { compliance, positionFraction } = this.o.safety.policy;

    // Sized by the risk rules: the optimizer's size, at most the position fraction of equity and the
    // compliance profile's cap; a sell closes at most what is held (spot).
    let quantity = Decimal.from(decision.size);
    const byFraction = equity.mul(positionFraction).div(price, 12);
    if (byFraction.lt(quantity)) quantity = byFraction;
    const cap = equity.mul(compliance.maxPositionPercent).div(price.mul('100'), 12);
    if (side === 'buy') {
      const room = cap.sub(held);
      if (room.lt(quantity)) quantity = room.isPositive() ? room : Decimal.ZERO;
    } else if (held.lt(quantity)) {
      quantity = held.isPositive() ? held : Decimal.ZERO;
    }
    const lot = await this.o.trading.lotSize(symbol);
    quantity = lot ? quantity.quantize(lot) : quantity.round(8, 'down');
    if (!quantity.isPositive()) {
      throw new ApiError(
        422,
        'no_trade_signal',
        side === 'sell'
          ? `Analysis ${analysis.id} says sell, but there is no ${symbol} position to sell (spot trading).`
          : `Analysis ${analysis.id} says buy, but the position is already at its cap.`,
        { analysisId: analysis.id },
      );
    }

    const order = { symbol, side, type: 'market' as const, quantity };
    const verdict = compliance.evaluate(order, { equity, price, positionQuantity: held });
    const risk = await this.o.safety.riskCheck(order, Decimal.fromNumber(ticker.last), portfolio);
    const now = clock.now();
    const id = newId('prop', now.getTime());
    const passes = verdict.approved && risk.ok;
    const auto = passes && this.o.approval === 'auto';
    const proposal: Proposal = {
      id,
      symbol,
      side,
      quantity: quantity.toString(),
      referencePrice: price.toString(),
      notional: quantity.mul(price).round(8).toString(),
      stopLoss: decision.stopLoss,
      takeProfit: decision.takeProfit,
      analysisId: analysis.id,
      confidence: decision.confidence,
      rationale: analysis.debate.verdict.reasoning,
      status: !passes ? 'rejected' : auto ? 'approved' : 'pending',
      compliance: {
        approved: verdict.approved,
        reasons: verdict.reasons.map((r) => ({ rule: r.rule, passed: r.passed, message: r.message })),
        policyVersion: verdict.policyVersion,
        policyHash: verdict.policyHash,
        profile: verdict.profile,
      },
      risk,
      approval:
        !passes || auto
          ? {
              mode: 'policy',
              apiKeyId: null,
              at: now.toISOString(),
              reason: !passes
                ? [
                    ...verdict.reasons.filter((r) => !r.passed).map((r) => `compliance: ${r.message}`),
                    ...risk.violations.map((v) => `risk: ${v.message}`),
                  ].join('; ')
                : 'paper trading approves proposals that pass compliance and risk',
            }
          : null,
      clientOrderId: `proposal-${id}`,
      orderId: null,
      createdAt: now.toISOString(),
      expiresAt: new Date(
        now.getTime() + (input.ttlSeconds ?? DEFAULT_PROPOSAL_TTL_SECONDS) * 1000,
      ).toISOString(),
      executedAt: null,
      error: null,
    };
    await insertProposal(db, proposal);
    this.o.events.publish({ type: 'proposal.created', proposal });
    if (proposal.status === 'approved') this.o.events.publish({ type: 'proposal.approved', proposal });
    if (proposal.status === 'rejected') this.o.events.publish({ type: 'proposal.rejected', proposal });
    return proposal;
  }

  async get(id: string): Promise<Proposal> {
    const proposal = await findProposal(this.o.db, id);
    if (!proposal) throw new ApiError(404, 'not_found', `No proposal ${id}.`);
    return this.expireIfDue(proposal);
  }

  list(filter: Parameters<typeof listProposals>[1]): Promise<Proposal[]> {
    return listProposals(this.o.db, filter);
  }

  async approve(id: string, actor: Actor, reason: string | undefined): Promise<Proposal> {
    const proposal = await this.get(id);
    if (proposal.status === 'expired') throw expiredError(proposal);
    if (proposal.status !== 'pending') {
      throw new ApiError(
        409,
        'proposal_not_pending',
        `Proposal ${id} is ${proposal.status}; only a pending one can be approved.`,
      );
    }
    return this.decide(proposal, 'approved', actor, reason ?? 'approved', ['pending']);
  }

  async reject(id: string, actor: Actor, reason: string | undefined): Promise<Proposal> {
    const proposal = await this.get(id);
    if (proposal.status === 'expired') throw expiredError(proposal);
    if (proposal.status !== 'pending' && proposal.status !== 'approved') {
      throw new ApiError(
        409,
        'proposal_not_pending',
        `Proposal ${id} is ${proposal.status}; it can no longer be rejected.`,
      );
    }
    return this.decide(proposal, 'rejected', actor, reason ?? 'rejected', ['pending', 'approved']);
  }

  private async decide(
    proposal: Proposal,
    status: 'approved' | 'rejected',
    actor: Actor,
    reason: string,
    from: Schemas['ProposalStatus'][],
  ): Promise<Proposal> {
    const next: Proposal = {
      ...proposal,
      status,
      approval: {
        mode: 'manual',
        apiKeyId: actor?.apiKeyId ?? null,
        at: this.o.clock.now().toISOString(),
        reason,
      },
    };
    if (!(await updateProposal(this.o.db, next, from))) {
      const now = await this.get(proposal.id);
      throw new ApiError(409, 'proposal_not_pending', `Proposal ${proposal.id} is ${now.status} now.`);
    }
    this.o.events.publish({ type: `proposal.${status}`, proposal: next });
    return next;
  }

  /**
   * Places the approved proposal's order (compliance checked again at the current price; the safety
   * enforcer and the risk limits check it as every order). Executing an executed proposal answers it
   * as it is; two executions racing place one order (the second finds the first by clientOrderId).
   */
  async execute(id: string, actor: Actor): Promise<Proposal> {
    const proposal = await this.get(id);
    if (proposal.status === 'executed') return proposal;
    if (proposal.status === 'expired') throw expiredError(proposal);
    if (proposal.status !== 'approved') {
      throw new ApiError(
        409,
        'proposal_not_approved',
        `Proposal ${id} is ${proposal.status}; only an approved one can be executed.`,
      );
    }
    const ticker = await this.o.market.getTicker(proposal.symbol);
    const price = Decimal.fromNumber(
      proposal.side === 'buy' ? ticker.ask || ticker.last : ticker.bid || ticker.last,
    );
    const portfolio = await this.o.trading.portfolio();
    const quantity = Decimal.from(proposal.quantity);
    const verdict = this.o.safety.policy.compliance.evaluate(
      { symbol: proposal.symbol, side: proposal.side, quantity },
      {
        equity: Decimal.from(portfolio.equity),
        price,
        positionQuantity: this.o.trading.positionQuantity(proposal.symbol),
      },
    );
    if (!verdict.approved) {
      const reasons = verdict.reasons.filter((r) => !r.passed);
      throw new ApiError(422, 'compliance_denied', reasons.map((r) => r.message).join('; '), {
        errors: reasons.map((r) => ({ path: `compliance.${r.rule}`, message: r.message })),
      });
    }
    let order: Schemas['Order'];
    try {
      order = await this.o.trading.placeOrder(
        {
          symbol: proposal.symbol,
          side: proposal.side,
          type: 'market',
          quantity: proposal.quantity,
          clientOrderId: proposal.clientOrderId,
          postOnly: false,
        },
        actor ? { apiKeyId: actor.apiKeyId } : {},
      );
    } catch (error) {
      if (error instanceof ApiError && error.code === 'duplicate_client_order_id') {
        const row = await findOrderByClientId(this.o.db, this.o.trading.accountId, proposal.clientOrderId);
        if (!row) throw error;
        order = orderBody(toOrderRecord(row));
      } else {
        if (
          error instanceof ApiError &&
          error.httpStatus < 500 &&
          !['trading_paused', 'risk_limit_exceeded', 'rate_limited'].includes(error.code)
        ) {
          await this.fail(proposal, error.code, error.message);
        }
        throw error;
      }
    }
    const next: Proposal = {
      ...proposal,
      status: 'executed',
      orderId: order.id,
      executedAt: this.o.clock.now().toISOString(),
    };
    if (await updateProposal(this.o.db, next, ['approved'])) {
      // The analysis's stop-loss and take-profit go with the position the buy opened.
      if (proposal.side === 'buy' && order.averageFillPrice !== null) {
        await this.o.safety.attachExits(
          proposal.symbol,
          order.averageFillPrice,
          proposal.stopLoss,
          proposal.takeProfit,
        );
      }
      this.o.events.publish({ type: 'proposal.executed', proposal: next });
      return next;
    }
    return this.get(id);
  }

  private async fail(proposal: Proposal, code: string, message: string): Promise<void> {
    const next: Proposal = { ...proposal, status: 'failed', error: { code, message } };
    if (await updateProposal(this.o.db, next, ['approved']))
      this.o.events.publish({ type: 'proposal.failed', proposal: next });
  }

  private async expireIfDue(proposal: Proposal): Promise<Proposal> {
    if (!['pending', 'approved'].includes(proposal.status)) return proposal;
    if (Date.parse(proposal.expiresAt) > this.o.clock.now().getTime()) return proposal;
    const next: Proposal = { ...proposal, status: 'expired' };
    if (await updateProposal(this.o.db, next, ['pending', 'approved'])) {
      this.o.events.publish({ type: 'proposal.expired', proposal: next });
      return next;
    }
    return (await findProposal(this.o.db, proposal.id)) ?? next;
  }

  private async expireDue(): Promise<void> {
    for (const proposal of await expiredProposals(this.o.db, this.o.clock.now()))
      await this.expireIfDue(proposal);
  }
}

const expiredError = (proposal: Proposal) =>
  new ApiError(409, 'proposal_expired', `Proposal ${proposal.id} expired at ${proposal.expiresAt}.`);
