import { Hono } from 'hono';
import {
  findApiKey,
  generateKey,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  toApiKey,
} from '../db/queries/api-keys';
import type { AppEnv } from '../env';
import type { components } from '../generated/openapi';
import { guard } from '../middleware/auth';
import { pathParam } from '../middleware/endpoint';
import { idempotent } from '../middleware/idempotency';
import { encodeIdCursor, idCursor, page } from '../pagination';
import { ApiError } from '../problem';
import { apiKeyCreateSchema, apiKeyListQuery } from '../schemas/api-keys';
import { parseJsonBody, parseQuery } from '../validation';

const admin = guard('admin');

export const apiKeyRoutes = new Hono<AppEnv>()
  .post(
    '/',
    admin(idempotent({ sensitive: { idField: 'id' } }), async (c) => {
      const input = await parseJsonBody(c, apiKeyCreateSchema);
      const { database, clock, logger } = c.env.services;
      const key = generateKey();
      const row = await insertApiKey(database.db, {
        name: input.name,
        scopes: input.scopes,
        key,
        now: clock.now(),
      });
      logger.info({ keyId: row.id, scopes: row.scopes, by: c.get('principal').id }, 'api key created');
      await c.env.services.audit.record({
        actor: c.get('principal'),
        action: 'api_key.created',
        target: row.id,
        details: { name: row.name, scopes: row.scopes },
      });
      const body: components['schemas']['ApiKeyCreated'] = { ...toApiKey(row), key };
      return c.json(body, 201, { Location: `/v1/api-keys/${row.id}` });
    }),
  )
  .get(
    '/',
    admin(async (c) => {
      const query = parseQuery(c, apiKeyListQuery);
      const after = idCursor(query.cursor);
      const rows = await listApiKeys(c.env.services.database.db, {
        after,
        limit: query.limit + 1,
        includeRevoked: query.includeRevoked,
      });
      const { data, nextCursor } = page(rows, query.limit, (last) => encodeIdCursor(last.id));
      const body: components['schemas']['ApiKeyList'] = { data: data.map(toApiKey), nextCursor };
      return c.json(body);
    }),
  )
  .get(
    '/:id',
    admin(async (c) => {
      const row = await findApiKey(c.env.services.database.db, pathParam(c, 'id'));
      if (!row) throw new ApiError(404, 'not_found', `No API key ${pathParam(c, 'id')}.`);
      return c.json(toApiKey(row));
    }),
  )
  .delete(
    '/:id',
    admin(async (c) => {
      const { database, clock, logger } = c.env.services;
      const result = await revokeApiKey(database.db, pathParam(c, 'id'), clock.now());
      if (!result) throw new ApiError(404, 'not_found', `No API key ${pathParam(c, 'id')}.`);
      if ('lastAdmin' in result) {
        throw new ApiError(
          409,
          'last_admin_key',
          'This is the last active admin key; create another admin key first.',
        );
      }
      c.env.services.keys.forget();
      logger.info({ keyId: result.row.id, by: c.get('principal').id }, 'api key revoked');
      await c.env.services.audit.record({
        actor: c.get('principal'),
        action: 'api_key.revoked',
        target: result.row.id,
        details: { name: result.row.name, scopes: result.row.scopes },
      });
      return c.json(toApiKey(result.row));
    }),
  );
