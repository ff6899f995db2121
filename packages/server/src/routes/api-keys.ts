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
import { idempotent } from '../middleware/idempotency';
import { encodeIdCursor, idCursor, page } from '../pagination';
import { ApiError } from '../problem';
import { apiKeyCreateSchema, apiKeyListQuery } from '../schemas/api-keys';
import { parseJsonBody, parseQuery } from '../validation';

export const apiKeyRoutes = new Hono<AppEnv>()
  .use(guard('admin'))
  .post('/', idempotent({ sensitive: { idField: 'id' } }), async (c) => {
    const input = await parseJsonBody(c, apiKeyCreateSchema);
    const { database, clock, logger } = c.get('services');
    const key = generateKey();
    const row = await insertApiKey(database.db, {
      name: input.name,
      scopes: input.scopes,
      key,
      now: clock.now(),
    });
    logger.info({ keyId: row.id, scopes: row.scopes, by: c.get('principal').id }, 'api key created');
    await c.get('services').audit.record({
      actor: c.get('principal'),
      action: 'api_key.created',
      target: row.id,
      details: { name: row.name, scopes: row.scopes },
    });
    const body: components['schemas']['ApiKeyCreated'] = { ...toApiKey(row), key };
    return c.json(body, 201, { Location: `/v1/api-keys/${row.id}` });
  })
  .get('/', async (c) => {
    const query = parseQuery(c, apiKeyListQuery);
    const after = idCursor(query.cursor);
    const rows = await listApiKeys(c.get('services').database.db, {
      after,
      limit: query.limit + 1,
      includeRevoked: query.includeRevoked,
    });
    const { data, nextCursor } = page(rows, query.limit, (last) => encodeIdCursor(last.id));
    const body: components['schemas']['ApiKeyList'] = { data: data.map(toApiKey), nextCursor };
    return c.json(body);
  })
  .get('/:id', async (c) => {
    const row = await findApiKey(c.get('services').database.db, c.req.param('id'));
    if (!row) throw new ApiError(404, 'not_found', `No API key ${c.req.param('id')}.`);
    return c.json(toApiKey(row));
  })
  .delete('/:id', async (c) => {
    const { database, clock, logger } = c.get('services');
    const result = await revokeApiKey(database.db, c.req.param('id'), clock.now());
    if (!result) throw new ApiError(404, 'not_found', `No API key ${c.req.param('id')}.`);
    if ('lastAdmin' in result) {
      throw new ApiError(
        409,
        'last_admin_key',
        'This is the last active admin key; create another admin key first.',
      );
    }
    c.get('services').keys.forget();
    logger.info({ keyId: result.row.id, by: c.get('principal').id }, 'api key revoked');
    await c.get('services').audit.record({
      actor: c.get('principal'),
      action: 'api_key.revoked',
      target: result.row.id,
      details: { name: result.row.name, scopes: result.row.scopes },
    });
    return c.json(toApiKey(result.row));
  });
