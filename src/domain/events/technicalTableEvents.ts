import { z } from 'zod';
import { Id, IsoDate, LgId, list, shortText } from '../primitives.ts';
import { personalText } from '../personalText.ts';

export const TableMember = z.strictObject({ /** Erasable: sealed since schema v2. */ name: personalText(), sector: shortText() });
export type TableMember = z.infer<typeof TableMember>;

export const TechnicalTableEstablished = z.strictObject({
  tableId: Id,
  name: shortText(),
  scope: z.enum(['provincial-development', 'municipal-led', 'regional-led']),
  lgIds: list(LgId, 1),
  members: list(TableMember),
  establishedOn: IsoDate,
});
export type TechnicalTableEstablished = z.infer<typeof TechnicalTableEstablished>;

export const TechnicalTableMemberJoined = z.strictObject({
  tableId: Id,
  member: TableMember,
  joinedOn: IsoDate,
});
export type TechnicalTableMemberJoined = z.infer<typeof TechnicalTableMemberJoined>;
