import { STRATEGY_TEMPLATES } from '@sigmax/engine';
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { guard } from '../middleware/auth';

const read = guard('read');

type Schemas = components['schemas'];

const described = (spec: { description?: string }) =>
  spec.description !== undefined ? { description: spec.description } : {};

/** The strategies a backtest can run, from the engine's registry, with their declared parameters. */
const body: Schemas['StrategyList'] = {
  data: Object.values(STRATEGY_TEMPLATES).map((definition) => ({
    name: definition.name,
    description: definition.description,
    params: definition.params.map((spec): Schemas['StrategyParam'] =>
      spec.type === 'choice'
        ? {
            name: spec.name,
            type: spec.type,
            choices: [...spec.choices],
            default: spec.default,
            ...described(spec),
          }
        : {
            name: spec.name,
            type: spec.type,
            min: spec.min,
            max: spec.max,
            ...(spec.step !== undefined ? { step: spec.step } : {}),
            default: spec.default,
            ...described(spec),
          },
    ),
  })),
};

export const strategyRoutes = new Hono<AppEnv>().get(
  '/',
  read((c) => c.json(body)),
);
