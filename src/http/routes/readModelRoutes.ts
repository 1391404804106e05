import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { budgetView } from '../../../projections/budgetView.ts';
import { complianceBoard } from '../../../projections/complianceBoard.ts';
import { transitionCompliance } from '../../../projections/transitionCompliance.ts';
import { inheritedPlansView } from '../../../projections/inheritedPlansView.ts';
import { listLocalGovernments, localGovernmentView } from '../../../projections/localGovernmentView.ts';
import { planView } from '../../../projections/planView.ts';
import { memoByView } from '../../../projections/memoByView.ts';
import { transitionDossierView } from '../../../projections/transitionDossierView.ts';
import { Id, LgId, shortText } from '../../domain/primitives.ts';
import { NotFoundError } from '../../errors/notFoundError.ts';
import type { LedgerReader } from '../../readModels/ledgerReader.ts';
import { encodeAnswer, JSON_TYPE, UNKEPT_BROTLI_QUALITY } from '../caching/answerCache.ts';
import { responseEncoding } from '../caching/httpCaching.ts';
import { PointInTimeQuery, toPointInTime } from '../pointInTimeQuery.ts';
import { PinnedLgAnswers } from './pinnedLgAnswers.ts';
import {
  BudgetView, ComplianceBoard, ComplianceBoardFilter, InheritedPlansView, LocalGovernmentList, LocalGovernmentView, PlanView, TransitionComplianceView,
  TransitionDossierView,
} from '../../../projections/readModelSchemas.ts';

/** Read models: each is the pure projection of the log, as of a date and/or as known at a position. */
// Whole-ledger answers, checked against their schema and serialized once per view: between two
// events every list or budget read is the same bytes, so a read costs a lookup, not a projection.
const localGovernmentList = memoByView((view) => JSON.stringify(LocalGovernmentList.parse(listLocalGovernments(view))));
const budget = memoByView((view) => JSON.stringify(BudgetView.parse(budgetView(view))));

/** The board's filters (exact matches) beside the point in time. */
const ComplianceBoardQuery = PointInTimeQuery.extend({
  department: shortText().optional().describe('Only transitions of local governments of this department, e.g. `Cusco`'),
  province: shortText().optional().describe('Only transitions of local governments of this province, e.g. `Chumbivilcas`'),
  directive: ComplianceBoardFilter.shape.directive.describe('Only transitions under this directive'),
});

export const readModelRoutes: FastifyPluginAsyncZod<{ reader: LedgerReader }> = async (app, { reader }) => {
  const found = <T>(value: T | undefined, resource: string, id: string): T => {
    if (value === undefined) throw new NotFoundError(resource, id);
    return value;
  };
  const tags = ['read models'];
  // Every answer here is a function of the head and the URL: kept encoded, a repeated read is a lookup.
  const config = { cacheAnswers: true };

  app.get(
    '/api/local-governments',
    { config, schema: { tags, summary: 'Local governments with their current authority, transition status, plans and budget', querystring: PointInTimeQuery, response: { 200: LocalGovernmentList } } },
    async (request, reply) => reply.type(JSON_TYPE).send(localGovernmentList(await reader.view(toPointInTime(request.query))) as never),
  );

  const pinnedLgAnswers = new PinnedLgAnswers(reader);
  app.get(
    '/api/local-governments/:lgId',
    // Pinned answers are kept by the route itself, by what they depend on: not again by URL.
    { config: { ...config, pinnedKeptByRoute: true }, schema: { tags, summary: 'A local government: terms, plans, transitions, allocations and funding', params: z.object({ lgId: LgId }), querystring: PointInTimeQuery, response: { 200: LocalGovernmentView } } },
    async (request, reply) => {
      const { lgId } = request.params;
      const at = toPointInTime(request.query);
      if (at.atPosition !== undefined && at.asOf === undefined) {
        const text = found(await pinnedLgAnswers.answer(lgId, at.atPosition, request.ledgerHead), 'Local government', lgId);
        // Its bytes are sent once (the next position has others): encoded here, cheaply; @fastify/compress leaves them alone.
        const answer = encodeAnswer(text, JSON_TYPE, responseEncoding(request), UNKEPT_BROTLI_QUALITY);
        if (answer.encoding !== 'identity') reply.header('content-encoding', answer.encoding);
        return reply.type(JSON_TYPE).send(answer.body as never);
      }
      return found(localGovernmentView(await reader.localGovernment(lgId, at), lgId), 'Local government', lgId);
    },
  );

  app.get(
    '/api/local-governments/:lgId/inherited-plans',
    { config, schema: { tags, summary: 'Plans adopted under an earlier term, and the current term’s decision on each', params: z.object({ lgId: LgId }), querystring: PointInTimeQuery, response: { 200: InheritedPlansView } } },
    async (request) =>
      found(inheritedPlansView(await reader.localGovernment(request.params.lgId, toPointInTime(request.query)), request.params.lgId), 'Local government', request.params.lgId),
  );

  app.get(
    '/api/transitions/:transitionId',
    { config, schema: { tags, summary: 'Transition dossier: commission, decisions, items, observations and act', params: z.object({ transitionId: Id }), querystring: PointInTimeQuery, response: { 200: TransitionDossierView } } },
    async (request) =>
      found(transitionDossierView(await reader.view(toPointInTime(request.query)), request.params.transitionId), 'Transition', request.params.transitionId),
  );

  app.get(
    '/api/transitions/:transitionId/compliance',
    { schema: { tags, summary: 'A transition against its directive: each stage and document done, pending or not applicable, and the act’s signatories', params: z.object({ transitionId: Id }), querystring: PointInTimeQuery, response: { 200: TransitionComplianceView } } },
    async (request) =>
      found(transitionCompliance(await reader.view(toPointInTime(request.query)), request.params.transitionId), 'Transition', request.params.transitionId),
  );

  app.get(
    '/api/compliance',
    { schema: { tags, summary: 'Every transition with its current stage, documents done and pending, act and open observations', querystring: ComplianceBoardQuery, response: { 200: ComplianceBoard } } },
    async (request) => {
      const { department, province, directive, ...at } = request.query;
      return complianceBoard(await reader.view(toPointInTime(at)), { department, province, directive });
    },
  );

  app.get(
    '/api/plans/:planId',
    { config, schema: { tags, summary: 'A plan’s lineage: drafts, versions, adoption, recognition, inheritance decisions, allocations', params: z.object({ planId: Id }), querystring: PointInTimeQuery, response: { 200: PlanView } } },
    async (request) => found(planView(await reader.view(toPointInTime(request.query)), request.params.planId), 'Plan', request.params.planId),
  );

  app.get(
    '/api/budget',
    { config, schema: { tags, summary: 'Committed and allocated totals by sector, funder and local government', querystring: PointInTimeQuery, response: { 200: BudgetView } } },
    async (request, reply) => reply.type(JSON_TYPE).send(budget(await reader.view(toPointInTime(request.query))) as never),
  );
};
