import { ORDER_STATUSES, type OrderStatus } from '@sigmax/engine';
import { z } from 'zod';
import { WORKING_STATUSES } from '../db/queries/orders';
import type { components } from '../generated/openapi';
import { pageQuery } from './common';
import { decimalString, querySymbol, queryTime } from './trading';

type Schemas = components['schemas'];

const clientOrderId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'may hold only letters, digits and . _ : -');

export const orderSideSchema = z.enum(['buy', 'sell']) satisfies z.ZodType<Schemas['OrderSide']>;

export const orderCreateSchema = z.strictObject({
  symbol: z.string().min(1).max(41),
  side: orderSideSchema,
  type: z.enum(['market', 'limit']),
  quantity: decimalString,
  price: decimalString.optional(),
  timeInForce: z.enum(['GTC', 'IOC', 'FOK']).optional(),
  postOnly: z.boolean().default(false),
  clientOrderId: clientOrderId.optional(),
}) satisfies z.ZodType<Schemas['OrderCreate']>;

export const orderReplaceSchema = z
  .strictObject({
    quantity: decimalString.optional(),
    price: decimalString.optional(),
    clientOrderId: clientOrderId.optional(),
  })
  .refine(
    (body) => Object.keys(body).length > 0,
    'give at least one of quantity, price, clientOrderId',
  ) satisfies z.ZodType<Schemas['OrderReplace']>;

/** `status=open,filled`: statuses, `open` standing for every working one. */
const statusList = z
  .string()
  .min(1)
  .transform((value, ctx) => {
    const statuses = new Set<OrderStatus>();
    for (const part of value.split(',').map((p) => p.trim())) {
      if (part === 'open') for (const s of WORKING_STATUSES) statuses.add(s);
      else if ((ORDER_STATUSES as readonly string[]).includes(part)) statuses.add(part as OrderStatus);
      else {
        ctx.addIssue({
          code: 'custom',
          message: `unknown status ${JSON.stringify(part)}; use open or ${ORDER_STATUSES.join(', ')}`,
        });
        return z.NEVER;
      }
    }
    return [...statuses];
  });

export const orderListQuery = z.strictObject({
  ...pageQuery,
  symbol: querySymbol.optional(),
  status: statusList.optional(),
  side: orderSideSchema.optional(),
  clientOrderId: z.string().min(1).max(64).optional(),
  since: queryTime.optional(),
  until: queryTime.optional(),
});

export const cancelAllQuery = z.strictObject({
  symbol: querySymbol.optional(),
});
