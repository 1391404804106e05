import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EventStore } from '../../eventStore/eventStore.ts';
import type { AuditService } from '../../audit/log/auditService.ts';
import { BundleServer } from '../../audit/bundle/servedBundle.ts';
import { NotFoundError } from '../../errors/notFoundError.ts';

/** `GET /api/audit/bundle`: the offline audit bundle as a .tar.gz, for `verify-bundle` on any machine. */
export const auditBundleRoutes: FastifyPluginAsyncZod<{ store: EventStore; audit: AuditService }> = async (app, { store, audit }) => {
  const bundles = new BundleServer(store, audit);
  app.addHook('onClose', () => bundles.close());
  app.get(
    '/api/audit/bundle',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit bundle (src/audit/bundle/FORMAT.md) up to the latest signed checkpoint, as a .tar.gz',
        description: 'Extract it and run `transition-ledger verify-bundle <dir> --expect-verifier-key <the published vkey>`. 404 while no checkpoint exists.',
        produces: ['application/gzip'],
      },
    },
    async (_request, reply) => {
      const bundle = await bundles.latest();
      if (!bundle) throw new NotFoundError('Checkpoint', 'latest');
      return reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="${bundle.name}.tar.gz"`)
        .header('cache-control', 'no-cache')
        .send(bundle.stream);
    },
  );
};
