import { describe, expect, it } from 'vitest';
import { referencedStreams } from '../../../src/domain/referencedStreams.ts';
import {
  CHUMBIVILCAS,
  QUINOTA,
  actSigned,
  budgetAllocated,
  commissionFormed,
  entryRetracted,
  fundingCommitted,
  inheritanceDecided,
  itemRecorded,
  lgRegistered,
  planAdopted,
  planDrafted,
  projectRegistered,
  tableEstablished,
  termStarted,
} from './fixtures.ts';

describe('the streams a fact involves', () => {
  it('are its own stream when it refers to nothing else', () => {
    expect(referencedStreams(lgRegistered())).toEqual([`lg-${QUINOTA}`]);
    expect(referencedStreams(termStarted())).toEqual([`lg-${QUINOTA}`]);
    expect(referencedStreams(planAdopted())).toEqual(['plan-cdp-quinota-2021']);
    expect(referencedStreams(actSigned())).toEqual(['transition-transition-quinota-2018']);
  });

  it("include the local government's stream", () => {
    expect(referencedStreams(planDrafted())).toEqual(['plan-cdp-quinota-2021', `lg-${QUINOTA}`]);
    expect(referencedStreams(inheritanceDecided())).toEqual(['plan-cdp-quinota-2021', `lg-${QUINOTA}`]);
    expect(referencedStreams(commissionFormed())).toEqual(['transition-transition-quinota-2018', `lg-${QUINOTA}`]);
  });

  it('include every local government of a table or project, once', () => {
    expect(referencedStreams(tableEstablished({ lgIds: [QUINOTA, CHUMBIVILCAS, QUINOTA] }))).toEqual([
      'table-mesa-chumbivilcas',
      `lg-${QUINOTA}`,
      `lg-${CHUMBIVILCAS}`,
    ]);
    expect(referencedStreams(projectRegistered({ lgIds: [CHUMBIVILCAS] }))).toEqual(['project-riego-quinota', `lg-${CHUMBIVILCAS}`]);
  });

  it('include the table a commitment was made at', () => {
    expect(referencedStreams(fundingCommitted())).toEqual(['project-riego-quinota']);
    expect(referencedStreams(fundingCommitted({ tableId: 'mesa-chumbivilcas' }))).toEqual([
      'project-riego-quinota',
      'table-mesa-chumbivilcas',
    ]);
  });

  it('include the plan or project a handover item refers to', () => {
    expect(referencedStreams(itemRecorded({ category: 'plan', ref: 'cdp-quinota-2021' }))).toEqual([
      'transition-transition-quinota-2018',
      'plan-cdp-quinota-2021',
    ]);
    expect(referencedStreams(itemRecorded({ category: 'project', ref: 'riego-quinota' }))).toEqual([
      'transition-transition-quinota-2018',
      'project-riego-quinota',
    ]);
    expect(referencedStreams(itemRecorded({ category: 'document', ref: 'exp-1' }))).toEqual(['transition-transition-quinota-2018']);
  });

  it("of an allocation are the budget, the local government's terms, the plan and the project", () => {
    expect(referencedStreams(budgetAllocated())).toEqual([
      `budget-${QUINOTA}`,
      `lg-${QUINOTA}`,
      'plan-cdp-quinota-2021',
      'project-riego-quinota',
    ]);
  });

  it('of a retraction are left to the handler, which reads the stream of its target', () => {
    expect(referencedStreams(entryRetracted())).toEqual([]);
  });
});
